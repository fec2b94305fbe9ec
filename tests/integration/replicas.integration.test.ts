// Two console replicas, each a process of its own, on one Postgres and the lab's engine: both
// serve; exactly one watches the host and the engine's events reach a client connected to the
// other (socket.io rooms over Postgres); killing the watching one (SIGKILL) hands the host to the
// survivor within seconds, whose client keeps hearing the engine; a run owned by the live replica
// is left alone when the other starts again, and the dead replica's run is marked at its step.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import pg from 'pg';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { hashPassword } from '@/lib/auth/password.ts';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session-store.ts';
import { createDb, type Db } from '@/lib/db/client.ts';
import { msg } from '@/lib/i18n/message.ts';
import { SOCKET_PATH } from '@/lib/realtime/protocol.ts';
import { leaderOf } from '@/lib/runtime/leadership.ts';
import { storedText } from '@/lib/services/hosts/provision/stored-text.ts';
import { hostRole } from '@/lib/services/inventory/inventory.ts';
import { buildIfStale } from '@/scripts/build.ts';
import { labState } from '../support/integration.ts';
import { sharedReplicaKeys, spawnReplica, type ReplicaChild } from '../support/replicas.ts';
import { dropDatabase, freshDatabase } from '../support/test-postgres.ts';
import { collector, waitFor } from '../support/wait-for.ts';

const DATABASE = 'it_replicas';
const lab = labState();
const engine = lab.hosts[0];
const docker = new Dockerode({ socketPath: engine.socket });
const shared = sharedReplicaKeys();
const workDir = path.join(os.tmpdir(), `wharf-replicas-${process.pid}`);

type Replica = ReplicaChild;
const replicas: Replica[] = [];
const sockets: Socket[] = [];
const volumes: string[] = [];
let databaseUrl: string;
let db: Db;
let locks: pg.Client;
let hostId: string;
let cookie: string;

async function startReplica(name: string): Promise<Replica> {
  const replica = await spawnReplica({ name, databaseUrl, dataDir: path.join(workDir, name), env: shared });
  replicas.push(replica);
  return replica;
}

const watcherOf = (id: string) => leaderOf((sql, values) => locks.query<{ name: string }>(sql, values), hostRole(id));

function listen(replica: Replica) {
  const socket = connect(replica.origin, { path: SOCKET_PATH, transports: ['websocket'], extraHeaders: { origin: replica.origin, cookie }, reconnection: false, forceNew: true });
  sockets.push(socket);
  const heard = collector<{ event: string; hostId: string; payload: { event?: { type: string; action: string; id: string } } }>();
  socket.onAny((event: string, payload: { hostId: string; event?: { type: string; action: string; id: string } }) => heard.push({ event, hostId: payload?.hostId, payload }));
  const connected = new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', (error) => reject(error));
  });
  return { socket, heard, connected };
}

/** Makes and removes a volume on the lab engine: the "destroy" event every watcher of the host reports. */
async function touchEngine(): Promise<string> {
  const name = `wharf-ha-${randomBytes(4).toString('hex')}`;
  volumes.push(name);
  await docker.createVolume({ Name: name });
  await docker.getVolume(name).remove();
  return name;
}

beforeAll(async () => {
  await buildIfStale();
  databaseUrl = await freshDatabase(inject('pgUrl'), DATABASE);
  db = createDb(databaseUrl);
  locks = new pg.Client({ connectionString: databaseUrl });
  await locks.connect();
  const admin = await db.user.create({ data: { username: 'ha-admin', passwordHash: await hashPassword(randomBytes(16).toString('hex')), role: 'admin' } });
  cookie = `${SESSION_COOKIE}=${(await createSession(db, admin.id, { hours: 1, ip: null, userAgent: null })).token}`;
  hostId = (await db.host.create({ data: { name: 'ha-host', transport: 'unix', address: engine.socket, status: 'unknown' } })).id;
  await startReplica('a');
  await startReplica('b');
}, 20 * 60_000);

afterAll(async () => {
  for (const socket of sockets) socket.disconnect();
  for (const replica of replicas) await replica.stop();
  for (const name of volumes) await docker.getVolume(name).remove().catch(() => {});
  await locks?.end().catch(() => {});
  await db?.$disconnect();
  if (databaseUrl) await dropDatabase(inject('pgUrl'), DATABASE);
  await rm(workDir, { recursive: true, force: true });
}, 60_000);

