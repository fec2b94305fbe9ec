// Image pulls through the job queue across replicas (issue 16), on real Postgres and a lab engine:
// two replicas in this process, each with its own heartbeat and its own pg-boss worker on the same
// database. A pull started on one is run by the other and read through either; a pull whose
// replica dies is marked interrupted exactly once, and the dead replica's late end does not undo it.
import net from 'node:net';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { log } from '@/lib/observability/logger.ts';
import { ReplicaPresence } from '@/lib/runtime/replica-presence.ts';
import { liveReplicaIds } from '@/lib/db/replica-liveness.ts';
import { registryFormSchema } from '@/lib/schemas/registries.ts';
import { markInterruptedPulls } from '@/lib/services/containers/mark-interrupted-pulls.ts';
import { awaitPullJob, readPullJob, startImagePull } from '@/lib/services/containers/pull-image.ts';
import { definePullQueue, type PullQueue } from '@/lib/services/containers/pull-queue.ts';
import { JobQueue } from '@/lib/jobs/job-queue.ts';
import { runImagePull } from '@/lib/services/containers/run-image-pull.ts';
import { addRegistry } from '@/lib/services/registries/save-registry.ts';
import { basicRegistry, pushLabImage } from '@/scripts/lab/index.ts';
import { createTestDeps, labState, registerLabHost, seedUser, type TestDeps } from '../support/integration.ts';
import { waitFor } from '../support/wait-for.ts';

type Replica = TestDeps & { pulls: PullQueue; jobs: JobQueue; presence: ReplicaPresence };

const lab = labState();
const labHost = lab.hosts[0];
const engine = new Dockerode({ socketPath: labHost.socket });
const run = Date.now().toString(36);
let base: TestDeps;
let a: Replica;
let b: Replica;
let hostId: string;
let operator: Awaited<ReturnType<typeof seedUser>>;

async function replica(work: boolean): Promise<Replica> {
  const presence = new ReplicaPresence({ db: base.db, log: log('test') });
  await presence.start();
  const jobs = new JobQueue({ databaseUrl: base.databaseUrl, replicaId: presence.id, log: log('test'), work });
  const pulls = definePullQueue({ db: base.db, engines: base.engines, keyring: base.keyring }, jobs);
  await jobs.start();
  return { ...base, pulls, jobs, presence };
}

async function stop(r: Replica | undefined): Promise<void> {
  if (!r) return;
  await r.jobs.stop();
  await r.presence.stop();
}

beforeAll(async () => {
  base = await createTestDeps('pull_queue');
  const admin = await seedUser(base.db, 'admin');
  operator = await seedUser(base.db, 'operator');
  hostId = await registerLabHost(base, admin.actor, labHost);
  await addRegistry(base, admin.actor, registryFormSchema.parse({ name: 'lab-private', kind: 'v2-basic', address: lab.registry.url, plainHttp: true, username: lab.registry.username, secret: lab.registry.password }));
  // Replica a only sends pulls; b runs them: what a runs is then b's work, never its own.
  a = await replica(false);
  b = await replica(true);
}, 120_000);

afterAll(async () => {
  await stop(a);
  await stop(b);
  // By tag, never by id: the pushed image shares its id with the lab's image.
  for (const image of (await engine.listImages()) as { RepoTags?: string[] | null }[]) {
    for (const tag of image.RepoTags ?? []) if (tag.includes(`-${run}:`)) await engine.getImage(tag).remove().catch(() => {});
  }
  await base?.close();
});

