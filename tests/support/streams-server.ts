// The realtime server on a free local port, for integration tests of the /streams namespace, and
// socket.io clients of that namespace signed in as a given user (a real session cookie).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { io as connect, type Socket } from 'socket.io-client';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session-store.ts';
import type { Db } from '@/lib/db/client.ts';
import { SOCKET_PATH } from '@/lib/realtime/protocol.ts';
import { createRealtimeServer, type RealtimeDeps, type RealtimeServer } from '@/lib/realtime/server/realtime-server.ts';
import { STREAMS_NAMESPACE, type StreamClientToServer, type StreamServerToClient } from '@/lib/realtime/stream-protocol.ts';

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
