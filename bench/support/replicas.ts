// Two console replicas on one bench database, behind the lab's haproxy (scripts/lab/balancer.ts),
// for the replica benchmarks (failover, replica-streams, metrics-scrape): lab-4's engine is their
// one host, an administrator's session is seeded, both replicas turn /metrics on with one token.
// A replica can be killed and started again on its port, so the balancer's configuration holds.
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type Dockerode from 'dockerode';
import { io } from 'socket.io-client';
import { hashPassword } from '@/lib/auth/password.ts';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session-store.ts';
import { createDb, type Db } from '@/lib/db/client.ts';
import { SOCKET_PATH } from '@/lib/realtime/protocol.ts';
import { STREAMS_NAMESPACE } from '@/lib/realtime/stream-protocol.ts';
import { startLabBalancer, stopLabBalancer, waitForBalancerServers, type HostState, type LabBalancer, type LabState } from '@/scripts/lab/index.ts';
import { sharedReplicaKeys, spawnReplica, type ReplicaChild } from '@/tests/support/replicas.ts';
import type { BenchContext } from './benchmark.ts';
import { ensureBuild } from './build.ts';
import { onCleanup, trackChild } from './cleanup.ts';
import { benchEngine, removeLabelled } from './engine-bench.ts';
import { CONSOLE_PORTS, freePort, workDir } from './paths.ts';
import { createBenchDatabase } from './postgres.ts';
import type { StreamsClient } from './streams-client.ts';

export type BenchReplicas = {
  lab: LabState;
  engine: HostState;
  docker: Dockerode;
  db: Db;
  hostId: string;
  /** `wharf.session=<token>` of a signed-in administrator */
  cookie: string;
  balancer: LabBalancer;
  /** The replicas now running, by name (a restarted one replaces its predecessor). */
  replicas: ReplicaChild[];
  /** Starts the replica `name` again on its port (after it was killed) and waits for the balancer to see it up. */
  restart(name: string): Promise<ReplicaChild>;
  /** What a replica's own /metrics says (asked directly, not through the balancer). */
  metrics(replica: ReplicaChild): Promise<string>;
  /** A socket on the streams namespace through the balancer, as the browser opens it (reconnecting as it does). */
  connectStreams(): Promise<StreamsClient>;
  log: BenchContext['log'];
};

const REPLICAS = ['replica-a', 'replica-b'];

/** The value of a metric line (`name{labels} value`) in a Prometheus text answer, or 0. */
export function metricValue(text: string, line: string): number {
  const at = text.split('\n').find((l) => l.startsWith(`${line} `));
  return at ? Number(at.slice(line.length + 1)) : 0;
}

export async function withBenchReplicas<T>({ pg, log }: BenchContext, name: string, measure: (bench: BenchReplicas) => Promise<T>): Promise<T> {
  const { lab, engine, docker, undoContainers } = await benchEngine(name, log);

  const databaseName = `bench_${name.replaceAll('-', '_')}`;
  const database = await createBenchDatabase(pg, databaseName);
  const db = createDb(database.url);
  const user = await db.user.create({ data: { username: 'bench-admin', passwordHash: await hashPassword(randomBytes(16).toString('hex')), role: 'admin' } });
  const { token } = await createSession(db, user.id, { hours: 4, ip: '127.0.0.1', userAgent: 'wharf-bench' });
  const hostId = (await db.host.create({ data: { name: engine.name, transport: 'unix', address: engine.socket, status: 'unknown' } })).id;
  const cookie = `${SESSION_COOKIE}=${token}`;

  await ensureBuild(log);
  const metricsToken = randomBytes(24).toString('hex');
  const env = { ...sharedReplicaKeys(), WHARF_METRICS_TOKEN: metricsToken };
  const ports = new Map<string, number>();
  for (const replicaName of REPLICAS) ports.set(replicaName, await freePort(CONSOLE_PORTS));
  const dataDir = (replicaName: string) => path.join(workDir, `${name}-${replicaName}`);
  const replicas: ReplicaChild[] = [];
  const start = async (replicaName: string) => {
    const replica = await spawnReplica({ name: replicaName, databaseUrl: database.url, dataDir: dataDir(replicaName), env, port: ports.get(replicaName) });
    trackChild(replica.child);
    replica.child.stderr!.on('data', (chunk: Buffer) => {
      for (const line of chunk.toString().split('\n')) if (line.trim()) log(`[${replicaName}] ${line}`);
    });
    return replica;
  };
  let balancer: LabBalancer | undefined;
  const balancerName = `bench-${name}`;
  const stopAll = async () => {
    if (balancer) await stopLabBalancer(balancerName);
    for (const replica of replicas) await replica.stop(30_000);
    for (const replicaName of REPLICAS) await rm(dataDir(replicaName), { recursive: true, force: true });
    await db.$disconnect().catch(() => {});
    await database.drop();
  };
  const undoAll = onCleanup(`${name} replicas, balancer and database`, stopAll);
  try {
    for (const replicaName of REPLICAS) replicas.push(await start(replicaName));
    balancer = await startLabBalancer({ name: balancerName, servers: REPLICAS.map((n) => ({ name: n, port: ports.get(n)! })) });
    await waitForBalancerServers(balancer, REPLICAS);
    const deadline = Date.now() + 60_000;
    while ((await db.host.findUnique({ where: { id: hostId } }))?.status !== 'up') {
      if (Date.now() > deadline) throw new Error(`${engine.name} was not up within 60 s`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const origin = balancer.url;
    const bench: BenchReplicas = {
      lab,
      engine,
      docker,
      db,
      hostId,
      cookie,
      balancer,
      replicas,
      log,
      async restart(replicaName) {
        const at = replicas.findIndex((r) => r.name === replicaName);
        if (at >= 0 && replicas[at].alive()) throw new Error(`${replicaName} is still running`);
        const replica = await start(replicaName);
        replicas.splice(at >= 0 ? at : replicas.length, at >= 0 ? 1 : 0, replica);
        await waitForBalancerServers(balancer!, REPLICAS, 60_000);
        return replica;
      },
      async metrics(replica) {
        const response = await fetch(`${replica.origin}/metrics`, { headers: { authorization: `Bearer ${metricsToken}` } });
        if (!response.ok) throw new Error(`${replica.name}: /metrics answered ${response.status}`);
        return response.text();
      },
      async connectStreams() {
        const socket: StreamsClient = io(`${origin}${STREAMS_NAMESPACE}`, { path: SOCKET_PATH, transports: ['websocket'], extraHeaders: { origin, cookie }, forceNew: true });
        await new Promise<void>((resolve, reject) => {
          const timer = setTimeout(() => reject(new Error(`the streams namespace did not connect through ${origin} within 10 s`)), 10_000);
          socket.once('connect', () => {
            clearTimeout(timer);
            resolve();
          });
        });
        return socket;
      },
    };
    return await measure(bench);
  } finally {
    undoAll();
    await stopAll();
    undoContainers();
    const n = await removeLabelled(docker, name);
    log(`removed ${n} benchmark containers from ${engine.name}`);
  }
}
