// socket.io against a real server, sessions in Postgres and a lab engine: only our Origin with a
// valid session cookie gets in, events flow to the host's room, and a disabled user is cut off.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import Dockerode from 'dockerode';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session-store.ts';
import { SOCKET_PATH } from '@/lib/realtime/protocol.ts';
import { createRealtimeServer, type RealtimeServer } from '@/lib/realtime/server/realtime-server.ts';
import { msg, storedSaying } from '@/lib/i18n/message.ts';
import type { InventoryUpdate } from '@/lib/services/inventory/host-watcher.ts';
import { Inventory } from '@/lib/services/inventory/inventory.ts';
import { setUserDisabled } from '@/lib/services/users/manage-users.ts';
import { createTestDeps, labState, registerLabHost, seedUser, type TestDeps } from '../support/integration.ts';
import { collector } from '../support/wait-for.ts';

const lab = labState();
let deps: TestDeps;
let inventory: Inventory;
let server: http.Server;
let realtime: RealtimeServer;
let origin: string;
const sockets: Socket[] = [];

beforeAll(async () => {
  deps = await createTestDeps('realtime');
  inventory = new Inventory(deps);
  await inventory.start();
  server = http.createServer((_req, res) => res.writeHead(404).end());
  realtime = createRealtimeServer(server, { db: deps.db, inventory, changes: deps.changes, publicUrl: undefined, revalidateMs: 1000 });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  for (const s of sockets) s.disconnect();
  await realtime.close();
  inventory.stop();
  await deps.close();
});

function open(headers: Record<string, string>, query?: Record<string, string>): Socket {
  const socket = connect(origin, { path: SOCKET_PATH, transports: ['websocket'], extraHeaders: headers, query, reconnection: false, forceNew: true });
  sockets.push(socket);
  return socket;
}

const outcome = (socket: Socket) =>
  new Promise<'connected' | string>((resolve) => {
    socket.once('connect', () => resolve('connected'));
    socket.once('connect_error', (error) => resolve(error.message));
  });

async function sessionCookie(role: 'viewer' | 'operator' | 'admin') {
  const user = await seedUser(deps.db, role);
  const { token } = await createSession(deps.db, user.id, { hours: 1, ip: null, userAgent: null });
  return { user, cookie: `${SESSION_COOKIE}=${token}`, token };
}

describe('socket handshake', () => {
  it('refuses a foreign Origin even with a valid session cookie', async () => {
    const { cookie } = await sessionCookie('viewer');
    expect(await outcome(open({ origin: 'http://evil.example', cookie }))).not.toBe('connected');
    expect(await outcome(open({ origin: 'null', cookie }))).not.toBe('connected');
    expect(await outcome(open({ cookie }))).not.toBe('connected');
  });

  it('refuses a connection without a session, or with the token in the query string', async () => {
    const { token } = await sessionCookie('viewer');
    expect(await outcome(open({ origin }))).toBe('Not signed in');
    expect(await outcome(open({ origin }, { [SESSION_COOKIE]: token, token }))).toBe('Not signed in');
    expect(await outcome(open({ origin, cookie: `${SESSION_COOKIE}=not-a-real-token-at-all-xxxxxxxxxxxxxxxxxxxx` }))).toBe('Not signed in');
  });
});

