// socket.io on the console's HTTP server. Connections are accepted only from our own Origin and
// with a valid session cookie; each socket joins the rooms of the hosts its user may see, and
// every few seconds (at once when access changes) sessions are checked again, so a signed-out,
// disabled or demoted user loses live data within seconds.
// Several replicas: with `adapter` (the Postgres adapter, lib/runtime/start-console.ts) the main
// namespace's rooms span replicas, so what the replica watching a host emits to its room reaches
// sockets on every replica; changes arrive on every replica (the change relay), so what they
// cause is emitted to this replica's own sockets only. Streams stay local: a stream is served
// by the replica its socket is connected to.
import 'server-only';
import type { Server as HttpServer } from 'node:http';
import { Server, type Namespace, type Socket } from 'socket.io';
import { Adapter } from 'socket.io-adapter';
import type { Db } from '@/lib/db/client.ts';
import { isAllowed, visibleHosts } from '@/lib/auth/permissions.ts';
import type { ChangeFeed } from '@/lib/events/change-feed.ts';
import type { Inventory } from '@/lib/services/inventory/inventory.ts';
import { hostRoom, SOCKET_PATH, type ClientToServerEvents, type ServerToClientEvents } from '../protocol.ts';
import { expectedOrigin, originAllowed } from './check-origin.ts';
import { clientAddress, NO_PROXIES, type TrustedProxies } from '@/lib/http/client-address.ts';
import type { EngineClients } from '@/lib/services/engine/engine-clients.ts';
import type { Keyring } from '@/lib/crypto/secret-box.ts';
import type { ProvisionDrivers } from '@/lib/services/hosts/provision/provision-context.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { log } from '@/lib/observability/logger.ts';
import { requestIdFrom } from '@/lib/observability/request-context.ts';
import { watchSessions, type SessionData } from './socket-sessions.ts';
import type { AccessSource } from '@/lib/auth/access-cache.ts';
import { attachStreams } from './streams/attach-streams.ts';
import { socketLocale } from './socket-door.ts';
import { localizeText } from '@/lib/errors.ts';
import { LOCALES, type Locale } from '@/lib/i18n/locales.ts';

type WharfSocket = Socket<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SessionData>;

export type RealtimeDeps = {
  db: Db; inventory: Inventory; changes: ChangeFeed; publicUrl: string | undefined; revalidateMs?: number;
  /** Proxies whose X-Forwarded-For names the client (WHARF_TRUSTED_PROXIES); none unless given. */
  trustedProxies?: TrustedProxies;
  /** For log streams and terminals; without it, the runtime's clients (looked up when first needed). */
  engines?: EngineClients;
  /** For SSH terminals on provisioned machines; without them, the runtime's (looked up when first needed). */
  keyring?: Keyring;
  drivers?: ProvisionDrivers;
  execIdleMs?: number;
  /** The bound on one user's live streams across their sockets (WHARF_MAX_STREAMS_PER_USER); 100 unless given. */
  maxStreamsPerUser?: number;
  /** Where sessions' grants come from (the runtime's cache); read uncached unless given. */
  access?: AccessSource;
  /** The main namespace's adapter across replicas (socket.io's adapter factory); in memory without it. */
  adapter?: (nsp: Namespace) => Adapter;
};

/** The room of the sockets reading one language: status reasons are said to each in theirs. */
const localeRoom = (locale: Locale) => `locale:${locale}`;

export type RealtimeServer = {
  io: Server;
  /** Sockets connected (both namespaces) and streams open by kind, for /metrics. */
  counts(): { sockets: number; streams: Record<string, number> };
  close(): Promise<void>;
};

