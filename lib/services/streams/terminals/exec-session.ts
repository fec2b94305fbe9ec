// A terminal in a container: an exec with a TTY, attached both ways over the engine's hijacked
// connection. A session is audited twice (start with its command, end with why and how long),
// ends on close, on idle, or when its owner loses access (the socket layer calls close), and
// leaves no process behind: after the stream is closed, an exec still running is signalled
// (HUP, then KILL) through a second, constant exec that finds the session's processes by a mark.
import { randomBytes } from 'node:crypto';
import { finished } from 'node:stream/promises';
import { StringDecoder } from 'node:string_decoder';
import type { Duplex, Readable } from 'node:stream';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { recordAudit, type AuditTarget } from '@/lib/audit/record-audit.ts';
import { AppError } from '@/lib/errors.ts';
import type { ServiceDeps } from '@/lib/services/deps.ts';
import { hostEngine, type EngineApi } from '@/lib/services/engine/index.ts';
import { checkExecUser, checkTerminalSize, checkWorkdir, killSessionArgv, SESSION_MARK_VAR } from './exec-command.ts';
import { IdleTimer } from './idle-timer.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;

export const DEFAULT_EXEC_IDLE_MS = 15 * 60_000;

/** WHARF_EXEC_IDLE_MINUTES, else 15 minutes. */
export function execIdleMsFromEnv(env: Record<string, string | undefined> = process.env): number {
  const minutes = Number(env.WHARF_EXEC_IDLE_MINUTES);
  return Number.isFinite(minutes) && minutes > 0 ? minutes * 60_000 : DEFAULT_EXEC_IDLE_MS;
}

export type OpenExecInput = {
  hostId: string;
  containerId: string;
  argv: string[];
  user?: string;
  workdir?: string;
  cols: number;
  rows: number;
};

export type ExecSessionEvents = {
  onData: (data: string) => void;
  /** Called once, after the session is closed and cleaned up. */
  onExit: (reason: string) => void;
};

const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export class ExecSession {
  readonly id = randomBytes(12).toString('hex');
  readonly startedAt = Date.now();
  private closing: Promise<void> | null = null;
  private readonly idle: IdleTimer;
  private readonly decoder = new StringDecoder('utf8');

  constructor(
    private readonly deps: Deps,
    private readonly actor: Actor,
    readonly input: OpenExecInput,
    private readonly engine: EngineApi,
    readonly execId: string,
    private readonly stream: Duplex,
    private readonly mark: string,
    private readonly auditTarget: AuditTarget,
    private readonly events: ExecSessionEvents,
    idleMs: number,
  ) {
    this.idle = new IdleTimer(idleMs, (message) => void this.close(message));
    stream.on('end', () => void this.close('The command ended.'));
    stream.on('close', () => void this.close('The command ended.'));
    stream.on('error', () => void this.close('The connection to the engine was lost.'));
    this.touch();
  }

  /** Starts delivering output (after the caller has told its client the session's id). */
  begin(): void {
    if (this.closing) return;
    this.stream.on('data', (chunk: Buffer) => {
      this.touch();
      const text = this.decoder.write(chunk);
      if (text) this.events.onData(text);
    });
  }

  /** The engine side of the session, for flow control. */
  get output(): Readable {
    return this.stream;
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
    this.stream.write(data);
  }

  async resize(cols: number, rows: number): Promise<void> {
    if (this.closing) return;
    const size = checkTerminalSize(cols, rows);
    await this.engine.resizeExec(this.execId, size);
  }

  /** Ends the session; safe to call many times (the first reason wins). */
  close(reason: string): Promise<void> {
    this.closing ??= this.shutdown(reason);
    return this.closing;
  }

  private async shutdown(reason: string): Promise<void> {
    this.idle.stop();
    this.stream.removeAllListeners('data');
    this.stream.on('error', () => {});
    this.stream.end();
    this.stream.destroy();
    let leftBehind = false;
    try {
      leftBehind = !(await this.reapProcesses());
    } catch (error) {
      console.error('[exec] could not check the session ended', error);
      leftBehind = true;
    }
    const seconds = Math.round((Date.now() - this.startedAt) / 1000);
    await recordAudit(this.deps.db, {
      subject: subjectOf(this.actor),
      action: 'container.exec.end',
      target: this.auditTarget,
      result: leftBehind ? 'failed' : 'succeeded',
      message: `${describeCommand(this.input)}; ${reason} After ${seconds} s.${leftBehind ? ' A process may still run in the container.' : ''}`,
    }).catch((error) => console.error('[audit] could not record the end of an exec session', error));
    this.events.onExit(reason);
  }

  /** True when the exec is no longer running (signalling what is left if needed). */
  private async reapProcesses(): Promise<boolean> {
    const running = async () => (await this.engine.inspectExec(this.execId)).Running === true;
    if (!(await running())) return true;
    for (const signal of ['HUP', 'KILL'] as const) {
      await this.signalSession(signal);
      for (let i = 0; i < 20; i++) {
        if (!(await running())) return true;
        await pause(100);
      }
    }
    return !(await running());
  }

  private async signalSession(signal: 'HUP' | 'KILL'): Promise<void> {
    const killer = await this.engine.createExec(this.input.containerId, { Cmd: killSessionArgv(this.mark, signal), User: '0', AttachStdout: true, AttachStderr: true });
    const output = await this.engine.startExec(killer);
    output.resume();
    await finished(output).catch(() => {});
  }
}

