// Cases 30 and 33 of docs/security.md with the real Postgres and a lab engine: when the audit row
// of a mutation cannot be written, the mutation does not happen (and a refusal stays a refusal);
// when this file's database stops taking connections (as during a restart), sessions are not
// trusted: no socket opens, open sockets end with their streams and processes, and nothing is
// changed on the engine; when it is back, everything works again.
import Dockerode from 'dockerode';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { SESSION_COOKIE, createSession } from '@/lib/auth/session-store.ts';
import { retriesRefusal } from '@/lib/realtime/client/reconnect-policy.ts';
import { SOCKET_PATH } from '@/lib/realtime/protocol.ts';
import type { RealtimeServer } from '@/lib/realtime/server/realtime-server.ts';
import { SESSION_UNCHECKED } from '@/lib/realtime/server/socket-sessions.ts';
import { STREAMS_NAMESPACE } from '@/lib/realtime/stream-protocol.ts';
import { createContainerSchema } from '@/lib/schemas/containers.ts';
import { registerHostSchema } from '@/lib/schemas/hosts.ts';
import { changeContainerState } from '@/lib/services/containers/change-container.ts';
import { createContainer } from '@/lib/services/containers/create-container.ts';
import { registerHost } from '@/lib/services/hosts/register-host.ts';
import { io as connect } from 'socket.io-client';
import { auditLines } from '../support/audit-rows.ts';
import { labState, removeTestContainers, seedUser } from '../support/integration.ts';
import { call, ok, startStreamsServer, StreamsSuite } from '../support/streams-server.ts';
import { withDatabase } from '../support/test-postgres.ts';
import { waitFor } from '../support/wait-for.ts';

const lab = labState();
const l1 = lab.hosts[0];
const docker = new Dockerode({ socketPath: l1.socket });
const LABEL = 'security-outage';
const DATABASE = 'it_security_outage';
const suite = new StreamsSuite();
let hostId: string;
let containerId: string;
let operator: Actor;
let viewer: Actor;
/** A second server on the same database that re-checks sessions every half second. */
let quick: { realtime: RealtimeServer; origin: string };

