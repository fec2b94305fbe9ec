// The SSH back end of a terminal session (terminal-session.ts): a shell on the machine behind a
// provisioned host, one SSH connection per session (key auth, the host key checked against the
// one pinned at provisioning: any other key is refused before logging in), on a pty. Audited like
// a container terminal (host.ssh.start here, host.ssh.end by the session). Closing the channel
// hangs up the pty, so sshd ends the shell and what runs in its foreground. The private key is
// never logged.
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import { Client, type ClientChannel } from 'ssh2';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { settleAudit, startAudit, type AuditTarget } from '@/lib/audit/record-audit.ts';
import { AppError, isAppError } from '@/lib/errors.ts';
import { checkTerminalSize } from './exec-command.ts';
import { TerminalSession, type TerminalBackend, type TerminalEvents } from './terminal-session.ts';
import { openProvisionedMachine } from '../../hosts/lifecycle/open-provisioned-machine.ts';
import { describeLogin, sshTargetOf, type HostSshDeps, type PinnedSshLogin } from '../../hosts/ssh/host-ssh-login.ts';
import { describeSshError, keyLoginConfig } from '../../hosts/ssh/ssh-client.ts';
import { log } from '@/lib/observability/logger.ts';

export type OpenHostSshInput = { hostId: string; cols: number; rows: number };


export type HostSshOptions = {
  /** No traffic either way for this long closes the session (WHARF_EXEC_IDLE_MINUTES, as terminals). */
  idleMs?: number;
  /** For the SSH handshake and login, then again for the shell to open. */
  timeoutMs?: number;
};

const CLOSE_WAIT_MS = 3000;

export type HostSshSession = TerminalSession<{ hostId: string; login: string; hostKey: string }>;

/** Closing the channel hangs up the pty; ending the connection lets sshd finish the session. */
function sshBackend(client: Client, channel: ClientChannel): TerminalBackend {
  let exitStatus: string | null = null;
  let clientClosed = false;
  channel.on('exit', (code: number | null, signal?: string) => {
    exitStatus = signal ? `signal ${signal}` : code != null ? `exit code ${code}` : null;
  });
  client.on('close', () => (clientClosed = true));
  return {
    // With a pty the shell's stderr comes through the pty; anything sent apart is shown too.
    outputs: [channel, channel.stderr],
    // Pausing the channel stops SSH window updates.
    flow: channel,
    write: (data) => channel.write(data),
    resize: (size) => void channel.setWindow(size.rows, size.cols, 0, 0),
    onEnd(ended) {
      channel.on('close', () => ended(`The shell ended${exitStatus ? ` (${exitStatus})` : ''}.`));
      channel.on('error', () => ended(msg('streamText.ended.machineLost')));
      client.on('error', () => ended(msg('streamText.ended.machineLost')));
      client.on('close', () => ended(msg('streamText.ended.machineLost')));
    },
    async hangUp() {
      channel.on('error', () => {});
      client.on('error', () => {});
      try {
        channel.close();
      } catch {
        // already gone
      }
      client.end();
      if (!clientClosed) {
        await new Promise<void>((resolve) => {
          const timer = setTimeout(() => {
            client.destroy();
            resolve();
          }, CLOSE_WAIT_MS);
          timer.unref();
          client.once('close', () => {
            clearTimeout(timer);
            resolve();
          });
        });
      }
      return null;
    },
  };
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
      client.connect(
        keyLoginConfig(login, timeoutMs, (fingerprint) => {
          seen = fingerprint;
          return seen === login.hostKey;
        }),
      );
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
      msg('streamText.shell.hostKeyMismatch', { at: `${login.host}:${login.port}`, seen: error.seenHostKey, host: hostName, pinned: login.hostKey }),
    );
  }
  if (error.level === 'client-authentication') {
    return new AppError('PRECONDITION', msg('streamText.shell.keyRefused', { where, username: login.username }));
  }
  return new AppError('ENGINE_UNREACHABLE', msg('streamText.shell.loginFailed', { where, detail: describeSshError(error, 160) }));
}

function openShell(client: Client, size: { cols: number; rows: number }, timeoutMs: number): Promise<ClientChannel> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new AppError('ENGINE_UNREACHABLE', msg('streamText.shell.timeout'))), timeoutMs);
    timer.unref();
    client.shell({ term: 'xterm-256color', cols: size.cols, rows: size.rows }, (error, channel) => {
      clearTimeout(timer);
      if (error) reject(new AppError('ENGINE_ERROR', msg('streamText.shell.refused', { detail: error.message.slice(0, 160) })));
      else resolve(channel);
    });
  });
}

/** Opens a shell on the host's machine. The caller has authorized `host.ssh` on the host. */
export async function openHostSshSession(deps: HostSshDeps, actor: Actor, input: OpenHostSshInput, events: TerminalEvents, options: HostSshOptions = {}): Promise<HostSshSession> {
  const size = checkTerminalSize(input.cols, input.rows);
  const timeoutMs = options.timeoutMs ?? 15_000;
  // Registered (not provisioned) hosts and unknown ones are refused here, before any audit row.
  const machine = await openProvisionedMachine(deps, input.hostId);
  const target: AuditTarget = { type: 'host', id: machine.hostId, name: machine.hostName };
  // If the start cannot be recorded, the session does not open.
  const pending = await startAudit(deps.db, subjectOf(actor), 'host.ssh.start', target, `a shell on the machine (${machine.driver} driver)`);
  let client: Client | null = null;
  let session: HostSshSession | null = null;
  try {
    const { login } = sshTargetOf(deps.drivers, machine);
    const where = describeLogin(login);
    const about = `a shell as ${where}, host key ${login.hostKey}`;
    try {
      client = await connectPinned(login, timeoutMs);
    } catch (error) {
      throw explainConnectFailure(error as ConnectFailure, login, machine.hostName);
    }
    const channel = await openShell(client, size, timeoutMs);
    session = new TerminalSession({ hostId: machine.hostId, login: where, hostKey: login.hostKey }, sshBackend(client, channel), { db: deps.db, actor, action: 'host.ssh.end', target, describe: where }, events, options.idleMs);
    await settleAudit(deps.db, pending, { result: 'succeeded', message: about });
    return session;
  } catch (error) {
    if (session) await session.close(msg('streamText.ended.notRecorded'));
    else client?.end();
    const message = isAppError(error) ? error.message : 'Unexpected error (see server log)';
    await settleAudit(deps.db, pending, { result: 'failed', message }).catch(() => {});
    if (isAppError(error)) throw error;
    log('ssh').error({ err: error }, 'could not open a session');
    throw new AppError('INTERNAL', msg('streamText.shell.notStarted'), { cause: error });
  }
}
