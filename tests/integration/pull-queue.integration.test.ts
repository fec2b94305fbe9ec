// Image pulls and pushes through the job queue across replicas (issue 16), on real Postgres, a lab
// engine and the lab's htpasswd registry: two replicas in this process, each with its own heartbeat
// and its own pg-boss worker on the same database. A pull or push started on one is run by the other
// and read through either, with its progress; a push the registry refuses says so in the reader's
// language; one whose replica dies is marked interrupted exactly once, and the dead replica's late
// end does not undo it.
import net from 'node:net';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReplicaPresence } from '@/lib/runtime/replica-presence.ts';
import { startQueueReplica, stopQueueReplica } from '../support/queue-replicas.ts';
import { liveReplicaIds } from '@/lib/db/replica-liveness.ts';
import { registryFormSchema } from '@/lib/schemas/registries.ts';
import { markInterruptedPulls } from '@/lib/services/containers/mark-interrupted-pulls.ts';
import { awaitPullJob, readPullJob, startImagePull } from '@/lib/services/containers/pull-image.ts';
import { definePullQueue, type PullQueue } from '@/lib/services/containers/pull-queue.ts';
import { type JobQueue } from '@/lib/jobs/job-queue.ts';
import { startImagePush } from '@/lib/services/containers/push-image.ts';
import { runImagePull } from '@/lib/services/containers/run-image-pull.ts';
import { runImagePush } from '@/lib/services/containers/run-image-push.ts';
import { addRegistry } from '@/lib/services/registries/save-registry.ts';
import { clientOf, sealRegistrySecret } from '@/lib/services/registries/registry-rows.ts';
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
let registryId: string;
let operator: Awaited<ReturnType<typeof seedUser>>;

async function replica(work: boolean): Promise<Replica> {
  const { jobs, presence, queues } = await startQueueReplica(base, work, (jobs) => definePullQueue({ db: base.db, engines: base.engines, keyring: base.keyring }, jobs));
  return { ...base, pulls: queues, jobs, presence };
}

const stop = stopQueueReplica;

beforeAll(async () => {
  base = await createTestDeps('pull_queue');
  const admin = await seedUser(base.db, 'admin');
  operator = await seedUser(base.db, 'operator');
  hostId = await registerLabHost(base, admin.actor, labHost);
  registryId = (await addRegistry(base, admin.actor, registryFormSchema.parse({ name: 'lab-private', kind: 'v2-basic', address: lab.registry.url, plainHttp: true, username: lab.registry.username, secret: lab.registry.password }))).id;
  // Replica a only sends pulls and pushes; b runs them: what a runs is then b's work, never its own.
  a = await replica(false);
  b = await replica(true);
}, 120_000);