describe('a pull started on one replica', () => {
  it('is run by another replica with the kept credentials, its progress read through either; audited; never run twice', { timeout: 120_000 }, async () => {
    const repo = `lab/queued-${run}`;
    await pushLabImage(lab, basicRegistry(lab.registry), repo, '1.0');
    const image = `${lab.registry.url}/${repo}:1.0`;

    const started = await startImagePull(a, operator.actor, { hostId, image });
    expect(started).toMatchObject({ hostId, image, registry: 'lab-private', finishedAt: null, progress: { state: 'running' } });

    const ended = await awaitPullJob(b, { hostId, jobId: started.id }, 30_000);
    const done = ended.finishedAt ? ended : await waitFor(async () => {
      const read = await readPullJob(b, { hostId, jobId: started.id });
      return read.finishedAt ? read : null;
    }, { timeoutMs: 60_000, what: 'the pull to end' });
    expect(done.progress.state, done.progress.error ?? '').toBe('succeeded');
    // (No layer lines to expect: the engine may hold the image's layers already, as the lab image's.)
    expect(done.progress.percent).toBe(100);
    expect(done.progress.lastStatus).not.toBe('');
    // The same answer through the replica that started it.
    expect(await readPullJob(a, { hostId, jobId: started.id })).toEqual(done);
    // The API's shape, nothing more: the row's bookkeeping stays inside.
    expect(Object.keys(done).sort()).toEqual(['finishedAt', 'hostId', 'hostName', 'id', 'image', 'progress', 'registry', 'startedAt']);

    const row = await base.db.imagePull.findUniqueOrThrow({ where: { id: started.id } });
    expect(row).toMatchObject({ status: 'succeeded', replicaId: b.presence.id, requestedById: operator.id, requestedByName: operator.username });
    expect((await engine.getImage(image).inspect()).RepoTags).toContain(image);
    await waitFor(async () => (await base.db.auditEntry.findFirst({ where: { action: 'image.pull', result: 'succeeded', actorName: operator.username } })) ?? null, { what: 'the pull audited as succeeded' });

    // A second delivery of the same job (the queue retries one whose worker vanished) finds it claimed and does nothing.
    await runImagePull(a, { pullId: started.id, replicaId: a.presence.id });
    expect(await base.db.imagePull.findUniqueOrThrow({ where: { id: started.id } })).toEqual(row);
    // Another host's reader does not see it.
    await expect(readPullJob(b, { hostId: 'another-host', jobId: started.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });
});

describe('a pull whose replica dies', () => {
  it('is marked interrupted once, said in the reader’s language, and the dead replica’s late end does not undo it', { timeout: 120_000 }, async () => {
    // A "registry" that accepts connections and never answers: the engine's pull hangs on it until the sockets are closed.
    const held = new Set<net.Socket>();
    const silent = net.createServer((socket) => {
      held.add(socket);
      socket.on('error', () => {});
    });
    await new Promise<void>((resolve) => silent.listen(0, lab.gateway, resolve));
    const port = (silent.address() as net.AddressInfo).port;
    const c = await replica(true);
    try {
      const started = await startImagePull(a, operator.actor, { hostId, image: `${lab.gateway}:${port}/wharf-test/slow-${run}:1` });
      await waitFor(() => held.size > 0 || null, { timeoutMs: 30_000, what: 'the engine to reach the silent registry' });
      const running = await base.db.imagePull.findUniqueOrThrow({ where: { id: started.id } });
      expect(running.status).toBe('running');
      const runner = [b, c].find((r) => r.presence.id === running.replicaId)!;
      expect(runner).toBeDefined();
      // The replica running it "dies": its heartbeat row goes and it takes no more jobs (its pull is still under way, as in a network split).
      await runner.jobs.stop();
      await runner.presence.stop();

      const live = await liveReplicaIds(base.db);
      expect(live).not.toContain(runner.presence.id);
      expect(await markInterruptedPulls(a, live)).toBe(1);
      expect(await markInterruptedPulls(a, live)).toBe(0);

      const read = await readPullJob(a, { hostId, jobId: started.id });
      expect(read.finishedAt).not.toBeNull();
      expect(read.progress.state).toBe('failed');
      expect(read.progress.error).toMatch(/console that ran this pull stopped/);
      expect((await readPullJob(a, { hostId, jobId: started.id }, 'zh-CN')).progress.error).toMatch(/控制台/);
      // The REST API's long poll answers an ended pull at once.
      expect((await awaitPullJob(a, { hostId, jobId: started.id }, 30_000)).finishedAt).toBe(read.finishedAt);

      // The dead replica's pull now fails; its last write is refused, the row stays as marked.
      for (const socket of held) socket.destroy();
      await waitFor(() => runner.pulls.runningCount === 0 || null, { timeoutMs: 60_000, what: 'the dead replica’s pull to end' });
      const after = await base.db.imagePull.findUniqueOrThrow({ where: { id: started.id } });
      expect(after.status).toBe('interrupted');
      expect(after.finishedAt?.toISOString()).toBe(read.finishedAt);
    } finally {
      for (const socket of held) socket.destroy();
      silent.close();
      await stop(c);
    }
  });
});