export function describeCommand(input: Pick<OpenExecInput, 'argv' | 'user' | 'workdir'>): string {
  return `command ${JSON.stringify(input.argv)}${input.user ? ` as ${input.user}` : ''}${input.workdir ? ` in ${input.workdir}` : ''}`.slice(0, 400);
}

/** Opens a terminal. The caller has authorized `container.exec` on the host. */
export async function openExecSession(deps: Deps, actor: Actor, input: OpenExecInput, events: ExecSessionEvents, options: { idleMs?: number } = {}): Promise<ExecSession> {
  const user = checkExecUser(input.user);
  const workdir = checkWorkdir(input.workdir);
  const size = checkTerminalSize(input.cols, input.rows);
  const engine = await hostEngine(deps, input.hostId);
  const info = await engine.call(`find container ${input.containerId.slice(0, 12)}`, (api) => api.inspectContainer(input.containerId));
  const target: AuditTarget = { type: 'container', id: info.Id.slice(0, 64), name: `${engine.hostName}/${info.Name.replace(/^\//, '')}` };
  if (!info.State?.Running) {
    throw new AppError('PRECONDITION', 'The container is not running: start it to open a terminal.');
  }
  // If the start cannot be recorded, the session does not open.
  const auditId = await recordAudit(deps.db, { subject: subjectOf(actor), action: 'container.exec', target, result: 'pending', message: describeCommand({ ...input, user, workdir }) });
  const mark = randomBytes(16).toString('hex');
  // The session's own calls (resize, the checks and signals at its end) run as long as they take.
  const api = engine.api();
  try {
    const { execId, stream } = await engine.call('start a terminal', async (opening) => {
      const execId = await opening.createExec(input.containerId, {
        Cmd: input.argv,
        Tty: true,
        AttachStdin: true,
        AttachStdout: true,
        AttachStderr: true,
        Env: [`${SESSION_MARK_VAR}=${mark}`, 'TERM=xterm-256color'],
        ...(user ? { User: user } : {}),
        ...(workdir ? { WorkingDir: workdir } : {}),
      });
      return { execId, stream: await opening.startExecHijacked(execId) };
    });
    const session = new ExecSession(deps, actor, { ...input, user, workdir }, api, execId, stream, mark, target, events, options.idleMs ?? DEFAULT_EXEC_IDLE_MS);
    await api.resizeExec(execId, size).catch(() => {});
    await deps.db.auditEntry.update({ where: { id: auditId }, data: { result: 'succeeded' } });
    return session;
  } catch (error) {
    await deps.db.auditEntry.update({ where: { id: auditId }, data: { result: 'failed', message: `${describeCommand(input)}; could not start`.slice(0, 500) } }).catch(() => {});
    throw error;
  }
}
