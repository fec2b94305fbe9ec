// An SSH session with a machine Wharf provisions: connect (retrying while the machine is not
// reachable yet, failing at once on a refused key or a changed host key), run commands built by
// remote-command.ts, and write or read files with their content on stdin/stdout only.
import 'server-only';
import ssh2, { Client, type ClientChannel } from 'ssh2';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { pauseStep, throwIfCancelled, type SshLogin, type StepIo } from '../drivers/step-io.ts';
import { describeSshError, keyLoginConfig } from '../ssh/ssh-client.ts';
import { assertSafePath, commandLine, describeCommand, modeString, remoteScript, type RemoteCommand } from './remote-command.ts';

export interface RunResult {
  code: number;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  /** Default 60 s. */
  timeoutMs?: number;
  /** Needs root: run through `sudo -n` unless the login is root (see checkPrivileges). */
  sudo?: boolean;
  /** Exit codes that are not a failure (default [0]); 'any' returns whatever happened. */
  okCodes?: readonly number[] | 'any';
  /** Sent on the command's stdin (then closed). */
  stdin?: string | Buffer;
  /** Log stdout and stderr line by line to io.log as they come (for long installs). */
  logOutput?: boolean;
}

export interface MachineShell {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  /** "SHA256:…" fingerprint of the host key the machine presented (pin it). */
  readonly hostKey: string;
  /** The login is uid 0 (set by checkPrivileges). */
  root: boolean;
  /** Commands that need root go through passwordless sudo (set by checkPrivileges). */
  sudo: boolean;
  run(command: RemoteCommand, io: StepIo, options?: RunOptions): Promise<RunResult>;
  /** Writes a file as root: content on stdin to a temporary file beside it, chmod, then rename over. */
  writeFile(path: string, content: string, mode: number, io: StepIo): Promise<void>;
  /** Reads a file as root; null when it does not exist. */
  readFile(path: string, io: StepIo): Promise<string | null>;
  close(): void;
}

/** What went wrong while connecting, for the retry loop. */
export type SshFailure = 'auth' | 'host-key' | 'retry' | 'fatal';

const RETRY_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'EAI_AGAIN', 'EPIPE']);

/** Sorts an ssh2 connection error: retry while the machine is coming up, stop at once when retrying cannot help. */
export function classifySshError(error: unknown, hostKeyMismatch = false): SshFailure {
  if (hostKeyMismatch) return 'host-key';
  const e = error as { level?: string; code?: string; message?: string } | null;
  if (e?.level === 'client-authentication') return 'auth';
  if (e?.code && RETRY_CODES.has(e.code)) return 'retry';
  if (e?.level === 'client-timeout') return 'retry';
  const message = e?.message ?? '';
  if (/timed out while waiting for handshake|connection lost before handshake|socket closed|keepalive timeout|closed before the handshake/i.test(message)) return 'retry';
  return 'fatal';
}

const USERNAME = /^[A-Za-z_][A-Za-z0-9_.-]{0,31}\$?$/;

function validateLogin(login: SshLogin): void {
  if (!login.host || /[\s/]/.test(login.host) || login.host.length > 253) throw new AppError('INVALID_INPUT', msg('provisioning.errors.ssh.badAddress', { host: login.host }));
  if (!Number.isInteger(login.port) || login.port < 1 || login.port > 65535) throw new AppError('INVALID_INPUT', msg('provisioning.errors.ssh.badPort', { port: String(login.port) }));
  if (!USERNAME.test(login.username)) throw new AppError('INVALID_INPUT', msg('provisioning.errors.ssh.badUser', { user: login.username }));
  // ssh2 is CommonJS: `utils` is only reachable through its default export under Node's ESM loader.
  const parsed = ssh2.utils.parseKey(login.privateKey);
  if (parsed instanceof Error || (Array.isArray(parsed) && parsed.length === 0)) {
    const reason = parsed instanceof Error ? parsed.message : 'no key found';
    throw new AppError('INVALID_INPUT', msg('provisioning.errors.ssh.badKey', { reason }));
  }
}

interface Attempt {
  client: Client;
  hostKey: string;
}

