// Socket handlers for terminals: open (authorized here: container.exec on the host; a refusal is
// audited by authorize()), keystrokes in, output out (paused while the browser is behind),
// resize, close. Several sessions per socket; all of them end when the socket goes.
import { authorize } from '@/lib/auth/authorize.ts';
import { AppError } from '@/lib/errors.ts';
import type { ExecOpenRequest } from '@/lib/realtime/stream-protocol.ts';
import { execArgv } from '@/lib/services/streams/terminals/exec-command.ts';
import { openExecSession, type ExecSession } from '@/lib/services/streams/terminals/exec-session.ts';
import { failure } from './ack.ts';
import { pauseWhileCongested } from './flow-control.ts';
import { registerTerminalControls } from './terminal-controls.ts';
import type { StreamSocket, StreamsDeps } from './stream-types.ts';

export const MAX_EXEC_SESSIONS_PER_SOCKET = 8;
const ID = /^[A-Za-z0-9_.-]{1,128}$/;

export function registerExecHandlers(socket: StreamSocket, deps: StreamsDeps): void {
  const sessions = socket.data.execs;
  let opening = 0;

  socket.on('exec:open', async (request: ExecOpenRequest, ack) => {
    if (typeof ack !== 'function') return;
    try {
      if (!request || typeof request.hostId !== 'string' || !ID.test(request.hostId) || typeof request.containerId !== 'string' || !ID.test(request.containerId)) {
        throw new AppError('NOT_FOUND', 'Not found.');
      }
      await authorize(deps.db, socket.data.actor, 'container.exec', { type: 'host', id: request.hostId });
      if (sessions.size + opening >= MAX_EXEC_SESSIONS_PER_SOCKET) throw new AppError('PRECONDITION', `At most ${MAX_EXEC_SESSIONS_PER_SOCKET} terminals at once per tab.`);
      const argv = execArgv(request.shell ?? { kind: 'sh' });
      opening++;
      let session: ExecSession;
      try {
        session = await openExecSession(
          deps.engines(),
          socket.data.actor,
          { hostId: request.hostId, containerId: request.containerId, argv, user: request.user, workdir: request.workdir, cols: request.cols, rows: request.rows },
          {
            onData: (data) => {
              socket.emit('exec:data', { sessionId: session.id, data });
              pauseWhileCongested(socket, session.output, () => session.closed);
            },
            onExit: (reason) => {
              sessions.delete(session.id);
              if (socket.connected) socket.emit('exec:exit', { sessionId: session.id, reason });
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
      sessions.set(session.id, session);
      ack({ ok: true, data: { sessionId: session.id, command: argv } });
      session.begin();
    } catch (error) {
      ack(failure(error));
    }
  });

  registerTerminalControls(socket, 'exec', sessions);
}
