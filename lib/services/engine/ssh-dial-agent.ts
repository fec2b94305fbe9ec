// An HTTP agent that reaches a Docker engine over SSH the way the docker CLI does: one SSH
// connection per host, and `docker system dial-stdio` on a fresh channel for each HTTP
// connection. The server's host key is checked against the pinned fingerprint.
import 'server-only';
import { createHash } from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { Client, type ClientChannel, type ConnectConfig } from 'ssh2';

export type SshTarget = {
  host: string;
  port: number;
  username: string;
  privateKey: string;
  passphrase?: string;
  /** "SHA256:…" to require, or null to accept and report the key (first use). */
  hostKey: string | null;
  readyTimeoutMs?: number;
};

export const fingerprintOf = (key: Buffer): string => `SHA256:${createHash('sha256').update(key).digest('base64').replace(/=+$/, '')}`;

export class SshHostKeyMismatch extends Error {
  constructor(readonly expected: string, readonly actual: string) {
    super(`SSH host key mismatch: expected ${expected}, got ${actual}`);
    this.name = 'SshHostKeyMismatch';
  }
}

export class DialStdioFailed extends Error {
  constructor(readonly detail: string) {
    super(`docker system dial-stdio failed: ${detail}`);
    this.name = 'DialStdioFailed';
  }
}

export class SshDialAgent extends http.Agent {
  private client: Client | null = null;
  private ready: Promise<Client> | null = null;
  /** The host key fingerprint seen on the last successful connection. */
  seenHostKey: string | null = null;

  constructor(private readonly target: SshTarget) {
    super({ keepAlive: true, maxSockets: 16 });
  }

  private connect(): Promise<Client> {
    if (this.ready) return this.ready;
    const client = new Client();
    this.client = client;
    let mismatch: SshHostKeyMismatch | null = null;
    this.ready = new Promise<Client>((resolve, reject) => {
      const config: ConnectConfig = {
        host: this.target.host,
        port: this.target.port,
        username: this.target.username,
        privateKey: this.target.privateKey,
        passphrase: this.target.passphrase,
        readyTimeout: this.target.readyTimeoutMs ?? 5000,
        keepaliveInterval: 10_000,
        keepaliveCountMax: 2,
        hostVerifier: (key: Buffer) => {
          const actual = fingerprintOf(key);
          this.seenHostKey = actual;
          if (this.target.hostKey && this.target.hostKey !== actual) {
            mismatch = new SshHostKeyMismatch(this.target.hostKey, actual);
            return false;
          }
          return true;
        },
      };
      client.once('ready', () => resolve(client));
      client.once('error', (error) => {
        this.forget(client);
        reject(mismatch ?? error);
      });
      client.once('close', () => this.forget(client));
      try {
        client.connect(config);
      } catch (error) {
        this.forget(client);
        reject(error);
      }
    });
    return this.ready;
  }

  private forget(client: Client) {
    if (this.client === client) {
      this.client = null;
      this.ready = null;
    }
  }

  override createConnection(_options: unknown, callback: (error: Error | null, socket?: Duplex) => void): undefined {
    this.connect()
      .then((client) =>
        client.exec('docker system dial-stdio', (error, channel: ClientChannel) => {
          if (error) return callback(error);
          let stderr = '';
          channel.stderr.on('data', (chunk: Buffer) => {
            if (stderr.length < 2000) stderr += chunk.toString('utf8');
          });
          channel.once('exit', (code: number | null) => {
            if (code && code !== 0) {
              channel.emit('error', new DialStdioFailed(stderr.trim() || `exit code ${code}`));
              channel.destroy();
            }
          });
          // http.ClientRequest calls these on sockets; an SSH channel has no such knobs.
          const socket = channel as unknown as Duplex & Record<string, unknown>;
          socket.setTimeout ??= () => socket;
          socket.setNoDelay ??= () => socket;
          socket.setKeepAlive ??= () => socket;
          socket.ref ??= () => socket;
          socket.unref ??= () => socket;
          callback(null, socket);
        }),
      )
      .catch((error: Error) => callback(error));
    return undefined;
  }

  override destroy(): void {
    super.destroy();
    this.client?.end();
    this.client = null;
    this.ready = null;
  }
}
