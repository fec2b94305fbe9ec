// The streams namespace (STREAMS_NAMESPACE) on the console's socket.io server: log streams and
// terminals (container exec, and SSH on a provisioned host's machine). It shares the server's
// engine (WebSocket only, our Origin only: checked before any namespace) and authenticates each
// socket from the session cookie like the main namespace.
// The realtime server's session re-checks call revalidate(): an ended session disconnects its
// stream sockets (closing their terminals and streams); a user whose grants no longer allow a
// terminal or a log stream has it closed at once, the rest kept.
import { parse as parseCookies } from 'cookie';
import type { Server } from 'socket.io';
import type { Actor } from '@/lib/auth/actor.ts';
import { isAllowed } from '@/lib/auth/permissions.ts';
import { resolveSession, resolveSessions, SESSION_COOKIE } from '@/lib/auth/session-store.ts';
import { STREAMS_NAMESPACE } from '@/lib/realtime/stream-protocol.ts';
import { execIdleMsFromEnv } from '@/lib/services/streams/terminals/exec-session.ts';
import { registerEventHandlers } from './events.ts';
import { registerExecHandlers } from './exec-handlers.ts';
import { registerHostSshHandlers } from './host-ssh-handlers.ts';
import { mayStillReadLogs, registerLogHandlers } from './log-handlers.ts';
import { createStatsHub, registerStatsHandlers, type StatsHub } from './stats.ts';
import type { StreamNamespace, StreamSocket, StreamsDeps } from './stream-types.ts';

export type Streams = {
  namespace: StreamNamespace;
  /** Live stats feeds shared by their watchers (lib/realtime/server/streams/stats.ts). */
  stats: StatsHub;
  /** Re-checks the sessions of stream sockets (optionally one user's). */
  revalidate(userId?: string): Promise<void>;
  close(): Promise<void>;
};

export function attachStreams(io: Server, deps: Omit<StreamsDeps, 'execIdleMs'> & { execIdleMs?: number }): Streams {
  const full: StreamsDeps = { ...deps, execIdleMs: deps.execIdleMs ?? execIdleMsFromEnv() };
  const namespace = io.of(STREAMS_NAMESPACE) as unknown as StreamNamespace;
  const stats = createStatsHub(full);

  namespace.use(async (socket: StreamSocket, next) => {
    try {
      const token = parseCookies(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
      const actor = await resolveSession(deps.db, token, socket.handshake.address);
      if (!actor || !token) return next(new Error('Not signed in'));
      socket.data = { actor, token, logs: new Map(), execs: new Map(), ssh: new Map(), abort: new AbortController() };
      next();
    } catch {
      next(new Error('Cannot check the session right now'));
    }
  });

  namespace.on('connection', (socket: StreamSocket) => {
    registerLogHandlers(socket, full);
    registerExecHandlers(socket, full);
    registerHostSshHandlers(socket, full);
    registerStatsHandlers(socket, full, stats);
    registerEventHandlers(socket, full);
    socket.on('disconnect', () => {
      socket.data.abort.abort();
      for (const follow of [...socket.data.logs.values()]) follow.stop();
      for (const session of [...socket.data.execs.values()]) void session.close('The browser disconnected.');
      for (const session of [...socket.data.ssh.values()]) void session.close('The browser disconnected.');
    });
  });

  /** Closes what the socket's user may no longer use. */
  function enforce(socket: StreamSocket, actor: Actor): void {
    for (const session of socket.data.execs.values()) {
      if (!isAllowed(actor.grants, 'container.exec', { type: 'host', id: session.input.hostId })) void session.close('Your access to terminals on this host was withdrawn.');
    }
    for (const session of socket.data.ssh.values()) {
      if (!isAllowed(actor.grants, 'host.ssh', { type: 'host', id: session.hostId })) void session.close('Your access to SSH on this host was withdrawn.');
    }
    for (const follow of [...socket.data.logs.values()]) {
      if (!mayStillReadLogs(actor, follow.source)) follow.stop('Your access to these logs was withdrawn.');
    }
  }

  async function revalidate(userId?: string): Promise<void> {
    const sockets = [...(namespace.sockets.values() as Iterable<StreamSocket>)].filter((s) => s.data?.actor && (!userId || s.data.actor.id === userId));
    if (!sockets.length) return;
    let actors: Map<string, Actor | null>;
    try {
      actors = await resolveSessions(deps.db, sockets.map((s) => s.data.token));
    } catch {
      actors = new Map(); // fail closed
    }
    for (const socket of sockets) {
      const actor = actors.get(socket.data.token);
      if (!actor) {
        for (const session of socket.data.execs.values()) void session.close('Your session ended.');
        for (const session of socket.data.ssh.values()) void session.close('Your session ended.');
        socket.emit('session:ended', { reason: 'Your session ended. Sign in again.' });
        socket.disconnect(true);
        continue;
      }
      socket.data.actor = { ...actor, ip: socket.handshake.address };
      enforce(socket, socket.data.actor);
    }
  }

  return {
    namespace,
    stats,
    revalidate,
    async close() {
      stats.close();
      const closing: Promise<void>[] = [];
      for (const socket of namespace.sockets.values() as Iterable<StreamSocket>) {
        for (const session of socket.data.execs.values()) closing.push(session.close('The console is stopping.'));
        for (const session of socket.data.ssh.values()) closing.push(session.close('The console is stopping.'));
        socket.disconnect(true);
      }
      await Promise.allSettled(closing);
    },
  };
}