function attemptConnect(login: SshLogin, readyTimeoutMs: number, signal: AbortSignal): Promise<Attempt> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let seen = '';
    let mismatch = false;
    let settled = false;
    const finish = (error: unknown | null) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener('abort', onAbort);
      if (error) {
        client.end();
        reject(error);
      } else resolve({ client, hostKey: seen });
    };
    const onAbort = () => finish(signal.reason instanceof Error ? signal.reason : new Error('Cancelled'));
    signal.addEventListener('abort', onAbort, { once: true });
    const config = keyLoginConfig(login, readyTimeoutMs, (fingerprint) => {
      seen = fingerprint;
      if (login.hostKey && login.hostKey !== seen) {
        mismatch = true;
        return false;
      }
      return true;
    });
    client.once('ready', () => finish(null));
    // 'on', not 'once': a socket can fail again after the first error, and an error with no listener is thrown.
    client.on('error', (error: Error) => finish(Object.assign(error, { hostKeyMismatch: mismatch, seenHostKey: seen })));
    client.once('close', () => finish(Object.assign(new Error('connection closed before the handshake'), { hostKeyMismatch: mismatch, seenHostKey: seen })));
    try {
      client.connect(config);
    } catch (error) {
      finish(error);
    }
  });
}

/**
 * Logs in to a machine over SSH. Connection refused, unreachable and timeouts are retried (each
 * attempt logged) until `timeoutMs`: a new machine's sshd may not be up yet. A refused key or a host
 * key other than the pinned one fail at once: retrying cannot fix them.
 */
export async function connectMachine(login: SshLogin, io: StepIo, options: { timeoutMs: number }): Promise<MachineShell> {
  validateLogin(login);
  const where = `${login.username}@${login.host}:${login.port}`;
  const deadline = Date.now() + options.timeoutMs;
  for (let attempt = 1; ; attempt++) {
    throwIfCancelled(io);
    const remaining = deadline - Date.now();
    try {
      io.log(msg('provisioning.log.sshConnecting', { where, attempt }));
      const { client, hostKey } = await attemptConnect(login, Math.max(1_000, Math.min(remaining, 15_000)), io.signal);
      io.log(msg('provisioning.log.sshConnected', { where, hostKey, pinned: login.hostKey ? 'yes' : 'no' }));
      return new SshMachineShell(client, login, hostKey);
    } catch (error) {
      throwIfCancelled(io);
      const e = error as Error & { hostKeyMismatch?: boolean; seenHostKey?: string };
      const kind = classifySshError(e, e.hostKeyMismatch === true);
      if (kind === 'auth') {
        throw new AppError(
          'INVALID_INPUT',
          msg('provisioning.errors.ssh.refusedKey', { user: login.username, detail: e.message, host: login.host }),
          { cause: error },
        );
      }
      if (kind === 'host-key') {
        throw new AppError(
          'PRECONDITION',
          msg('provisioning.errors.ssh.hostKeyChanged', { at: `${login.host}:${login.port}`, seen: String(e.seenHostKey), pinned: String(login.hostKey) }),
          { cause: error },
        );
      }
      const reason = describeSshError(e);
      if (kind === 'fatal') {
        throw new AppError('ENGINE_UNREACHABLE', msg('provisioning.errors.ssh.loginFailed', { where, reason }), { cause: error });
      }
      const left = deadline - Date.now();
      if (left <= 0) {
        throw new AppError(
          'ENGINE_UNREACHABLE',
          msg('provisioning.errors.ssh.unreachable', { at: `${login.host}:${login.port}`, seconds: Math.round(options.timeoutMs / 1000), attempts: attempt, reason }),
          { cause: error },
        );
      }
      const pause = Math.min(left, Math.min(1_000 * attempt, 5_000));
      io.log(msg('provisioning.log.sshRetry', { at: `${login.host}:${login.port}`, reason, seconds: (pause / 1000).toFixed(pause < 1_000 ? 1 : 0) }));
      await pauseStep(io, pause);
    }
  }
}

/** Keeps at most `max` characters of a growing output (the end: that is where errors are). */
class Tail {
  private text = '';
  constructor(private readonly max: number) {}
  push(chunk: string) {
    this.text += chunk;
    if (this.text.length > this.max * 2) this.text = this.text.slice(-this.max);
  }
  toString() {
    return this.text.length > this.max ? this.text.slice(-this.max) : this.text;
  }
}

/** Splits streamed output into whole lines for io.log. */
class LineLogger {
  private partial = '';
  constructor(private readonly log: (line: string) => void) {}
  push(chunk: string) {
    const lines = (this.partial + chunk).split(/\r?\n|\r/);
    this.partial = lines.pop() ?? '';
    for (const line of lines) if (line.trim()) this.log(line.trimEnd().slice(0, 2_000));
  }
  flush() {
    if (this.partial.trim()) this.log(this.partial.trimEnd().slice(0, 2_000));
    this.partial = '';
  }
}

const WRITE_FILE = `set -e
umask 077
mkdir -p -- "$(dirname -- "$1")"
tmp="$1.wharf-tmp.$$"
trap 'rm -f -- "$tmp"' EXIT
cat > "$tmp"
chmod "$2" "$tmp"
mv -f -- "$tmp" "$1"`;

