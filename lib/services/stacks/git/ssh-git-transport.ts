// Smart HTTP carried over SSH, for isomorphic-git (which speaks only HTTP): one SSH connection per
// read (ssh2, the library Wharf's SSH hosts use), the deploy key for the login, and the server's
// host key checked against the pinned fingerprint (or, on first use, kept by the caller). The HTTP
// client it gives isomorphic-git answers the two requests a fetch makes:
//   GET  …/info/refs?service=git-upload-pack → `git-upload-pack '<path>'`, its advertisement
//        (up to the first flush packet) behind the smart-HTTP service header;
//   POST …/git-upload-pack → a new `git-upload-pack '<path>'`, its advertisement skipped, the
//        request body written to its stdin, its stdout returned.
// The remote command is fixed text around a path that git-url.ts allowed (plain characters, single
// quoted); the TCP connection goes through the registry guard's lookup (no metadata or link-local
// address).
import 'server-only';
import net from 'node:net';
import type { GitHttpRequest, GitHttpResponse, HttpClient } from 'isomorphic-git';
import { Client, type ClientChannel } from 'ssh2';
import { guardedLookup, RefusedAddressError, refusedHost } from '@/lib/services/registries/registry-http.ts';
import { describeSshError } from '@/lib/services/hosts/ssh/ssh-client.ts';
import { fingerprintOf } from '@/lib/services/engine/ssh-dial-agent.ts';
import { uploadPackCommand, type SshGitAddress } from '@/lib/models/stacks/git-url.ts';

const READY_TIMEOUT_MS = 15_000;
const EXEC_TIMEOUT_MS = 60_000;
const MAX_ADVERTISEMENT = 8 * 1024 * 1024;

/** The URL isomorphic-git is given for an SSH repository: never fetched over HTTP, only answered by sshGitHttp. */
export const SSH_STAND_IN_URL = 'http://ssh-git.invalid/repo.git';

export class SshGitError extends Error {
  constructor(
    readonly reason: 'auth' | 'host-key' | 'unreachable' | 'remote',
    readonly detail: string,
    readonly expected?: string,
    readonly found?: string,
  ) {
    super(`${reason}: ${detail}`);
    this.name = 'SshGitError';
  }
}

export type SshGitLogin = { address: SshGitAddress; privateKey: string; /** "SHA256:…" to require; null: accept and report it. */ hostKey: string | null };

/** One SSH connection for a read; `seenHostKey` is the fingerprint the server showed. */
export class SshGitSession {
  seenHostKey: string | null = null;
  private client: Promise<Client> | null = null;

  constructor(private readonly login: SshGitLogin) {}

  private connect(): Promise<Client> {
    if (this.client) return this.client;
    const { address, privateKey, hostKey } = this.login;
    this.client = new Promise<Client>((resolve, reject) => {
      const refused = refusedHost(address.host);
      if (refused) return reject(refused);
      const client = new Client();
      let mismatch: SshGitError | null = null;
      const sock = net.connect({ host: address.host, port: address.port, lookup: guardedLookup });
      const giveUp = setTimeout(() => sock.destroy(Object.assign(new Error('timed out'), { code: 'ETIMEDOUT' })), READY_TIMEOUT_MS);
      sock.once('error', (error) => {
        clearTimeout(giveUp);
        reject(error instanceof RefusedAddressError ? error : new SshGitError('unreachable', describeSshError(error)));
      });
      sock.once('connect', () => {
        clearTimeout(giveUp);
        client.once('ready', () => resolve(client));
        client.once('error', (error: Error & { level?: string }) => {
          if (mismatch) reject(mismatch);
          else if (error.level === 'client-authentication') reject(new SshGitError('auth', error.message));
          else reject(new SshGitError('unreachable', describeSshError(error)));
        });
        client.connect({
          sock,
          username: address.user,
          privateKey,
          readyTimeout: READY_TIMEOUT_MS,
          hostVerifier: (key: Buffer) => {
            const found = fingerprintOf(key);
            this.seenHostKey = found;
            if (hostKey && hostKey !== found) {
              mismatch = new SshGitError('host-key', 'host key changed', hostKey, found);
              return false;
            }
            return true;
          },
        });
      });
    });
    return this.client;
  }

