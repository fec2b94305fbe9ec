// The realtime server on a free local port, for integration tests of the /streams namespace, and
// socket.io clients of that namespace signed in as a given user (a real session cookie). A test
// file of the namespace keeps what it opened in a StreamsSuite, closed in its afterAll.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session-store.ts';
import type { RoleKey } from '@/lib/auth/permissions.ts';
import type { Db } from '@/lib/db/client.ts';
import { SOCKET_PATH } from '@/lib/realtime/protocol.ts';
import { createRealtimeServer, type RealtimeDeps, type RealtimeServer } from '@/lib/realtime/server/realtime-server.ts';
import { STREAMS_NAMESPACE, type Ack, type StreamClientToServer, type StreamServerToClient } from '@/lib/realtime/stream-protocol.ts';
import { Inventory } from '@/lib/services/inventory/inventory.ts';
import { createTestDeps, seedUser, type TestDeps } from './integration.ts';

export type StreamClient = Socket<StreamServerToClient, StreamClientToServer>;

/** Starts a realtime server (closing it closes its HTTP server too) and returns it with its Origin. */
export async function startStreamsServer(deps: Omit<RealtimeDeps, 'publicUrl'>): Promise<{ realtime: RealtimeServer; origin: string }> {
  const server = http.createServer((_req, res) => res.writeHead(404).end());
  const realtime = createRealtimeServer(server, { ...deps, publicUrl: undefined });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { realtime, origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

/** A connected /streams client with a fresh session of `userId`. */
export async function connectStreams(origin: string, db: Db, userId: string): Promise<StreamClient> {
  const { token } = await createSession(db, userId, { hours: 1, ip: null, userAgent: null });
  const socket: StreamClient = connect(`${origin}${STREAMS_NAMESPACE}`, { path: SOCKET_PATH, transports: ['websocket'], extraHeaders: { origin, cookie: `${SESSION_COOKIE}=${token}` }, reconnection: false, forceNew: true });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/** The requests of the namespace that are answered with an acknowledgement. */
export type AckedRequest = 'logs:follow' | 'logs:history' | 'exec:open' | 'host-ssh:open' | 'stats:watch' | 'stats:host-watch' | 'events:follow';

/** Emits a request and resolves with its acknowledgement, refusals included. */
export const call = <T,>(socket: StreamClient, event: AckedRequest, request: unknown) =>
  new Promise<Ack<T>>((resolve) => (socket.emit as (e: string, r: unknown, ack: (a: Ack<T>) => void) => void)(event, request, resolve));

/** The data of an accepted request; a refusal throws. */
export async function ok<T>(result: Promise<Ack<T>>): Promise<T> {
  const ack = await result;
  if (!ack.ok) throw new Error(`refused: ${ack.error.message}`);
  return ack.data;
}

type SeededUser = Awaited<ReturnType<typeof seedUser>>;

/**
 * What a test file of the streams namespace sets up and closes: a fresh database with the services
 * on it, an inventory, an administrator (`prepare`, in beforeAll), the realtime server (`listen`)
 * and the sockets it opened (`socketAs`, `socketFor`). `close` (in afterAll) ends them all.
 */
export class StreamsSuite {
  deps!: TestDeps;
  inventory!: Inventory;
  admin!: SeededUser;
  realtime!: RealtimeServer;
  origin!: string;
  readonly sockets: Socket[] = [];

  async prepare(name: string): Promise<void> {
    this.deps = await createTestDeps(name);
    this.inventory = new Inventory(this.deps);
    this.admin = await seedUser(this.deps.db, 'admin');
  }

  /** Starts the realtime server on the suite's database, inventory and engines; `options` adds to them or replaces them. */
  async listen(options: Partial<Omit<RealtimeDeps, 'publicUrl'>> = {}): Promise<void> {
    ({ realtime: this.realtime, origin: this.origin } = await startStreamsServer({ db: this.deps.db, inventory: this.inventory, changes: this.deps.changes, engines: this.deps.engines, access: this.deps.access, ...options }));
  }

  /** A connected socket of `user`, on this suite's server unless `at` names another; disconnected by `close`. */
  async socketFor(user: { id: string }, at = this.origin): Promise<StreamClient> {
    const socket = await connectStreams(at, this.deps.db, user.id);
    this.sockets.push(socket as Socket);
    return socket;
  }

  /** A connected socket of the administrator, or of a new user of `role`. */
  async socketAs(role: RoleKey): Promise<{ socket: StreamClient; user: SeededUser }> {
    return role === 'admin' ? { socket: await this.socketFor(this.admin), user: this.admin } : this.socketOfNewUser(role);
  }

  /** A new user of `role` (an administrator too) and a connected socket of theirs. */
  async socketOfNewUser(role: RoleKey): Promise<{ socket: StreamClient; user: SeededUser }> {
    const user = await seedUser(this.deps.db, role);
    return { socket: await this.socketFor(user), user };
  }

  /** Disconnects the sockets, closes the server, stops the inventory, runs `beforeDatabase`, then closes the database. */
  async close(beforeDatabase?: () => Promise<void>): Promise<void> {
    for (const s of this.sockets) s.disconnect();
    await this.realtime?.close();
    this.inventory?.stop();
    await beforeDatabase?.();
    await this.deps?.close();
  }
}
