// The streams namespace (STREAMS_NAMESPACE) on the console's socket.io server: log streams,
// terminals (container exec, and SSH on a provisioned host's machine), live stats and event
// feeds. It shares the server's engine (WebSocket only, our Origin only: checked before any
// namespace) and the one session guard; every client event passes the socket door, and what a
// socket opens is kept in its OpenStreams, which is how streams are cut off: when the session
// ends, when the socket goes, when the console stops, or when the user's access no longer covers
// what was checked at opening (the session re-check calls enforce()). One user's live streams,
// across all their sockets, are bounded (UserStreamLimit, WHARF_MAX_STREAMS_PER_USER).
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import type { Server } from 'socket.io';
import { STREAMS_NAMESPACE } from '@/lib/realtime/stream-protocol.ts';
import { createStatsHub, type StatsHub } from '@/lib/services/streams/stats/stats-hub.ts';
import { terminalIdleMsFromEnv } from '@/lib/services/streams/terminals/terminal-session.ts';
import { STREAM_KINDS, UserStreamLimit, type StreamKind } from '../open-streams.ts';
import { socketDoor } from '../socket-door.ts';
import type { SessionWatch } from '../socket-sessions.ts';
import { registerEventHandlers } from './events.ts';
import { registerLogHandlers } from './log-handlers.ts';
import { registerStatsHandlers } from './stats.ts';
import type { StreamNamespace, StreamSocket, StreamsDeps } from './stream-types.ts';
import { registerTerminalHandlers } from './terminal-handlers.ts';

export type Streams = {
  namespace: StreamNamespace;
  /** Live stats feeds shared by their watchers. */
  stats: StatsHub;
  /** Streams open and being opened now, by kind, across every socket (for /metrics). */
  counts(): Record<StreamKind, number>;
  close(): Promise<void>;
};

/** Registers every client event of the namespace on a socket, each through the socket door. */
export function registerStreamHandlers(socket: StreamSocket, deps: StreamsDeps, stats: StatsHub): void {
  const on = socketDoor(socket, deps.db);
  registerLogHandlers(on, socket, deps);
  registerTerminalHandlers(on, socket, deps);
  registerStatsHandlers(on, socket, stats, deps);
  registerEventHandlers(on, socket, deps);
}

export function attachStreams(io: Server, sessions: SessionWatch, deps: Omit<StreamsDeps, 'execIdleMs'> & { execIdleMs?: number; maxStreamsPerUser?: number }): Streams {
  const full: StreamsDeps = { ...deps, execIdleMs: deps.execIdleMs ?? terminalIdleMsFromEnv() };
  const namespace = io.of(STREAMS_NAMESPACE) as unknown as StreamNamespace;
  const stats = createStatsHub(full.engines);
  const perUser = new UserStreamLimit(deps.maxStreamsPerUser);

  sessions.guard<StreamSocket>(namespace, {
    admitted: (socket) => {
      socket.data.streams = perUser.join(socket.data.actor.id);
      socket.data.abort = new AbortController();
    },
    refreshed: (socket) => socket.data.streams.enforce(socket.data.actor),
    ended: (socket) => socket.data.streams.stopAll(msg('streamText.ended.session')),
  });

  namespace.on('connection', (socket: StreamSocket) => {
    registerStreamHandlers(socket, full, stats);
    socket.on('disconnect', () => {
      socket.data.abort.abort();
      void socket.data.streams.stopAll(socket.data.droppedFor === 'suspended' ? msg('streamText.ended.databaseAway') : msg('streams.errors.browserGone'));
      perUser.leave(socket.data.streams);
    });
  });

  return {
    namespace,
    stats,
    counts() {
      const counts = Object.fromEntries(STREAM_KINDS.map((kind) => [kind, 0])) as Record<StreamKind, number>;
      for (const socket of namespace.sockets.values() as Iterable<StreamSocket>) {
        for (const kind of STREAM_KINDS) counts[kind] += socket.data.streams?.count(kind) ?? 0;
      }
      return counts;
    },
    async close() {
      stats.close();
      const closing: Promise<void>[] = [];
      for (const socket of namespace.sockets.values() as Iterable<StreamSocket>) {
        closing.push(socket.data.streams.stopAll(msg('streamText.ended.consoleStopping')));
        socket.disconnect(true);
      }
      await Promise.allSettled(closing);
    },
  };
}
