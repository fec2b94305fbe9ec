// SSH terminals on a provisioned host's machine ('host-ssh'): host.ssh on the host
// (administrators only by default), the host key pinned at provisioning always checked. Everything
// after opening is shared with container terminals (terminal-handlers.ts).
import { hostSshOpenSchema } from '@/lib/schemas/streams.ts';
import { openHostSshSession } from '@/lib/services/streams/terminals/ssh-session.ts';
import type { SocketDoor } from '../socket-door.ts';
import type { StreamSocket, StreamsDeps } from './stream-types.ts';
import { registerTerminalKind } from './terminal-handlers.ts';

export const MAX_SSH_SESSIONS_PER_SOCKET = 4;

export function registerHostSshHandlers(on: SocketDoor, socket: StreamSocket, deps: StreamsDeps): void {
  registerTerminalKind(on, socket, {
    kind: 'host-ssh',
    schema: hostSshOpenSchema,
    requires: (input) => [{ permission: 'host.ssh', target: { type: 'host', id: input.hostId } }],
    max: MAX_SSH_SESSIONS_PER_SOCKET,
    what: 'SSH sessions',
    open: (input, events) => openHostSshSession(deps.machines(), socket.data.actor, input, events, { idleMs: deps.execIdleMs }),
    reply: (session) => ({ sessionId: session.id, login: session.login, hostKey: session.hostKey }),
  });
}