describe('live host data', () => {
  it('delivers host changes, status, facts and engine events to signed-in viewers', async () => {
    const { cookie } = await sessionCookie('viewer');
    const socket = open({ origin, cookie });
    const received = collector<{ event: string; hostId: string; payload: unknown }>();
    socket.onAny((event: string, payload: { hostId: string }) => received.push({ event, hostId: payload.hostId, payload }));
    expect(await outcome(socket)).toBe('connected');

    // A unix socket on the console's machine: an administrator's to add (host.local).
    const admin = (await seedUser(deps.db, 'admin')).actor;
    const id = await registerLabHost(deps, admin, lab.hosts[0], 'rt-host');
    await received.waitFor((m) => m.event === 'host:changed' && m.hostId === id, { what: 'host:changed' });
    await received.waitFor((m) => m.event === 'host:facts' && m.hostId === id, { what: 'host:facts' });

    const { updateHost } = await import('@/lib/services/hosts/update-host.ts');
    await updateHost(deps, admin, { id, name: 'rt-host', description: 'changed', transport: 'unix', socketPath: lab.hosts[0].socket });
    await received.waitFor((m) => m.event === 'host:changed' && m.hostId === id && (m.payload as { change: string }).change === 'updated', { what: 'host:changed updated' });

    const docker = new Dockerode({ socketPath: lab.hosts[0].socket });
    const name = `wharf-rt-${Date.now()}`;
    await docker.createVolume({ Name: name });
    await docker.getVolume(name).remove();
    const event = await received.waitFor((m) => m.event === 'engine:event' && m.hostId === id && (m.payload as { event: { action: string } }).event.action === 'destroy', { what: 'engine event' });
    expect(event.payload).toMatchObject({ hostId: id, event: { type: 'volume', id: name } });
  });

  it('says a host\'s status reason to each watcher in their language', async () => {
    const [english, chinese] = await Promise.all([sessionCookie('viewer'), sessionCookie('viewer')]);
    const heard = async (cookie: string) => {
      const socket = open({ origin, cookie });
      const statuses = collector<{ hostId: string; reason: string | null; event?: string }>();
      socket.on('host:status', (m: { hostId: string; reason: string | null }) => statuses.push(m));
      socket.on('host:changed', (m: { hostId: string }) => statuses.push({ hostId: m.hostId, reason: null, event: 'changed' }));
      expect(await outcome(socket)).toBe('connected');
      return statuses;
    };
    const [inEnglish, inChinese] = await Promise.all([heard(english.cookie), heard(`${chinese.cookie}; wharf.locale=zh-CN`)]);
    const admin = (await seedUser(deps.db, 'admin')).actor;
    const id = await registerLabHost(deps, admin, lab.hosts[1], 'rt-said');
    // Both sockets are in the host's room once they heard it was added.
    for (const heardBy of [inEnglish, inChinese]) await heardBy.waitFor((m) => m.hostId === id && m.event === 'changed', { what: 'host:changed' });
    // What the host watcher reports when its engine drops the connection: the reason as stored.
    const report = inventory as unknown as { emit(update: InventoryUpdate): void };
    report.emit({ kind: 'status', hostId: id, status: 'unreachable', previous: 'up', reason: storedSaying(msg('hostText.status.streamClosedAt', { address: lab.hosts[1].socket })), since: new Date().toISOString() });
    const en = await inEnglish.waitFor((m) => m.hostId === id && m.reason !== null, { what: 'the status in English' });
    const zh = await inChinese.waitFor((m) => m.hostId === id && m.reason !== null, { what: 'the status in Chinese' });
    expect(en.reason).toBe(`The engine at ${lab.hosts[1].socket} closed the connection: it stopped, restarted or the network dropped.`);
    expect(zh.reason).toBe(`位于 ${lab.hosts[1].socket} 的引擎关闭了连接：它已停止、已重启，或网络中断。`);
  });

  it('ends the socket of a user who is disabled', async () => {
    const { cookie, user } = await sessionCookie('operator');
    const socket = open({ origin, cookie });
    expect(await outcome(socket)).toBe('connected');
    const ended = new Promise<string>((resolve) => socket.once('session:ended', (m: { reason: string }) => resolve(m.reason)));
    const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    const admin = (await seedUser(deps.db, 'admin')).actor;
    await setUserDisabled(deps, admin, user.id, true);
    expect(await ended).toMatch(/Sign in again/);
    await disconnected;
  });

  it('ends the socket when the session is deleted (sign-out elsewhere), within the revalidation period', async () => {
    const { cookie, token } = await sessionCookie('viewer');
    const socket = open({ origin, cookie });
    expect(await outcome(socket)).toBe('connected');
    const disconnected = new Promise<void>((resolve) => socket.once('disconnect', () => resolve()));
    const { revokeSession } = await import('@/lib/auth/session-store.ts');
    await revokeSession(deps.db, token);
    await disconnected;
  });
});