/** Runs SQL as the Postgres superuser, outside this file's database. */
async function asSuperuser(sql: string, database = 'postgres'): Promise<void> {
  const client = new pg.Client({ connectionString: withDatabase(inject('pgUrl'), database) });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const running = async (id = containerId) => ((await docker.getContainer(id).inspect()) as { State: { Running: boolean } }).State.Running;

beforeAll(async () => {
  await removeTestContainers(docker, LABEL);
  await suite.prepare('security_outage');
  operator = (await seedUser(suite.deps.db, 'operator')).actor;
  viewer = (await seedUser(suite.deps.db, 'viewer')).actor;
  hostId = (await registerHost(suite.deps, suite.admin.actor, registerHostSchema.parse({ name: l1.name, transport: 'unix', socketPath: l1.socket }))).id;
  const container = await docker.createContainer({ Image: lab.image, Cmd: ['sleep', '3600'], Labels: { 'wharf.test': LABEL }, StopTimeout: 1 });
  await container.start();
  containerId = container.id;
  await suite.listen({ revalidateMs: 3_600_000 });
  quick = await startStreamsServer({ db: suite.deps.db, inventory: suite.inventory, changes: suite.deps.changes, engines: suite.deps.engines, revalidateMs: 500 });
}, 60_000);

afterAll(() => suite.close(async () => {
  await asSuperuser(`ALTER DATABASE ${DATABASE} ALLOW_CONNECTIONS true`).catch(() => {});
  await quick?.realtime.close();
  await removeTestContainers(docker, LABEL);
}), 60_000);

describe('30. no audit row, no mutation', () => {
  it('when audit rows cannot be written, a stop, a create and a terminal do not happen, and a refusal is still a refusal', async () => {
    const rowsBefore = await suite.deps.db.auditEntry.count();
    await asSuperuser(`CREATE FUNCTION refuse_audit() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'audit log unavailable'; END $$ LANGUAGE plpgsql;
      CREATE TRIGGER refuse_audit BEFORE INSERT ON "AuditEntry" FOR EACH ROW EXECUTE FUNCTION refuse_audit();`, DATABASE);
    const { socket } = await suite.socketAs('operator');
    try {
      await expect(changeContainerState(suite.deps, operator, { hostId, containerId, verb: 'stop' })).rejects.toThrow(/Nothing was done: Wharf could not write this action to its audit log/);
      expect(await running()).toBe(true);

      const name = 'sec-c30-created';
      await expect(createContainer(suite.deps, operator, createContainerSchema.parse({ hostId, image: lab.image, name, command: 'sleep 60', labels: { 'wharf.test': LABEL } }))).rejects.toThrow(/Nothing was done: Wharf could not write this action to its audit log/);
      expect(await docker.listContainers({ all: true, filters: JSON.stringify({ name: [`^/${name}$`] }) })).toEqual([]);

      expect(await call(socket, 'exec:open', { hostId, containerId, shell: { kind: 'sh' }, cols: 80, rows: 24 })).toMatchObject({ ok: false });
      expect(((await docker.getContainer(containerId).inspect()) as { ExecIDs: string[] | null }).ExecIDs ?? []).toEqual([]);

      const { authorize } = await import('@/lib/auth/authorize.ts');
      await expect(authorize(suite.deps.db, viewer, 'container.manage', { type: 'host', id: hostId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
      expect(await suite.deps.db.auditEntry.count()).toBe(rowsBefore);
    } finally {
      await asSuperuser('DROP TRIGGER refuse_audit ON "AuditEntry"; DROP FUNCTION refuse_audit();', DATABASE);
    }
    // Once rows can be written, the same stop happens, recorded before and after.
    await changeContainerState(suite.deps, operator, { hostId, containerId, verb: 'stop' });
    expect(await running()).toBe(false);
    expect((await auditLines(suite.deps.db, { action: 'container.stop' })).map((r) => r.result)).toEqual(['succeeded']);
    await changeContainerState(suite.deps, operator, { hostId, containerId, verb: 'start' });
    socket.disconnect();
  });
});

describe('33. the database goes away', () => {
  it('no socket opens, open sockets end with their streams and processes, nothing changes on the engine; afterwards all works again', async () => {
    const user = await seedUser(suite.deps.db, 'operator');
    const { token } = await createSession(suite.deps.db, user.id, { hours: 1, ip: null, userAgent: null });
    const socket = await suite.socketFor(user, quick.origin);
    let signedOut = '';
    socket.once('session:ended', (m) => (signedOut = m.reason));
    const suspended = new Promise<string>((resolve) => socket.once('session:suspended', (m) => resolve(m.reason)));
    await ok(call(socket, 'logs:follow', { source: { kind: 'container', hostId, containerId }, stdout: true, stderr: true, tail: 1 }));
    const { sessionId } = await ok(call<{ sessionId: string }>(socket, 'exec:open', { hostId, containerId, shell: { kind: 'sh' }, cols: 80, rows: 24 }));
    socket.emit('exec:data', { sessionId, data: 'sleep 4333\n' });
    const strays = async () => ((await docker.getContainer(containerId).top()).Processes as string[][]).filter((p) => p.join(' ').includes('sleep 4333')).length;
    await waitFor(async () => (await strays()) > 0, { timeoutMs: 15_000, what: 'the command to run' });

    await asSuperuser(`ALTER DATABASE ${DATABASE} ALLOW_CONNECTIONS false; SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${DATABASE}'`);
    try {
      // Dropped with what it held, the session standing: the client is told to come back, not to sign in again.
      expect(await suspended).toBe(SESSION_UNCHECKED);
      expect(signedOut).toBe('');
      await waitFor(async () => (await strays()) === 0, { timeoutMs: 15_000, what: 'no process left' });

      const attempt = connect(`${suite.origin}${STREAMS_NAMESPACE}`, { path: SOCKET_PATH, transports: ['websocket'], extraHeaders: { origin: suite.origin, cookie: `${SESSION_COOKIE}=${token}` }, reconnection: false, forceNew: true });
      suite.sockets.push(attempt);
      expect(await new Promise((resolve) => attempt.once('connect', () => resolve('connected')).once('connect_error', (e) => resolve({ message: e.message, retry: retriesRefusal(e) })))).toEqual({ message: SESSION_UNCHECKED, retry: true });

      await expect(changeContainerState(suite.deps, operator, { hostId, containerId, verb: 'stop' })).rejects.toThrow();
      expect(await running()).toBe(true);
    } finally {
      await asSuperuser(`ALTER DATABASE ${DATABASE} ALLOW_CONNECTIONS true`);
    }
    const again = await waitFor(() => suite.socketFor(user, quick.origin).catch(() => null), { timeoutMs: 15_000, what: 'a socket after the database is back' });
    await ok(call(again, 'logs:follow', { source: { kind: 'container', hostId, containerId }, stdout: true, stderr: true, tail: 1 }));
    again.disconnect();
  }, 60_000);
});