describe('two replicas on one database', () => {
  let watching: Replica;
  let other: Replica;
  let client: ReturnType<typeof listen>;

  it('both serve, both beat, and exactly one watches the host; its engine events reach a client of the other', { timeout: 90_000 }, async () => {
    for (const replica of replicas) expect((await fetch(`${replica.origin}/readyz`)).status).toBe(200);
    const beating = await db.replica.findMany({ select: { id: true } });
    expect(beating.map((r) => r.id).sort()).toEqual(replicas.map((r) => r.id).sort());

    const leader = await waitFor(() => watcherOf(hostId), { timeoutMs: 30_000, what: 'a replica watching the host' });
    watching = replicas.find((r) => r.id === leader)!;
    other = replicas.find((r) => r.id !== leader)!;
    expect(watching).toBeDefined();
    await waitFor(async () => (await db.host.findUnique({ where: { id: hostId } }))?.status === 'up', { timeoutMs: 30_000, what: 'the host up' });

    client = listen(other);
    await client.connected;
    const name = await touchEngine();
    await client.heard.waitFor((m) => m.event === 'engine:event' && m.hostId === hostId && m.payload.event?.id === name && m.payload.event.action === 'destroy', { timeoutMs: 30_000, what: 'the engine event on the other replica' });
  });

  it('when the watching replica is killed, the survivor takes the host over within seconds and its client keeps hearing the engine', { timeout: 90_000 }, async () => {
    const heardBefore = client.heard.items.length;
    watching.child.kill('SIGKILL');
    await watching.exited;
    await waitFor(async () => (await watcherOf(hostId)) === other.id, { timeoutMs: 30_000, what: 'the survivor watching the host' });
    // Its watcher follows the engine's events once it has sent the facts it read on connecting.
    await waitFor(() => client.heard.items.slice(heardBefore).find((m) => m.event === 'host:facts' && m.hostId === hostId), { timeoutMs: 30_000, what: 'the survivor\'s watcher connected' });
    const name = await touchEngine();
    await client.heard.waitFor((m) => m.event === 'engine:event' && m.hostId === hostId && m.payload.event?.id === name && m.payload.event.action === 'destroy', { timeoutMs: 30_000, what: 'the engine event after the takeover' });
  });

  it('leaves a live replica\'s run alone when another replica starts, and marks a dead replica\'s run at its step', { timeout: 120_000 }, async () => {
    const run = async (hostName: string, replicaId: string) => {
      const job = await db.provisionJob.create({
        data: {
          id: randomBytes(8).toString('hex'), hostName, driver: 'generic', status: 'running', options: {}, createdByName: 'ha-admin', replicaId, startedAt: new Date(),
          steps: { create: [{ key: 'wait-ssh', position: 0, label: 'Wait for SSH', status: 'running', startedAt: new Date() }] },
        },
      });
      return job.id;
    };
    const livesOn = await run('ha-live-run', other.id);
    const diedWith = await run('ha-dead-run', watching.id);

    // The killed replica comes back as a new process (a new replica id); its start sweeps runs of replicas that stopped beating.
    const restarted = await startReplica('a-again');
    expect((await fetch(`${restarted.origin}/readyz`)).status).toBe(200);

    const dead = await waitFor(async () => {
      const job = await db.provisionJob.findUnique({ where: { id: diedWith }, include: { steps: true } });
      return job?.status === 'interrupted' ? job : null;
    }, { timeoutMs: 60_000, what: 'the dead replica\'s run marked interrupted' });
    expect(dead.steps[0]).toMatchObject({ key: 'wait-ssh', status: 'failed' });
    expect(dead.steps[0]!.error).toBe(storedText(msg('provisioning.errors.interruptedStep')));
    await waitFor(async () => !(await db.replica.findUnique({ where: { id: watching.id } })), { timeoutMs: 30_000, what: 'the dead replica forgotten' });

    const live = await db.provisionJob.findUnique({ where: { id: livesOn }, include: { steps: true } });
    expect(live).toMatchObject({ status: 'running', replicaId: other.id });
    expect(live!.steps[0]!.status).toBe('running');
    await db.provisionJob.deleteMany({ where: { id: { in: [livesOn, diedWith] } } });
  });
});
