// A shell on the machine behind a provisioned host, for the browser terminal: one SSH connection
// per session (key auth, the host key checked against the one pinned at provisioning: any other
// key is refused before logging in), an interactive shell on a pty, resize, and the bytes both
// ways. Audited twice like a container terminal (host.ssh.start, then host.ssh.end with why and
// how long). It ends on close, on idle, when its owner loses access (the socket layer calls
// close), when the shell exits or the connection drops; closing the channel hangs up the pty,
// so sshd ends the shell and what runs in its foreground. The private key is never logged.
import { randomBytes } from 'node:crypto';
import { StringDecoder } from 'node:string_decoder';
import type { Readable } from 'node:stream';
import { Client, type ClientChannel } from 'ssh2';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { recordAudit, type AuditTarget } from '@/lib/audit/record-audit.ts';
import { AppError, isAppError } from '@/lib/errors.ts';
import { checkTerminalSize } from '@/lib/services/streams/terminals/exec-command.ts';
import { DEFAULT_EXEC_IDLE_MS } from '@/lib/services/streams/terminals/exec-session.ts';
import { fingerprintOf } from '@/lib/services/engine/ssh-dial-agent.ts';
import { openProvisionedMachine } from '../../hosts/lifecycle/open-provisioned-machine.ts';
import { describeLogin, sshTargetOf, type HostSshDeps, type PinnedSshLogin } from '../../hosts/ssh/host-ssh-login.ts';
import { IdleTimer } from '@/lib/services/streams/terminals/idle-timer.ts';

export type OpenHostSshInput = { hostId: string; cols: number; rows: number };

export type HostSshEvents = {
  onData: (data: string) => void;
  /** Called once, after the session is closed and its end recorded. */
  onExit: (reason: string) => void;
};

export type HostSshOptions = {
  /** No traffic either way for this long closes the session (WHARF_EXEC_IDLE_MINUTES, as terminals). */
  idleMs?: number;
  /** For the SSH handshake and login, then again for the shell to open. */
  timeoutMs?: number;
};

const CLOSE_WAIT_MS = 3000;

export class HostSshSession {
  readonly id = randomBytes(12).toString('hex');
  readonly startedAt = Date.now();
  private closing: Promise<void> | null = null;
  private readonly idle: IdleTimer;
  private exitStatus: string | null = null;
  private readonly decoder = new StringDecoder('utf8');
  private readonly errDecoder = new StringDecoder('utf8');
  private clientClosed = false;

  constructor(
    private readonly deps: Pick<HostSshDeps, 'db'>,
    private readonly actor: Actor,
    readonly hostId: string,
    /** user@address:port */
    readonly login: string,
    readonly hostKey: string,
    private readonly client: Client,
    private readonly channel: ClientChannel,
    private readonly auditTarget: AuditTarget,
    private readonly events: HostSshEvents,
    idleMs: number,
  ) {
    this.idle = new IdleTimer(idleMs, (message) => void this.close(message));
    channel.on('exit', (code: number | null, signal?: string) => {
      this.exitStatus = signal ? `signal ${signal}` : code != null ? `exit code ${code}` : null;
    });
    channel.on('close', () => void this.close(`The shell ended${this.exitStatus ? ` (${this.exitStatus})` : ''}.`));
    channel.on('error', () => void this.close('The connection to the machine was lost.'));
    client.on('error', () => void this.close('The connection to the machine was lost.'));
    client.on('close', () => {
      this.clientClosed = true;
      void this.close('The connection to the machine was lost.');
    });
    this.touch();
  }

  /** Starts delivering output (after the caller has told its client the session's id). */
  begin(): void {
    if (this.closing) return;
    this.channel.on('data', (chunk: Buffer) => {
      this.touch();
      const text = this.decoder.write(chunk);
      if (text) this.events.onData(text);
    });
    // With a pty the shell's stderr comes through the pty; anything sent apart is shown too.
    this.channel.stderr.on('data', (chunk: Buffer) => {
      this.touch();
      const text = this.errDecoder.write(chunk);
      if (text) this.events.onData(text);
    });
  }

  /** The machine side of the session, for flow control: pausing it stops SSH window updates. */
  get output(): Readable {
    return this.channel;
  }

  get closed(): boolean {
    return this.closing !== null;
  }

  private touch(): void {
    if (this.closing) return;
    this.idle.touch();
  }

  write(data: string): void {
    if (this.closing || typeof data !== 'string') return;
    this.touch();
    this.channel.write(data);
  }

  resize(cols: number, rows: number): void {
    if (this.closing) return;
    const size = checkTerminalSize(cols, rows);
    this.channel.setWindow(size.rows, size.cols, 0, 0);
  }

  /** Ends the session; safe to call many times (the first reason wins). */
  close(reason: string): Promise<void> {
    this.closing ??= this.shutdown(reason);
    return this.closing;
  }

  private async shutdown(reason: string): Promise<void> {
    this.idle.stop();
    this.channel.removeAllListeners('data');
    this.channel.stderr.removeAllListeners('data');
    this.channel.on('error', () => {});
    this.client.on('error', () => {});
    // Closing the channel hangs up the pty; ending the connection lets sshd finish the session.
    try {
      this.channel.close();
    } catch {
      // already gone
    }
    this.client.end();
    if (!this.clientClosed) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          this.client.destroy();
          resolve();
        }, CLOSE_WAIT_MS);
        timer.unref();
        this.client.once('close', () => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    const seconds = Math.round((Date.now() - this.startedAt) / 1000);
    await recordAudit(this.deps.db, {
      subject: subjectOf(this.actor),
      action: 'host.ssh.end',
      target: this.auditTarget,
      result: 'succeeded',
      message: `${this.login}; ${reason} After ${seconds} s.`,
    }).catch((error) => console.error('[ssh] could not record the end of an SSH session', error));
    this.events.onExit(reason);
  }
}