const READ_FILE = `if [ -e "$1" ]; then exec cat -- "$1"; fi
exit 3`;

class SshMachineShell implements MachineShell {
  readonly host: string;
  readonly port: number;
  readonly username: string;
  root = false;
  sudo = false;
  private closed = false;

  constructor(
    private readonly client: Client,
    login: SshLogin,
    readonly hostKey: string,
  ) {
    this.host = login.host;
    this.port = login.port;
    this.username = login.username;
    client.on('error', () => {});
    client.once('close', () => {
      this.closed = true;
    });
  }

  run(command: RemoteCommand, io: StepIo, options: RunOptions = {}): Promise<RunResult> {
    throwIfCancelled(io);
    const what = describeCommand(command);
    if (this.closed) return Promise.reject(new AppError('ENGINE_UNREACHABLE', `The SSH connection to ${this.host} was lost; "${what}" was not run.`));
    let useSudo = false;
    if (options.sudo && !this.root) {
      if (!this.sudo) return Promise.reject(new Error(`"${what}" needs root: run checkPrivileges first`));
      useSudo = true;
    }
    const line = commandLine(command, { sudo: useSudo });
    const timeoutMs = options.timeoutMs ?? 60_000;
    const okCodes = options.okCodes ?? [0];
    return new Promise<RunResult>((resolve, reject) => {
      this.client.exec(line, (error, channel: ClientChannel) => {
        if (error) return reject(new AppError('ENGINE_UNREACHABLE', `Could not run "${what}" on ${this.host} over SSH: ${error.message}`, { cause: error }));
        const stdout = new Tail(1 << 20);
        const stderr = new Tail(64 << 10);
        const outLog = options.logOutput ? new LineLogger(io.log) : null;
        const errLog = options.logOutput ? new LineLogger(io.log) : null;
        let code: number | null = null;
        let signal: string | null = null;
        let settled = false;
        const settle = (fn: () => void) => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          io.signal.removeEventListener('abort', onAbort);
          fn();
        };
        const onAbort = () =>
          settle(() => {
            channel.close();
            reject(io.signal.reason instanceof Error ? io.signal.reason : new Error('Cancelled'));
          });
        const timer = setTimeout(
          () =>
            settle(() => {
              channel.close();
              reject(new AppError('ENGINE_ERROR', `"${what}" did not finish within ${Math.round(timeoutMs / 1000)} s on ${this.host}.`));
            }),
          timeoutMs,
        );
        io.signal.addEventListener('abort', onAbort, { once: true });
        channel.on('data', (chunk: Buffer) => {
          const text = chunk.toString('utf8');
          stdout.push(text);
          outLog?.push(text);
        });
        channel.stderr.on('data', (chunk: Buffer) => {
          const text = chunk.toString('utf8');
          stderr.push(text);
          errLog?.push(text);
        });
        channel.on('exit', (exitCode: number | null, exitSignal?: string) => {
          code = exitCode;
          signal = exitSignal ?? null;
        });
        channel.on('close', () =>
          settle(() => {
            outLog?.flush();
            errLog?.flush();
            if (code === null) {
              const how = signal ? `was killed by ${signal}` : 'ended without an exit code (the connection was lost?)';
              return reject(new AppError('ENGINE_UNREACHABLE', `"${what}" ${how} on ${this.host}.`));
            }
            const result = { code, stdout: stdout.toString(), stderr: stderr.toString() };
            if (okCodes !== 'any' && !okCodes.includes(code)) {
              const detail = (result.stderr.trim() || result.stdout.trim()).split('\n').slice(-8).join('\n');
              return reject(new AppError('ENGINE_ERROR', `"${what}" failed on ${this.host} (exit code ${code})${detail ? `: ${detail}` : '.'}`));
            }
            resolve(result);
          }),
        );
        if (options.stdin !== undefined) channel.end(options.stdin);
        else channel.end();
      });
    });
  }

  async writeFile(path: string, content: string, mode: number, io: StepIo): Promise<void> {
    assertSafePath(path);
    await this.run(remoteScript('write file', WRITE_FILE, [path, modeString(mode)]), io, { sudo: true, stdin: content });
  }

  async readFile(path: string, io: StepIo): Promise<string | null> {
    assertSafePath(path);
    const res = await this.run(remoteScript('read file', READ_FILE, [path]), io, { sudo: true, okCodes: [0, 3] });
    return res.code === 3 ? null : res.stdout;
  }

  close(): void {
    this.closed = true;
    this.client.end();
  }
}
