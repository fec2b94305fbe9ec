// Container terminals ('exec'): container.exec on the host, argv only (sh, bash or a command),
// several per tab. Everything after opening is shared with SSH terminals (terminal-handlers.ts).
import { execOpenSchema } from '@/lib/schemas/streams.ts';
import { execArgv } from '@/lib/services/streams/terminals/exec-command.ts';
import { openExecSession } from '@/lib/services/streams/terminals/exec-session.ts';
import type { SocketDoor } from '../socket-door.ts';
import type { StreamSocket, StreamsDeps } from './stream-types.ts';
import { registerTerminalKind } from './terminal-handlers.ts';

export const MAX_EXEC_SESSIONS_PER_SOCKET = 8;

export function registerExecHandlers(on: SocketDoor, socket: StreamSocket, deps: StreamsDeps): void {
  registerTerminalKind(on, socket, {
    kind: 'exec',
    schema: execOpenSchema,
    requires: (input) => [{ permission: 'container.exec', target: { type: 'host', id: input.hostId } }],
    max: MAX_EXEC_SESSIONS_PER_SOCKET,
    what: 'terminals',
    open: (input, events) =>
      openExecSession(deps.engines(), socket.data.actor, { hostId: input.hostId, containerId: input.containerId, argv: execArgv(input.shell), user: input.user, workdir: input.workdir, cols: input.cols, rows: input.rows }, events, { idleMs: deps.execIdleMs }),
    reply: (session) => ({ sessionId: session.id, command: session.input.argv }),
  });
}
