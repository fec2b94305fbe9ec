// Postgres going away during an action and during a terminal session (case 33), on the real test
// Postgres: every connection of this file's database is terminated and new ones are refused for a
// few seconds, as a restart does to the console (only this file's database: other files may share
// the server). Permission checks fail closed; an action fails with a clear message or completes;
// nothing is half-written; open sockets are ended and their terminals leave nothing behind; all
// of it works again once Postgres is back.
import { randomBytes } from 'node:crypto';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AUDIT_WRITE_REFUSED, audited } from '@/lib/audit/record-audit.ts';
import { subjectOf } from '@/lib/auth/actor.ts';
import { io as connect } from 'socket.io-client';
import { createSession, resolveSession, SESSION_COOKIE } from '@/lib/auth/session-store.ts';
import { toErrorPayload } from '@/lib/errors.ts';
import { keepConnected } from '@/lib/realtime/client/keep-connected.ts';
import { SOCKET_PATH } from '@/lib/realtime/protocol.ts';
import { SESSION_UNCHECKED } from '@/lib/realtime/server/socket-sessions.ts';
import { STREAMS_NAMESPACE } from '@/lib/realtime/stream-protocol.ts';
import { registerHostSchema } from '@/lib/schemas/hosts.ts';
import { listAuditEntries } from '@/lib/services/audit/list-audit-entries.ts';
import { verifyAuditChain } from '@/lib/services/audit/verify-audit-chain.ts';
import { registerHost } from '@/lib/services/hosts/register-host.ts';
import { createUser } from '@/lib/services/users/manage-users.ts';
import { auditLines } from '../support/audit-rows.ts';
import { labState, removeTestContainers, seedUser } from '../support/integration.ts';
import { call, ok, StreamsSuite, type StreamClient } from '../support/streams-server.ts';
import { databaseAway, databaseBack } from '../support/test-postgres.ts';
import { waitFor } from '../support/wait-for.ts';

const suite = new StreamsSuite();
let database = '';

/** Postgres "goes away" for this database: connections ended, new ones refused until `back()`. */
const away = () => databaseAway(suite.deps.databaseUrl, database);
const back = () => databaseBack(suite.deps.databaseUrl, database);

beforeAll(async () => {
  await suite.prepare('pg_outage');
  database = new URL(suite.deps.databaseUrl).pathname.slice(1);
  await suite.listen({ revalidateMs: 500 });
}, 60_000);

afterAll(async () => {
  await back();
  await suite.close();
}, 60_000);

