// The container back end of a terminal session (terminal-session.ts): an exec with a TTY,
// attached both ways over the engine's hijacked connection. Its start is audited with the
// command, and it leaves no process behind: after the stream is closed, an exec still running is
// signalled (HUP, then KILL) through a second, constant exec that finds the session's processes
// by a mark in their environment.
import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Duplex } from 'node:stream';
import { finished } from 'node:stream/promises';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { settleAudit, startAudit, type AuditTarget } from '@/lib/audit/record-audit.ts';
import { AppError, isAppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { ServiceDeps } from '@/lib/services/deps.ts';
import { hostEngine, type EngineApi, type HostEngine } from '@/lib/services/engine/index.ts';
import { guardExistingContainer } from '@/lib/services/policy/guard-workload.ts';
import type { Requirement } from '@/lib/auth/permissions.ts';
import { checkExecUser, checkTerminalSize, checkWorkdir, killSessionArgv, SESSION_MARK_VAR } from './exec-command.ts';
import { TerminalSession, type TerminalBackend, type TerminalEvents } from './terminal-session.ts';
import { log } from '@/lib/observability/logger.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;

export type OpenExecInput = {
  hostId: string;
  containerId: string;
  argv: string[];
  user?: string;
  workdir?: string;
  cols: number;
  rows: number;
};

/** What opened: the input, and the requirements checked beyond the door's (the unrestricted right, for a privileged container). */
export type ExecSession = TerminalSession<OpenExecInput & { alsoRequires: Requirement[] }>;

/** How long the end of a session may take: the checks and the HUP/KILL rounds. */
const REAP_MS = 20_000;
const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function describeCommand(input: Pick<OpenExecInput, 'argv' | 'user' | 'workdir'>): string {
  return `command ${JSON.stringify(input.argv)}${input.user ? ` as ${input.user}` : ''}${input.workdir ? ` in ${input.workdir}` : ''}`.slice(0, 400);
}

/** True when the exec is no longer running (signalling what is left of the session if needed). */
async function reapProcesses(api: EngineApi, containerId: string, execId: string, mark: string): Promise<boolean> {
  const running = async () => (await api.inspectExec(execId)).Running === true;
  if (!(await running())) return true;
  for (const signal of ['HUP', 'KILL'] as const) {
    const killer = await api.createExec(containerId, { Cmd: killSessionArgv(mark, signal), User: '0', AttachStdout: true, AttachStderr: true });
    const output = await api.startExec(killer);
    output.resume();
    await finished(output).catch(() => {});
    for (let i = 0; i < 20; i++) {
      if (!(await running())) return true;
      await pause(100);
    }
  }
  return !(await running());
}

function execBackend(engine: HostEngine, containerId: string, execId: string, stream: Duplex, mark: string): TerminalBackend {
  return {
    outputs: [stream],
    flow: stream,
    write: (data) => stream.write(data),
    resize: (size) => engine.call(msg('engineText.doing.resizeTerminal'), (api) => api.resizeExec(execId, size), { ms: 5000 }),
    onEnd(ended) {
      stream.on('end', () => ended(msg('streamText.ended.command')));
      stream.on('close', () => ended(msg('streamText.ended.command')));
      stream.on('error', () => ended(msg('streams.ended.engineLost')));
    },
    async hangUp() {
      stream.on('error', () => {});
      stream.end();
      stream.destroy();
      const gone = await engine.call(msg('engineText.doing.endTerminal'), (api) => reapProcesses(api, containerId, execId, mark), { ms: REAP_MS });
      return gone ? null : 'A process may still run in the container.';
    },
  };
}

/** Opens a terminal in a container. The caller has authorized `container.exec` on the host; the
 * container's own configuration is judged here. */
export async function openExecSession(deps: Deps, actor: Actor, input: OpenExecInput, events: TerminalEvents, options: { idleMs?: number } = {}): Promise<ExecSession> {
  const user = checkExecUser(input.user);
  const workdir = checkWorkdir(input.workdir);
  const size = checkTerminalSize(input.cols, input.rows);
  const engine = await hostEngine(deps, input.hostId);
  const info = await engine.call(msg('engineText.doing.findContainer', { name: input.containerId.slice(0, 12) }), (api) => api.inspectContainer(input.containerId));
  const target: AuditTarget = { type: 'container', id: info.Id.slice(0, 64), name: `${engine.hostName}/${info.Name.replace(/^\//, '')}` };
  // A terminal runs with the container's privileges: one the actor could not have created needs
  // the unrestricted right (audited when refused), and the session is cut off if that right goes.
  const alsoRequires = await guardExistingContainer(deps.db, actor, engine, info, { action: 'container.exec', needs: msg('guardText.needs.terminal') });
  if (!info.State?.Running) {
    throw new AppError('PRECONDITION', msg('streams.errors.notRunning'));
  }
  const about = { ...input, user, workdir, alsoRequires };
  // If the start cannot be recorded, the session does not open.
  const pending = await startAudit(deps.db, subjectOf(actor), 'container.exec', target, describeCommand(about));
  const mark = randomBytes(16).toString('hex');
  let session: ExecSession | null = null;
  try {
    const { execId, stream } = await engine.call(msg('engineText.doing.startTerminal'), async (opening) => {
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
    const backend = execBackend(engine, input.containerId, execId, stream, mark);
    session = new TerminalSession(about, backend, { db: deps.db, actor, action: 'container.exec.end', target, describe: describeCommand(about) }, events, options.idleMs);
    await Promise.resolve(backend.resize(size)).catch(() => {});
    await settleAudit(deps.db, pending, { result: 'succeeded', message: describeCommand(about) });
    return session;
  } catch (error) {
    // A session whose start could not be recorded as started does not stay open.
    if (session) await session.close(msg('streamText.ended.notRecorded'));
    await settleAudit(deps.db, pending, { result: 'failed', message: `${describeCommand(about)}; could not start` }).catch(() => {});
    if (isAppError(error)) throw error;
    log('exec').error({ err: error }, 'could not open a session');
    throw new AppError('INTERNAL', msg('streams.errors.auditFailed'), { cause: error });
  }
}