export function createRealtimeServer(httpServer: HttpServer, deps: RealtimeDeps): RealtimeServer {
  const io = new Server<ClientToServerEvents, ServerToClientEvents, Record<string, never>, SessionData>(httpServer, {
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
  const shared = deps.adapter;
  if (shared) {
    // socket.io constructs the adapter with `new`: a plain function, not an arrow.
    io.adapter(function adapterFor(nsp: Namespace) {
      return nsp.name === '/' ? shared(nsp) : new Adapter(nsp);
    } as unknown as typeof Adapter);
  }

  // The handshake's answer names the connection's request id (the client's X-Request-Id when safe);
  // the session middleware reads the same one from the request (lib/realtime/server/socket-sessions.ts).
  io.engine.on('initial_headers', (headers: Record<string, string>, req: { headers: Record<string, string | string[] | undefined> }) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    req.headers['x-request-id'] = requestId;
    headers['X-Request-Id'] = requestId;
  });

  const allHostIds = async () => (await deps.db.host.findMany({ select: { id: true } })).map((h) => h.id);

  /** Puts the socket in exactly the rooms of the hosts its user may see, and of its language. */
  function syncRooms(socket: WharfSocket, hostIds: readonly string[]): void {
    const visible = visibleHosts(socket.data.actor.grants, 'host.view');
    const wanted = new Set((visible === 'all' ? hostIds : [...visible]).map(hostRoom));
    for (const room of socket.rooms) if (room.startsWith('host:') && !wanted.has(room)) socket.leave(room);
    for (const room of wanted) if (!socket.rooms.has(room)) socket.join(room);
    syncLocaleRoom(socket);
  }

  function syncLocaleRoom(socket: WharfSocket): void {
    const mine = localeRoom(socketLocale(socket));
    for (const locale of LOCALES) if (localeRoom(locale) !== mine && socket.rooms.has(localeRoom(locale))) socket.leave(localeRoom(locale));
    if (!socket.rooms.has(mine)) socket.join(mine);
  }

  // One session guard and one re-check loop for both namespaces.
  const proxies = deps.trustedProxies ?? NO_PROXIES;
  const sessions = watchSessions(deps.db, { access: deps.access, intervalMs: deps.revalidateMs, addressOf: (socket) => clientAddress(socket.handshake.address, socket.handshake.headers['x-forwarded-for'], proxies) });
  sessions.guard<WharfSocket>(io.of('/'), {
    // Join before the client hears "connected", so no event falls between the two.
    admitted: async (socket) => syncRooms(socket, await allHostIds()),
    refreshed: async (socket, grantsChanged) => {
      if (grantsChanged) syncRooms(socket, await allHostIds());
      else syncLocaleRoom(socket);
    },
  });

  // Log streams, terminals, stats and events: their own namespace (lib/realtime/server/streams).
  const streams = attachStreams(io, sessions, {
    db: deps.db,
    engines: () => ({ db: deps.db, engines: deps.engines ?? getRuntime().engines }),
    machines: () => ({ db: deps.db, keyring: deps.keyring ?? getRuntime().keyring, drivers: deps.drivers ?? getRuntime().drivers }),
    execIdleMs: deps.execIdleMs,
    maxStreamsPerUser: deps.maxStreamsPerUser,
  });

  const stopInventory = deps.inventory.onUpdate((update) => {
    const room = io.to(hostRoom(update.hostId));
    if (update.kind === 'status') {
      // The stored reason is said in each watcher's language (their profile's, else their page's):
      // one emit per language, to the host's room without the sockets of the other languages.
      const { hostId, status, reason, since } = update;
      for (const locale of LOCALES) {
        const others = LOCALES.filter((other) => other !== locale).map(localeRoom);
        room.except(others).emit('host:status', { hostId, status, reason: reason === null ? null : localizeText(reason, locale), since });
      }
    } else if (update.kind === 'facts') room.emit('host:facts', { hostId: update.hostId, facts: update.facts, at: new Date().toISOString() });
    else room.emit('engine:event', { hostId: update.hostId, event: update.event });
  });

  const stopChanges = deps.changes.subscribe((change) => {
    if (change.type === 'user.access-changed') {
      void sessions.recheck(change.userId).catch((error: unknown) => log('sockets').error({ err: error }, 'session re-check failed'));
      return;
    }
    if (change.type === 'host.engine-changed') return; // the watcher's fresh facts follow
    if (change.type === 'provision.cancel-requested') return; // for the replica running the run
    if (change.type === 'provision.updated') {
      for (const socket of io.sockets.sockets.values() as Iterable<WharfSocket>) {
        if (isAllowed(socket.data.actor.grants, 'host.create')) socket.emit('provision:updated', { jobId: change.jobId });
      }
      return;
    }
    const message = { hostId: change.hostId, change: change.type.slice('host.'.length) as 'added' | 'updated' | 'removed' };
    if (change.type === 'host.removed') {
      io.local.to(hostRoom(change.hostId)).emit('host:changed', message);
      io.local.in(hostRoom(change.hostId)).socketsLeave(hostRoom(change.hostId));
      return;
    }
    // New or changed host: let every socket whose user may see it join its room first.
    void (async () => {
      for (const socket of io.sockets.sockets.values() as Iterable<WharfSocket>) {
        if (isAllowed(socket.data.actor.grants, 'host.view', { type: 'host', id: change.hostId })) socket.join(hostRoom(change.hostId));
      }
      io.local.to(hostRoom(change.hostId)).emit('host:changed', message);
    })();
  });

  return {
    io,
    counts: () => ({ sockets: io.engine.clientsCount, streams: streams.counts() }),
    async close() {
      sessions.close();
      await streams.close();
      stopInventory();
      stopChanges();
      await io.close();
    },
  };
}