describe('Postgres away during an action (case 33)', () => {
  it('fails permission checks closed, and lets them pass again once it is back', async () => {
    const { token } = await createSession(suite.deps.db, suite.admin.id, { hours: 1, ip: null, userAgent: null });
    expect(await resolveSession(suite.deps.db, token)).toMatchObject({ id: suite.admin.id });
    await away();
    try {
      await expect(resolveSession(suite.deps.db, token)).rejects.toThrow();
    } finally {
      await back();
    }
    expect(await resolveSession(suite.deps.db, token)).toMatchObject({ id: suite.admin.id });
  });

  it('refuses an action whose audit entry cannot be written, with a clear message', async () => {
    const { deps, admin } = suite;
    await away();
    try {
      await expect(createUser(deps, admin.actor, { username: 'erin', password: 'correct horse battery', role: 'viewer' })).rejects.toMatchObject({ message: AUDIT_WRITE_REFUSED });
    } finally {
      await back();
    }
    expect(await deps.db.user.count({ where: { username: 'erin' } })).toBe(0);
    expect(await deps.db.auditEntry.count({ where: { targetName: 'erin' } })).toBe(0);
  });

  it('leaves nothing half-written when it goes away in the middle of a change', async () => {
    const { deps, admin } = suite;
    const user = await seedUser(deps.db, 'viewer');
    const error = await audited(deps.db, subjectOf(admin.actor), 'user.change-role', { type: 'user', id: user.id, name: user.username }, () =>
      deps.db.$transaction(async (tx) => {
        await tx.user.update({ where: { id: user.id }, data: { role: 'operator' } });
        await away();
        await tx.user.update({ where: { id: user.id }, data: { displayName: 'changed' } });
      }),
    ).then(
      () => null,
      (e: unknown) => e,
    );
    await back();
    expect(error).not.toBeNull();
    expect(toErrorPayload(error).message).toMatch(/database/i);
    // Neither half of the change, and the attempt stays in the log as pending.
    expect(await deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).toMatchObject({ role: 'viewer', displayName: null });
    expect(await auditLines(deps.db, { action: 'user.change-role', targetId: user.id })).toMatchObject([{ result: 'pending' }]);
    expect((await verifyAuditChain(deps)).intact).toBe(true);
  });

  it('says so when the change was made but its outcome could not be recorded', async () => {
    const { deps, admin } = suite;
    const user = await seedUser(deps.db, 'viewer');
    const run = audited(deps.db, subjectOf(admin.actor), 'user.change-role', { type: 'user', id: user.id, name: user.username }, async () => {
      await deps.db.user.update({ where: { id: user.id }, data: { role: 'operator' } });
      await away();
    });
    await expect(run).rejects.toMatchObject({ message: expect.stringMatching(/^It was done, but Wharf could not record that it succeeded: audit entry \d+ stays pending/) });
    await back();
    expect((await deps.db.user.findUniqueOrThrow({ where: { id: user.id } })).role).toBe('operator');
    const pending = await listAuditEntries(deps, { action: 'user.change-role', result: 'pending' });
    expect(pending.entries.map((e) => e.targetId)).toContain(user.id);
    expect((await verifyAuditChain(deps)).intact).toBe(true);
  });
});