  close(): void {
    this.client?.then((c) => c.end()).catch(() => {});
  }

  /** Runs upload-pack; answers its advertisement (through the first flush) and the channel, positioned after it. */
  private async uploadPack(): Promise<{ advertisement: Buffer; channel: ClientChannel; rest: AsyncIterable<Buffer> }> {
    const client = await this.connect();
    const channel = await new Promise<ClientChannel>((resolve, reject) => client.exec(uploadPackCommand(this.login.address.path), (error, ch) => (error ? reject(new SshGitError('remote', error.message)) : resolve(ch))));
    const stderr: Buffer[] = [];
    channel.stderr.on('data', (d: Buffer) => stderr.length < 16 && stderr.push(d));
    const timer = setTimeout(() => channel.destroy(), EXEC_TIMEOUT_MS);
    channel.once('close', () => clearTimeout(timer));
    const iterator = (channel as unknown as AsyncIterable<Buffer>)[Symbol.asyncIterator]();
    let buffered = Buffer.alloc(0);
    let at = 0;
    // Packet lines: four hex digits of length (including themselves); 0000 is a flush.
    for (;;) {
      while (buffered.length - at >= 4) {
        const length = Number.parseInt(buffered.subarray(at, at + 4).toString('latin1'), 16);
        if (Number.isNaN(length)) throw new SshGitError('remote', 'not a git server answer');
        if (length === 0) {
          at += 4;
          const advertisement = buffered.subarray(0, at);
          const leftover = buffered.subarray(at);
          async function* rest() {
            if (leftover.length) yield leftover;
            for (;;) {
              const next = await iterator.next();
              if (next.done) return;
              yield next.value as Buffer;
            }
          }
          return { advertisement, channel, rest: rest() };
        }
        if (length < 4 || buffered.length - at < length) break;
        at += length;
      }
      if (buffered.length > MAX_ADVERTISEMENT) throw new SshGitError('remote', 'advertisement too large');
      const next = await iterator.next();
      if (next.done) {
        const said = Buffer.concat(stderr).toString('utf8').trim().split('\n')[0]?.slice(0, 200);
        throw new SshGitError('remote', said || 'git-upload-pack ended without answering');
      }
      buffered = Buffer.concat([buffered, next.value as Buffer]);
    }
  }

  /** The http client isomorphic-git fetches through (it answers only the two smart-HTTP requests of a fetch). */
  http(): HttpClient {
    return {
      request: async ({ url, method, body }: GitHttpRequest): Promise<GitHttpResponse> => {
        const { pathname, search } = new URL(url);
        if (method !== 'POST' && pathname.endsWith('/info/refs') && search === '?service=git-upload-pack') {
          const { advertisement, channel } = await this.uploadPack();
          channel.end('0000');
          const header = Buffer.from('001e# service=git-upload-pack\n0000');
          return answer(url, 'application/x-git-upload-pack-advertisement', (async function* () {
            yield new Uint8Array(Buffer.concat([header, advertisement]));
          })());
        }
        if (method === 'POST' && pathname.endsWith('/git-upload-pack')) {
          const { channel, rest } = await this.uploadPack();
          if (body) for await (const chunk of body) channel.write(Buffer.from(chunk));
          channel.end();
          return answer(url, 'application/x-git-upload-pack-result', (async function* () {
            for await (const chunk of rest) yield new Uint8Array(chunk);
          })());
        }
        return { url, method, statusCode: 404, statusMessage: 'Not Found', headers: {}, body: (async function* () {})() };
      },
    };
  }
}

function answer(url: string, contentType: string, body: AsyncIterableIterator<Uint8Array>): GitHttpResponse {
  return { url, method: 'GET', statusCode: 200, statusMessage: 'OK', headers: { 'content-type': contentType }, body };
}
