// socket.io on the console's HTTP server. Connections are accepted only from our own Origin and
// with a valid session cookie; each socket joins the rooms of the hosts its user may see, and
// every few seconds (at once when access changes) sessions are checked again, so a signed-out,
// disabled or demoted user loses live data within seconds.
import type { Server as HttpServer } from 'node:http';
import { parse as parseCookies } from 'cookie';
import { Server, type Socket } from 'socket.io';
import type { Db } from '@/lib/db/client.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { isAllowed, visibleHosts } from '@/lib/auth/permissions.ts';
import { resolveSession, SESSION_COOKIE } from '@/lib/auth/session-store.ts';
import type { ChangeFeed } from '@/lib/events/change-feed.ts';
import type { Inventory } from '@/lib/services/inventory/inventory.ts';
import { hostRoom, SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '../protocol.ts';
import { expectedOrigin, originAllowed } from './check-origin.ts';

type SocketData = { actor: Actor; token: string };
type WharfSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>;

export type RealtimeDeps = { db: Db; inventory: Inventory; changes: ChangeFeed; publicUrl: string | undefined; revalidateMs?: number };

export type RealtimeServer = { io: Server; close(): Promise<void> };

export function createRealtimeServer(httpServer: HttpServer, deps: RealtimeDeps): RealtimeServer {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SocketData>(httpServer, {
    path: SOCKET_PATH,
    // WebSocket only: browsers always send Origin on a WebSocket handshake, so it can be required.
    transports: ['websocket'],
    serveClient: false,
    maxHttpBufferSize: 64 * 1024,
    allowRequest: (req, callback) => {
      const ok = originAllowed(req.headers.origin, expectedOrigin(deps.publicUrl, req.headers.host));
      callback(ok ? null : 'Origin not allowed', ok);
    },
  });

  io.use(async (socket, next) => {
    try {
      const token = parseCookies(socket.handshake.headers.cookie ?? '')[SESSION_COOKIE];
      const actor = await resolveSession(deps.db, token, socket.handshake.address);
      if (!actor || !token) return next(new Error('Not signed in'));
      socket.data = { actor, token };
      next();
    } catch {
      // Fail closed: no database, no socket.
      next(new Error('Cannot check the session right now'));
    }
  });

  async function syncRooms(socket: WharfSocket): Promise<void> {
    const visible = visibleHosts(socket.data.actor.grants, 'host.view');
    const hostIds = visible === 'all' ? (await deps.db.host.findMany({ select: { id: true } })).map((h) => h.id) : [...visible];
    const wanted = new Set(hostIds.map(hostRoom));
    for (const room of socket.rooms) if (room.startsWith('host:') && !wanted.has(room)) socket.leave(room);
    for (const room of wanted) if (!socket.rooms.has(room)) socket.join(room);
  }

  io.on('connection', (socket: WharfSocket) => {
    syncRooms(socket).catch(() => socket.disconnect(true));
  });

  /** Re-checks sessions (optionally only one user's), dropping sockets whose session is gone. */
  async function revalidate(userId?: string): Promise<void> {
    const sockets = (await io.fetchSockets()) as unknown as WharfSocket[];
    for (const socket of sockets) {
      const live = io.sockets.sockets.get(socket.id) as WharfSocket | undefined;
      if (!live || (userId && live.data.actor.id !== userId)) continue;
      let actor: Actor | null = null;
      try {
        actor = await resolveSession(deps.db, live.data.token, live.handshake.address);
      } catch {
        actor = null; // fail closed
      }
      if (!actor) {
        live.emit('session:ended', { reason: 'Your session ended. Sign in again.' });
        live.disconnect(true);
        continue;
      }
      live.data.actor = actor;
      await syncRooms(live).catch(() => live.disconnect(true));
    }
  }

  const timer = setInterval(() => void revalidate().catch(() => {}), deps.revalidateMs ?? 5000);
  timer.unref();

  const stopInventory = deps.inventory.onUpdate((update) => {
    const room = io.to(hostRoom(update.hostId));
    if (update.kind === 'status') room.emit('host:status', { hostId: update.hostId, status: update.status, reason: update.reason, since: update.since });
    else if (update.kind === 'facts') room.emit('host:facts', { hostId: update.hostId, facts: update.facts, at: new Date().toISOString() });
    else room.emit('engine:event', { hostId: update.hostId, event: update.event });
  });

  const stopChanges = deps.changes.subscribe((change) => {
    if (change.type === 'user.access-changed') {
      void revalidate(change.userId).catch(() => {});
      return;
    }
    const message = { hostId: change.hostId, change: change.type.slice('host.'.length) as 'added' | 'updated' | 'removed' };
    if (change.type === 'host.removed') {
      io.to(hostRoom(change.hostId)).emit('host:changed', message);
      io.in(hostRoom(change.hostId)).socketsLeave(hostRoom(change.hostId));
      return;
    }
    // New or changed host: let every socket whose user may see it join its room first.
    void (async () => {
      for (const socket of io.sockets.sockets.values() as Iterable<WharfSocket>) {
        if (isAllowed(socket.data.actor.grants, 'host.view', { type: 'host', id: change.hostId })) socket.join(hostRoom(change.hostId));
      }
      io.to(hostRoom(change.hostId)).emit('host:changed', message);
    })();
  });

  return {
    io,
    async close() {
      clearInterval(timer);
      stopInventory();
      stopChanges();
      await io.close();
    },
  };
}
