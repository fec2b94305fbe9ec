// Socket handlers for terminals: 'exec' in a container (container.exec on the host; argv only:
// sh, bash or a command) and 'host-ssh' on a provisioned host's machine (host.ssh on the host,
// administrators only by default; the host key pinned at provisioning always checked). Every kind
// has `<kind>:open` (through the socket door, with the kind's requirements),
// output out (paused while the browser is behind), and `<kind>:data`, `<kind>:resize` and
// `<kind>:close` on the socket's own sessions. Only how a session opens and what its open answers
// differ per kind. A session is tracked under the requirements checked when it opened, so losing
// them closes it; all of a socket's sessions end when it goes.
import 'server-only';
import type { Readable } from 'node:stream';
import type { z } from 'zod';
import type { Actor } from '@/lib/auth/actor.ts';
import type { Requirement } from '@/lib/auth/permissions.ts';
import { onContainer } from '@/lib/services/access/locate-target.ts';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { TerminalKind } from '@/lib/realtime/stream-protocol.ts';
import { execOpenSchema, hostSshOpenSchema, terminalDataSchema, terminalRefSchema, terminalResizeSchema } from '@/lib/schemas/streams.ts';
import { execArgv } from '@/lib/services/streams/terminals/exec-command.ts';
import { openExecSession } from '@/lib/services/streams/terminals/exec-session.ts';
import { openHostSshSession } from '@/lib/services/streams/terminals/ssh-session.ts';
import { OWN_STREAM, type SocketDoor } from '../socket-door.ts';
import { pauseWhileCongested } from './flow-control.ts';
import type { StreamSocket, StreamsDeps } from './stream-types.ts';

/** What the handlers need of a session, whatever its back end. */
export type TerminalSession = {
  readonly id: string;
  readonly closed: boolean;
  /** The far side's output, for flow control. */
  readonly output: Readable;
  /** Starts delivering output (once the browser knows the session's id). */
  begin(): void;
  write(data: string): void;
  resize(cols: number, rows: number): void | Promise<void>;
  close(reason: string): Promise<void>;
};

export type TerminalEvents = { onData(data: string): void; onExit(reason: string): void };

export type TerminalKindSpec<S extends z.ZodType, T extends TerminalSession, R> = {
  kind: TerminalKind;
  schema: S;
  requires: (input: z.infer<S>, actor: Actor) => Requirement[] | Promise<Requirement[]>;
  /** At most this many sessions of the kind per socket; `what` names them in the refusal. */
  max: number;
  what: 'terminals' | 'ssh';
  open(input: z.infer<S>, events: TerminalEvents): Promise<T>;
  /** What the open answers. */
  reply(session: T, input: z.infer<S>): R;
  /** Requirements the open checked itself (on what it found), which the session is also held to. */
  alsoRequires?: (session: T) => readonly Requirement[];
};

export function registerTerminalKind<S extends z.ZodType, T extends TerminalSession, R>(on: SocketDoor, socket: StreamSocket, spec: TerminalKindSpec<S, T, R>): void {
  const { kind } = spec;
  const sessions = new Map<string, T>();
  // The events of every kind have the same shapes; 'exec' stands for them in the types.
  const emit = socket.emit.bind(socket) as (event: 'exec:data' | 'exec:exit', message: { sessionId: string; data?: string; reason?: string }) => boolean;

  on(`${kind}:open`, spec.schema, spec.requires, async ({ input, track, afterReply }) => {
    if (socket.data.streams.count(kind) >= spec.max) throw new AppError('PRECONDITION', msg('streams.errors.perTab', { max: spec.max, what: spec.what }));
    let tracked: { release(): void } | null = null;
    let session: T | null = null;
    session = await socket.data.streams.opening(kind, () =>
      spec.open(input, {
        onData: (data) => {
          if (!session) return;
          emit(`${kind}:data` as 'exec:data', { sessionId: session.id, data });
          pauseWhileCongested(socket, session.output, () => session?.closed ?? true);
        },
        onExit: (reason) => {
          if (!session) return;
          sessions.delete(session.id);
          tracked?.release();
          if (socket.connected) emit(`${kind}:exit` as 'exec:exit', { sessionId: session.id, reason });
        },
      }),
    );
    const opened = session;
    if (socket.disconnected) {
      void opened.close('The browser disconnected.');
      throw new AppError('PRECONDITION', msg('streams.errors.browserGone'));
    }
    if (opened.closed) throw new AppError('PRECONDITION', msg('streams.errors.endedAtOnce'));
    sessions.set(opened.id, opened);
    tracked = track(kind, opened.id, (reason) => opened.close(reason), spec.alsoRequires?.(opened));
    afterReply(() => opened.begin());
    return spec.reply(opened, input);
  });

  on(`${kind}:data`, terminalDataSchema, OWN_STREAM, ({ input }) => {
    sessions.get(input.sessionId)?.write(input.data);
  });

  // An out-of-range size is refused by the session and ignored here.
  on(`${kind}:resize`, terminalResizeSchema, OWN_STREAM, async ({ input }) => {
    await sessions.get(input.sessionId)?.resize(input.cols, input.rows);
  });

  on(`${kind}:close`, terminalRefSchema, OWN_STREAM, async ({ input }) => {
    await sessions.get(input.sessionId)?.close('Closed by the user.');
  });
}

export const MAX_EXEC_SESSIONS_PER_SOCKET = 8;
export const MAX_SSH_SESSIONS_PER_SOCKET = 4;

export function registerTerminalHandlers(on: SocketDoor, socket: StreamSocket, deps: StreamsDeps): void {
  registerTerminalKind(on, socket, {
    kind: 'exec',
    schema: execOpenSchema,
    requires: async (input, actor) => [await onContainer(deps.engines(), actor, 'container.exec', input)],
    max: MAX_EXEC_SESSIONS_PER_SOCKET,
    what: 'terminals',
    open: (input, events) =>
      openExecSession(deps.engines(), socket.data.actor, { hostId: input.hostId, containerId: input.containerId, argv: execArgv(input.shell), user: input.user, workdir: input.workdir, cols: input.cols, rows: input.rows }, events, { idleMs: deps.execIdleMs }),
    reply: (session) => ({ sessionId: session.id, command: session.about.argv }),
    alsoRequires: (session) => session.about.alsoRequires,
  });
  registerTerminalKind(on, socket, {
    kind: 'host-ssh',
    schema: hostSshOpenSchema,
    requires: (input) => [{ permission: 'host.ssh', target: { type: 'host', id: input.hostId } }],
    max: MAX_SSH_SESSIONS_PER_SOCKET,
    what: 'ssh',
    open: (input, events) => openHostSshSession(deps.machines(), socket.data.actor, input, events, { idleMs: deps.execIdleMs }),
    reply: (session) => ({ sessionId: session.id, login: session.about.login, hostKey: session.about.hostKey }),
  });
}