afterAll(async () => {
  await stop(a);
  await stop(b);
  // By tag, never by id: the pulled, pushed and tagged images share their id with the lab's image.
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

/**
 * Starts a job (`start`, given a registry address that accepts connections and never answers: the
 * engine hangs on it until its sockets are closed), "kills" the replica running it, and checks that
 * the sweep marks it interrupted once, said as `said` (and `saidZh` in Chinese), and that the dead
 * replica's late end does not undo it.
 */
async function diesMidway(start: (silentAddress: string) => Promise<{ id: string }>, said: RegExp, saidZh: RegExp): Promise<void> {
  const held = new Set<net.Socket>();
  const silent = net.createServer((socket) => {
    held.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => silent.listen(0, lab.gateway, resolve));
  const port = (silent.address() as net.AddressInfo).port;
  const c = await replica(true);
  let dead: Replica | undefined;
  try {
    const started = await start(`${lab.gateway}:${port}`);
    await waitFor(() => held.size > 0 || null, { timeoutMs: 30_000, what: 'the engine to reach the silent registry' });
    const running = await base.db.imagePull.findUniqueOrThrow({ where: { id: started.id } });
    expect(running.status).toBe('running');
    const runner = [b, c].find((r) => r.presence.id === running.replicaId)!;
    expect(runner).toBeDefined();
    dead = runner;
    // The replica running it "dies": its heartbeat row goes and it takes no more jobs (its work is still under way, as in a network split).
    await stopQueueReplica(runner);

    const live = await liveReplicaIds(base.db);
    expect(live).not.toContain(runner.presence.id);
    expect(await markInterruptedPulls(a, live)).toBe(1);
    expect(await markInterruptedPulls(a, live)).toBe(0);

    const read = await readPullJob(a, { hostId, jobId: started.id });
    expect(read.finishedAt).not.toBeNull();
    expect(read.progress.state).toBe('failed');
    expect(read.progress.error).toMatch(said);
    expect((await readPullJob(a, { hostId, jobId: started.id }, 'zh-CN')).progress.error).toMatch(saidZh);
    // The REST API's long poll answers an ended job at once.
    expect((await awaitPullJob(a, { hostId, jobId: started.id }, 30_000)).finishedAt).toBe(read.finishedAt);

    // The dead replica's work now fails; its last write is refused, the row stays as marked.
    for (const socket of held) socket.destroy();
    await waitFor(() => runner.pulls.runningCount === 0 || null, { timeoutMs: 60_000, what: 'the dead replica’s work to end' });
    const after = await base.db.imagePull.findUniqueOrThrow({ where: { id: started.id } });
    expect(after.status).toBe('interrupted');
    expect(after.finishedAt?.toISOString()).toBe(read.finishedAt);
  } finally {
    for (const socket of held) socket.destroy();
    silent.close();
    await stop(c);
    // The tests after this one want a working replica b.
    if (dead === b) b = await replica(true);
  }
}

describe('a pull whose replica dies', () => {
  it('is marked interrupted once, said in the reader’s language, and the dead replica’s late end does not undo it', { timeout: 120_000 }, async () => {
    await diesMidway((address) => startImagePull(a, operator.actor, { hostId, image: `${address}/wharf-test/slow-${run}:1` }), /console that ran this pull stopped/, /控制台/);
  });
});

/** Reads the job through `r` until it has ended. */
const ended = (r: Replica, jobId: string) =>
  waitFor(async () => {
    const read = await awaitPullJob(r, { hostId, jobId }, 10_000);
    return read.finishedAt ? read : null;
  }, { timeoutMs: 90_000, what: 'the push to end' });

describe('a push started on one replica', () => {
  it('is run by another replica with the kept credentials, its progress read through either; audited; never run twice', { timeout: 120_000 }, async () => {
    const repository = `lab/pushq-${run}`;
    const target = `${lab.registry.url}/${repository}:1.0`;
    const started = await startImagePush(a, operator.actor, { hostId, source: lab.image, registryId, repository, tag: '1.0' });
    expect(started).toMatchObject({ hostId, image: target, target, registry: 'lab-private', finishedAt: null, progress: { state: 'running' } });

    const done = await ended(a, started.id);
    expect(done.progress.state, done.progress.error ?? '').toBe('succeeded');
    expect(done.progress.percent).toBe(100);
    expect(done.progress.layers.length).toBeGreaterThan(0);
    // The same answer through the replica that ran it, in the shape the page has always read.
    expect(await readPullJob(b, { hostId, jobId: started.id })).toEqual(done);
    expect(Object.keys(done).sort()).toEqual(['finishedAt', 'hostId', 'hostName', 'id', 'image', 'progress', 'registry', 'startedAt']);

    const row = await base.db.imagePull.findUniqueOrThrow({ where: { id: started.id } });
    expect(row).toMatchObject({ kind: 'push', source: lab.image, status: 'succeeded', replicaId: b.presence.id, registryId, requestedById: operator.id });
    // No credential is kept with the job: the worker unsealed the registry's secret itself.
    expect(JSON.stringify(row)).not.toContain(lab.registry.password);
    const { client } = await clientOf(base, registryId);
    expect((await client.tags(repository, 10, null)).tags).toEqual(['1.0']);
    await waitFor(async () => (await base.db.auditEntry.findFirst({ where: { action: 'image.push', result: 'succeeded', actorName: operator.username } })) ?? null, { what: 'the push audited as succeeded' });

    // A second delivery (the queue retries one whose worker vanished) finds it claimed and does nothing; a pull's worker never takes a push.
    await runImagePush(a, { pullId: started.id, replicaId: a.presence.id });
    await runImagePull(a, { pullId: started.id, replicaId: a.presence.id });
    expect(await base.db.imagePull.findUniqueOrThrow({ where: { id: started.id } })).toEqual(row);
    await expect(readPullJob(b, { hostId: 'another-host', jobId: started.id })).rejects.toMatchObject({ code: 'NOT_FOUND' });
  });

  it('says at once when the host has no such image, and queues nothing', async () => {
    const before = await base.db.imagePull.count();
    await expect(startImagePush(a, operator.actor, { hostId, source: `wharf-test/none-${run}:1`, registryId, repository: `lab/none-${run}`, tag: '1' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/There is no image wharf-test\/none-.* on /) });
    expect(await base.db.imagePull.count()).toBe(before);
  });
});

describe('a push the registry refuses', () => {
  it('says the kept credentials were refused, in the reader’s language, and nothing is pushed', { timeout: 120_000 }, async () => {
    // The kept secret made a wrong one for this test (the htpasswd registry has one user, who may write), put back after.
    const kept = await base.db.registry.findUniqueOrThrow({ where: { id: registryId } });
    await base.db.registry.update({ where: { id: registryId }, data: { secretSealed: sealRegistrySecret(base.keyring, registryId, 'not-the-password') } });
    const repository = `lab/refusedq-${run}`;
    try {
      const started = await startImagePush(a, operator.actor, { hostId, source: lab.image, registryId, repository, tag: '1.0' });
      const done = await ended(a, started.id);
      expect(done.progress.state).toBe('failed');
      expect(done.progress.error).toMatch(/lab-private refused the credentials Wharf keeps for it, so .* was not pushed/);
      expect((await readPullJob(a, { hostId, jobId: started.id }, 'zh-CN')).progress.error).toMatch(/lab-private 拒绝了 Wharf 为其保存的凭据，因此未推送/);
      expect((await base.db.imagePull.findUniqueOrThrow({ where: { id: started.id } })).status).toBe('failed');
      await waitFor(async () => (await base.db.auditEntry.findFirst({ where: { action: 'image.push', result: 'failed' } })) ?? null, { what: 'the push audited as failed' });
    } finally {
      await base.db.registry.update({ where: { id: registryId }, data: { secretSealed: kept.secretSealed } });
    }
    const { client } = await clientOf(base, registryId);
    await expect(client.tags(repository, 10, null)).rejects.toThrow(/not in the registry/);
  });
});

describe('a push whose replica dies', () => {
  it('is marked interrupted once, said as a push, and the dead replica’s late end does not undo it', { timeout: 120_000 }, async () => {
    // The kept registry's address points at the silent one while the push starts (its target is settled then), put back after.
    await diesMidway(async (address) => {
      await base.db.registry.update({ where: { id: registryId }, data: { address } });
      return startImagePush(a, operator.actor, { hostId, source: lab.image, registryId, repository: `wharf-test/slowpush-${run}`, tag: '1' }).finally(() =>
        base.db.registry.update({ where: { id: registryId }, data: { address: lab.registry.url } }),
      );
    }, /console that ran this push stopped/, /推送/);
  });
});
