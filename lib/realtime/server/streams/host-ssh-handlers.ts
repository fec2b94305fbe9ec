// Socket handlers for SSH terminals on a provisioned host's machine ('host-ssh' terminals): open
// (authorized here: host.ssh on the host, administrators only by default; a refusal is audited by
// authorize()), keystrokes in, output out (paused while the browser is behind, as for exec),
// resize, close. All of a socket's sessions end when it goes.
import { authorize } from '@/lib/auth/authorize.ts';
import { AppError } from '@/lib/errors.ts';
import type { HostSshOpenRequest } from '@/lib/realtime/stream-protocol.ts';
import { openHostSshSession, type HostSshSession } from '@/lib/services/streams/terminals/ssh-session.ts';
import { failure } from './ack.ts';
import { pauseWhileCongested } from './flow-control.ts';
import { registerTerminalControls } from './terminal-controls.ts';
import type { StreamSocket, StreamsDeps } from './stream-types.ts';

export const MAX_SSH_SESSIONS_PER_SOCKET = 4;
const ID = /^[A-Za-z0-9_.-]{1,128}$/;

export function registerHostSshHandlers(socket: StreamSocket, deps: StreamsDeps): void {
  const sessions = socket.data.ssh;
  let opening = 0;

  socket.on('host-ssh:open', async (request: HostSshOpenRequest, ack) => {
    if (typeof ack !== 'function') return;
    try {
      if (!request || typeof request.hostId !== 'string' || !ID.test(request.hostId)) throw new AppError('NOT_FOUND', 'Not found.');
      await authorize(deps.db, socket.data.actor, 'host.ssh', { type: 'host', id: request.hostId });
      if (sessions.size + opening >= MAX_SSH_SESSIONS_PER_SOCKET) throw new AppError('PRECONDITION', `At most ${MAX_SSH_SESSIONS_PER_SOCKET} SSH sessions at once per tab.`);
      opening++;
      let session: HostSshSession | null = null;
      try {
        session = await openHostSshSession(
          deps.machines(),
          socket.data.actor,
          { hostId: request.hostId, cols: Number(request.cols), rows: Number(request.rows) },
          {
            onData: (data) => {
              if (!session) return;
              socket.emit('host-ssh:data', { sessionId: session.id, data });
              pauseWhileCongested(socket, session.output, () => session?.closed ?? true);
            },
            onExit: (reason) => {
              if (!session) return;
              sessions.delete(session.id);
              if (socket.connected) socket.emit('host-ssh:exit', { sessionId: session.id, reason });
            },
          },
          { idleMs: deps.execIdleMs },
        );
      } finally {
        opening--;
      }
      if (socket.disconnected) {
        void session.close('The browser disconnected.');
        return;
      }
      if (session.closed) throw new AppError('PRECONDITION', 'The shell ended as soon as it opened.');
      sessions.set(session.id, session);
      ack({ ok: true, data: { sessionId: session.id, login: session.login, hostKey: session.hostKey } });
      session.begin();
    } catch (error) {
      ack(failure(error));
    }
  });

  registerTerminalControls(socket, 'host-ssh', sessions);
}