type ConnectFailure = Error & { level?: string; code?: string; seenHostKey?: string | null };

/** Logs in with the key, accepting only the pinned host key. Rejects with the raw ssh2 error. */
function connectPinned(login: PinnedSshLogin, timeoutMs: number): Promise<Client> {
  return new Promise((resolve, reject) => {
    const client = new Client();
    let seen: string | null = null;
    let settled = false;
    const settle = (error: ConnectFailure | null) => {
      if (settled) return;
      settled = true;
      if (!error) return resolve(client);
      client.on('error', () => {});
      client.end();
      error.seenHostKey = seen;
      reject(error);
    };
    client.once('ready', () => settle(null));
    client.once('error', (error: ConnectFailure) => settle(error));
    client.once('close', () => settle(new Error('the connection closed before the login finished')));
    try {
      client.connect({
        host: login.host,
        port: login.port,
        username: login.username,
        privateKey: login.privateKey,
        readyTimeout: timeoutMs,
        keepaliveInterval: 15_000,
        keepaliveCountMax: 4,
        hostVerifier: (key: Buffer) => {
          seen = fingerprintOf(key);
          return seen === login.hostKey;
        },
      });
    } catch (error) {
      // A key ssh2 cannot parse: its message names the problem, never the key.
      settle(error as ConnectFailure);
    }
  });
}

/** One sentence for what went wrong while logging in (our words; ssh2's only as a short reason). */
function explainConnectFailure(error: ConnectFailure, login: PinnedSshLogin, hostName: string): AppError {
  const where = describeLogin(login);
  if (error.seenHostKey && error.seenHostKey !== login.hostKey) {
    return new AppError(
      'PRECONDITION',
      `The SSH host key of ${login.host}:${login.port} (${error.seenHostKey}) does not match the key pinned when "${hostName}" was provisioned (${login.hostKey}). Wharf did not log in: the machine may have been reinstalled, or someone may be intercepting the connection.`,
    );
  }
  if (error.level === 'client-authentication') {
    return new AppError('PRECONDITION', `The machine refused Wharf's SSH key for ${where}: the key Wharf installed at provisioning may have been removed from ~${login.username}/.ssh/authorized_keys.`);
  }
  const reason =
    error.code === 'ECONNREFUSED' ? 'connection refused'
    : error.code === 'EHOSTUNREACH' || error.code === 'EHOSTDOWN' ? 'host unreachable'
    : error.code === 'ENETUNREACH' ? 'network unreachable'
    : error.code === 'ETIMEDOUT' || error.level === 'client-timeout' || /timed out/i.test(error.message) ? 'timed out'
    : error.code === 'ENOTFOUND' ? 'name not found'
    : error.message.slice(0, 160);
  return new AppError('ENGINE_UNREACHABLE', `Could not log in to ${where} over SSH: ${reason}. Check that the machine is running and sshd answers.`);
}

function openShell(client: Client, size: { cols: number; rows: number }, timeoutMs: number): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new AppError('ENGINE_UNREACHABLE', 'The machine did not open a shell in time.')), timeoutMs);
    timer.unref();
    client.shell({ term: 'xterm-256color', cols: size.cols, rows: size.rows }, (error, channel) => {
      clearTimeout(timer);
      if (error) reject(new AppError('ENGINE_ERROR', `The machine refused to open a shell: ${error.message.slice(0, 160)}`));
      else resolve(channel);
    });
  });
}

/** Opens a shell on the host's machine. The caller has authorized `host.ssh` on the host. */
export async function openHostSshSession(deps: HostSshDeps, actor: Actor, input: OpenHostSshInput, events: HostSshEvents, options: HostSshOptions = {}): Promise<HostSshSession> {
  const size = checkTerminalSize(input.cols, input.rows);
  const timeoutMs = options.timeoutMs ?? 15_000;
  // Registered (not provisioned) hosts and unknown ones are refused here, before any audit row.
  const machine = await openProvisionedMachine(deps, input.hostId);
  const target: AuditTarget = { type: 'host', id: machine.hostId, name: machine.hostName };
  // If the start cannot be recorded, the session does not open.
  const auditId = await recordAudit(deps.db, { subject: subjectOf(actor), action: 'host.ssh.start', target, result: 'pending', message: `a shell on the machine (${machine.driver} driver)` });
  let client: Client | null = null;
  let session: HostSshSession | null = null;
  try {
    const { login } = sshTargetOf(deps.drivers, machine);
    const where = describeLogin(login);
    await deps.db.auditEntry.update({ where: { id: auditId }, data: { message: `a shell as ${where}, host key ${login.hostKey}` } });
    try {
      client = await connectPinned(login, timeoutMs);
    } catch (error) {
      throw explainConnectFailure(error as ConnectFailure, login, machine.hostName);
    }
    const channel = await openShell(client, size, timeoutMs);
    session = new HostSshSession(deps, actor, machine.hostId, where, login.hostKey, client, channel, target, events, options.idleMs ?? DEFAULT_EXEC_IDLE_MS);
    await deps.db.auditEntry.update({ where: { id: auditId }, data: { result: 'succeeded' } });
    return session;
  } catch (error) {
    if (session) await session.close('The start of the session could not be recorded.');
    else client?.end();
    const message = isAppError(error) ? error.message : 'Unexpected error (see server log)';
    await deps.db.auditEntry.update({ where: { id: auditId }, data: { result: 'failed', message: message.slice(0, 500) } }).catch(() => {});
    if (isAppError(error)) throw error;
    console.error('[ssh] could not open a session', error);
    throw new AppError('INTERNAL', 'The SSH session could not start (see the server log).', { cause: error });
  }
}