describe('Postgres away during a terminal session (case 33)', () => {
  const lab = labState();
  const l1 = lab.hosts[0]!;
  const engine = new Dockerode({ socketPath: l1.socket });
  let hostId = '';
  let containerId = '';

  beforeAll(async () => {
    await removeTestContainers(engine, 'pg-outage');
    hostId = (await registerHost(suite.deps, suite.admin.actor, registerHostSchema.parse({ name: l1.name, transport: 'unix', socketPath: l1.socket }))).id;
    const container = await engine.createContainer({ Image: lab.image, name: `wharf-outage-${randomBytes(3).toString('hex')}`, Cmd: ['sleep', '600'], Labels: { 'wharf.test': 'pg-outage' }, StopTimeout: 1 });
    await container.start();
    containerId = container.id;
  }, 60_000);

  afterAll(() => removeTestContainers(engine, 'pg-outage'), 60_000);

  /** A socket.io handshake with `token`: 'connected' or the refusal. */
  const attempt = (token: string) =>
    new Promise<string>((resolve) => {
      const socket = connect(`${suite.origin}${STREAMS_NAMESPACE}`, { path: SOCKET_PATH, transports: ['websocket'], extraHeaders: { origin: suite.origin, cookie: `${SESSION_COOKIE}=${token}` }, reconnection: false, forceNew: true });
      suite.sockets.push(socket);
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (error) => resolve(error.message));
    });

  async function sleeping(marker: string): Promise<number> {
    const top = await engine.getContainer(containerId).top();
    const argsAt = top.Titles.findIndex((t: string) => /CMD|COMMAND|ARGS/i.test(t));
    return (top.Processes as string[][]).filter((p) => p[argsAt]!.includes(marker)).length;
  }

  it('ends the socket and its terminal, leaves no process, records the end once Postgres is back, and lets the user in again', async () => {
    const socket: StreamClient = await suite.socketFor(suite.admin);
    let ended = '';
    let suspended = '';
    const { token } = await createSession(suite.deps.db, suite.admin.id, { hours: 1, ip: null, userAgent: null });
    socket.on('session:ended', (m) => (ended = m.reason));
    socket.on('session:suspended', (m) => (suspended = m.reason));
    const { sessionId } = await ok<{ sessionId: string }>(call(socket, 'exec:open', { hostId, containerId, shell: { kind: 'sh' }, cols: 80, rows: 24 }));
    socket.emit('exec:data', { sessionId, data: 'sleep 4343\n' });
    await waitFor(async () => (await sleeping('sleep 4343')) > 0, { timeoutMs: 15_000, what: 'the command to run' });

    const disconnected = new Promise<string>((resolve) => socket.once('disconnect', (reason) => resolve(reason)));
    await away();
    try {
      // The re-check (every 500 ms here) cannot resolve the session: the socket is ended.
      expect(await Promise.race([disconnected, new Promise((r) => setTimeout(() => r('still connected'), 10_000))])).toBe('io server disconnect');
      // The session did not end: the client is told it could not be checked, and comes back.
      expect(suspended).toBe(SESSION_UNCHECKED);
      expect(ended).toBe('');
      await waitFor(async () => (await sleeping('sleep 4343')) === 0, { timeoutMs: 20_000, what: 'no process left in the container' });
      // No database, no new socket, even with a session that is valid.
      expect(await attempt(token)).toBe(SESSION_UNCHECKED);
    } finally {
      await back();
    }
    const end = await waitFor(() => suite.deps.db.auditEntry.findFirst({ where: { actorId: suite.admin.id, action: 'container.exec.end' } }), { timeoutMs: 20_000, what: 'the end of the session recorded' });
    expect(end.result).toBe('succeeded');
    expect(await auditLines(suite.deps.db, { actorId: suite.admin.id, action: 'container.exec' })).toMatchObject([{ result: 'succeeded' }]);

    expect(await attempt(token)).toBe('connected');
    const again = await suite.socketFor(suite.admin);
    const reopened = await ok<{ sessionId: string }>(call(again, 'exec:open', { hostId, containerId, shell: { kind: 'sh' }, cols: 80, rows: 24 }));
    expect(reopened.sessionId).toBeTruthy();
    again.disconnect();
    expect((await verifyAuditChain(suite.deps)).intact).toBe(true);
  }, 90_000);

  it('a browser’s socket comes back by itself once Postgres answers again, still signed in, and opens its terminal again', async () => {
    const { token } = await createSession(suite.deps.db, suite.admin.id, { hours: 1, ip: null, userAgent: null });
    // As the browser opens it: socket.io's own reconnection, and keepConnected for what socket.io does not retry.
    const socket = connect(`${suite.origin}${STREAMS_NAMESPACE}`, { path: SOCKET_PATH, transports: ['websocket'], extraHeaders: { origin: suite.origin, cookie: `${SESSION_COOKIE}=${token}` }, forceNew: true, autoConnect: false });
    suite.sockets.push(socket);
    const heard: string[] = [];
    const release = keepConnected(socket, { ended: (reason) => heard.push(`ended: ${reason}`), suspended: () => heard.push('suspended'), refused: (message) => heard.push(`refused: ${message}`) });
    let connects = 0;
    socket.on('connect', () => connects++);
    socket.connect();
    try {
      await waitFor(() => connects === 1 || null, { timeoutMs: 10_000, what: 'the socket to connect' });
      await away();
      try {
        await waitFor(() => !socket.connected || null, { timeoutMs: 10_000, what: 'the socket to be dropped' });
        // While the database is away the socket is refused at the door, and keeps trying.
        await waitFor(() => heard.filter((h) => h === 'suspended').length >= 2 || null, { timeoutMs: 20_000, what: 'a refused try after the drop' });
        expect(socket.connected).toBe(false);
      } finally {
        await back();
      }
      await waitFor(() => (socket.connected && connects === 2) || null, { timeoutMs: 30_000, what: 'the socket to come back by itself' });
      expect(heard.filter((h) => h !== 'suspended')).toEqual([]);
      const reopened = await ok<{ sessionId: string }>(call(socket as unknown as StreamClient, 'exec:open', { hostId, containerId, shell: { kind: 'sh' }, cols: 80, rows: 24 }));
      expect(reopened.sessionId).toBeTruthy();
    } finally {
      release();
      socket.disconnect();
    }
  }, 90_000);
});
