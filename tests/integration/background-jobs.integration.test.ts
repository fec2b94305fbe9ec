// Notifications and git checks through the job queue across replicas (issue 16), on real Postgres,
// the lab's git server and a real HTTP receiver started here on 127.0.0.1: replicas in this process,
// each with its own heartbeat and its own pg-boss worker on one database. A delivery raised on a
// replica that only sends is sent once by another; a failing endpoint is tried again after the
// backoff and marked failed after the last attempt; a due row that has no job is sent by the sweep;
// a git source is checked by one replica only, even with two working and racing for it, and its next
// check is waiting exactly once (none while it is paused).
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type JobQueue, JOBS_SCHEMA } from '@/lib/jobs/job-queue.ts';
import type { ReplicaPresence } from '@/lib/runtime/replica-presence.ts';
import { startQueueReplica, stopQueueReplica } from '../support/queue-replicas.ts';
import { channelSchema, ruleSchema } from '@/lib/schemas/notifications.ts';
import { createChannel } from '@/lib/services/notifications/manage-channels.ts';
import { addRule } from '@/lib/services/notifications/manage-rules.ts';
import { defineNotificationQueue, NOTIFICATION_QUEUE, type NotificationQueue } from '@/lib/services/notifications/notification-queue.ts';
import { raiseNotification } from '@/lib/services/notifications/raise-notification.ts';
import { checkGitStackNow, defineGitCheckQueue, GIT_CHECK_QUEUE, runGitCheck, type GitCheckQueue } from '@/lib/services/stacks/git/git-check-queue.ts';
import { pauseGitSource } from '@/lib/services/stacks/git/save-git-source.ts';
import { newId } from '@/lib/db/new-id.ts';
import { createLabGitRepo, labGitServer, labGitUrl, type GitServerState } from '@/scripts/lab/index.ts';
import { createTestDeps, labState, seedUser, type TestDeps } from '../support/integration.ts';
import { refusal } from '../support/security-lab.ts';
import { waitFor } from '../support/wait-for.ts';

type Replica = TestDeps & { notices: NotificationQueue; gitChecks: GitCheckQueue; jobs: JobQueue; presence: ReplicaPresence };

const lab = labState();
const git: GitServerState = lab.git ?? (await labGitServer(lab.dir));
const run = randomBytes(3).toString('hex');
/** Failed attempts are tried again after 150–300 ms, then 300–600 ms (retry-backoff.ts). */
const BACKOFF = { baseMs: 300, maxMs: 600 };
let base: TestDeps;
let admin: Awaited<ReturnType<typeof seedUser>>;
const replicas: Replica[] = [];
/** The git checks each replica ran: [source id, replica id]. */
const checks: [string, string][] = [];
/** a only sends jobs; b takes them (what a sends is then b's work, never a's); c works too, for the git checks. */
let a: Replica;
let b: Replica;

type Received = { path: string; at: number };
const received: Received[] = [];
let receiver: http.Server;
let url: string;
const forPath = (path: string) => received.filter((r) => r.path === path);

async function replica(work: boolean): Promise<Replica> {
  const { jobs, presence, queues } = await startQueueReplica(base, work, (jobs) => ({
    notices: defineNotificationQueue({ db: base.db, keyring: base.keyring }, jobs, { maxAttempts: 3, backoff: BACKOFF }),
    gitChecks: defineGitCheckQueue({ db: base.db, engines: base.engines, keyring: base.keyring, deploys: base.deploys }, jobs, { checked: (sourceId, replicaId) => void checks.push([sourceId, replicaId]) }),
  }));
  const made = { ...base, ...queues, jobs, presence };
  replicas.push(made);
  return made;
}

/** The queue's jobs of `key` that wait or are being taken, read from pg-boss's table. */
async function jobsOf(name: string, key: string): Promise<{ state: string; start_after: Date }[]> {
  const client = new pg.Client({ connectionString: base.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query(`SELECT state::text, start_after FROM ${JOBS_SCHEMA}.job WHERE name = $1 AND singleton_key = $2 AND state IN ('created', 'retry', 'active')`, [name, key]);
    return rows as { state: string; start_after: Date }[];
  } finally {
    await client.end();
  }
}

beforeAll(async () => {
  receiver = http.createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received.push({ path: req.url ?? '', at: Date.now() });
      const failing = req.url?.startsWith('/failing');
      res.writeHead(failing ? 500 : 200, { 'Content-Type': 'text/plain' }).end(failing ? 'receiver broke' : 'ok');
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}`;
  // The base deps' own queue is never started: everything here is sent and taken by the replicas below.
  base = await createTestDeps('background_jobs');
  admin = await seedUser(base.db, 'admin');
  a = await replica(false);
  b = await replica(true);
}, 120_000);

afterAll(async () => {
  for (const r of replicas) await stopQueueReplica(r);
  await base?.close();
  await new Promise<void>((resolve) => receiver?.close(() => resolve()));
});

/** A channel to `path` on the receiver, taking deploy.finished everywhere. */
async function channelTo(path: string): Promise<string> {
  const saved = await createChannel(base, admin.actor, channelSchema.parse({ name: `${path.slice(1)}-${run}`, kind: 'webhook', url: `${url}${path}` }));
  await addRule(base, admin.actor, ruleSchema.parse({ channelId: saved.id, events: ['deploy.finished'] }));
  return saved.id;
}
const event = (title: string) => ({ event: 'deploy.finished' as const, at: new Date().toISOString(), title, text: '', scope: {} });

describe('notifications through the job queue', () => {

  it('a delivery raised on one replica is sent once, by the other', { timeout: 60_000 }, async () => {
    const channelId = await channelTo('/once');
    expect(await raiseNotification({ db: a.db, notices: a.notices }, event('sent once'))).toBe(1);
    const [row] = await base.db.notificationDelivery.findMany({ where: { channelId } });
    const delivered = await waitFor(async () => (await base.db.notificationDelivery.findFirst({ where: { id: row!.id, status: 'delivered' } })), { timeoutMs: 30_000, what: 'the delivery sent' });
    expect(delivered).toMatchObject({ attempts: 1, lastAnswer: 'HTTP 200: ok' });
    // Nothing of it waits in the queue any more: it is not sent again.
    await waitFor(async () => (await jobsOf(NOTIFICATION_QUEUE, row!.id)).length === 0, { what: 'its job done' });
    expect(forPath('/once')).toHaveLength(1);
    expect(a.jobs.runningCount(NOTIFICATION_QUEUE)).toBe(0);
  });

  it('a failing endpoint is tried again after the backoff, then the delivery is marked failed after the last attempt', { timeout: 60_000 }, async () => {
    const channelId = await channelTo('/failing');
    await raiseNotification({ db: a.db, notices: a.notices }, event('never heard'));
    const [row] = await base.db.notificationDelivery.findMany({ where: { channelId } });
    const failed = await waitFor(async () => (await base.db.notificationDelivery.findFirst({ where: { id: row!.id, status: 'failed' } })), { timeoutMs: 30_000, what: 'the delivery failed' });
    expect(failed).toMatchObject({ attempts: 3, lastAnswer: 'HTTP 500: receiver broke (gave up after 3 attempts)' });
    await waitFor(async () => (await jobsOf(NOTIFICATION_QUEUE, row!.id)).length === 0, { what: 'its job done' });
    const tries = forPath('/failing');
    expect(tries).toHaveLength(3);
    // Each attempt waited at least the lower half of its backoff (the job's startAfter).
    expect(tries[1]!.at - tries[0]!.at).toBeGreaterThanOrEqual(BACKOFF.baseMs / 2);
    expect(tries[2]!.at - tries[1]!.at).toBeGreaterThanOrEqual(BACKOFF.baseMs);
  });

  it('a due row that has no job (written before the queue, or its send lost) is sent by the sweep', { timeout: 60_000 }, async () => {
    const channelId = await channelTo('/swept');
    const row = await base.db.notificationDelivery.create({ data: { channelId, event: 'deploy.finished', payload: event('swept') } });
    expect(await jobsOf(NOTIFICATION_QUEUE, row.id)).toEqual([]);
    expect(await a.notices.sweep()).toBe(1);
    await waitFor(async () => (await base.db.notificationDelivery.findFirst({ where: { id: row.id, status: 'delivered' } })), { timeoutMs: 30_000, what: 'the swept delivery sent' });
    // Swept again: nothing is due, nothing is sent.
    expect(await a.notices.sweep()).toBe(0);
    expect(forPath('/swept')).toHaveLength(1);
  });
});

describe('git checks through the job queue', () => {
  const repo = `bg-${run}`;
  let sourceId: string;
  let c: Replica;
  beforeAll(async () => {
    c = await replica(true);
    const commit = await createLabGitRepo(git, repo, { 'deploy/compose.yml': `services:\n  web:\n    image: ${lab.image}\n` });
    sourceId = newId();
    // Deployed already (at the repository's one commit): a check reads it and finds nothing new.
    await base.db.stackGitSource.create({
      data: { id: sourceId, swarmId: `swarm-${run}`, stackName: 'followed', url: labGitUrl(git, repo), ref: 'main', composePath: 'deploy/compose.yml', pollSeconds: 3600, deployedCommit: commit, createdById: admin.id },
    });
  }, 60_000);

  const checksOf = (id: string) => checks.filter(([source]) => source === id);

  it('a source is checked by one replica only, with both working and both asked, and its next check waits once', { timeout: 60_000 }, async () => {
    // Both replicas send it and sweep at once.
    await Promise.all([b.gitChecks.schedule(sourceId), c.gitChecks.schedule(sourceId), b.gitChecks.sweep(), c.gitChecks.sweep()]);
    await waitFor(async () => (await base.db.stackGitSource.findUnique({ where: { id: sourceId } }))?.checkedAt, { timeoutMs: 30_000, what: 'the source checked' });
    // Settled: no job taken, one waiting, an interval (3600 s, up to 10 % later) from now.
    const next = await waitFor(async () => {
      const jobs = await jobsOf(GIT_CHECK_QUEUE, sourceId);
      return jobs.length === 1 && jobs[0]!.state === 'created' ? jobs[0] : null;
    }, { what: 'one check waiting' });
    expect(checksOf(sourceId)).toHaveLength(1);
    const checked = (await base.db.stackGitSource.findUniqueOrThrow({ where: { id: sourceId } }));
    expect(checked).toMatchObject({ lastError: null, checkingUntil: null, checkingBy: null });
    const waitMs = next.start_after.getTime() - checked.checkedAt!.getTime();
    expect(waitMs).toBeGreaterThan(3000_000);
    expect(waitMs).toBeLessThanOrEqual(3960_000 + 5_000);
  });

  it('two replicas taking one due source at the same moment: the lease lets one check it', { timeout: 60_000 }, async () => {
    const before = checksOf(sourceId).length;
    const later = new Date(Date.now() + 7200_000);
    const [fromB, fromC] = await Promise.all([
      runGitCheck(b, { sourceId, replicaId: b.jobs.replicaId, now: later, checked: (id, by) => void checks.push([id, by]) }),
      runGitCheck(c, { sourceId, replicaId: c.jobs.replicaId, now: later, checked: (id, by) => void checks.push([id, by]) }),
    ]);
    expect(checksOf(sourceId).length - before).toBe(1);
    // The one that checked answers when the next check is due; the other leaves that to it.
    expect([fromB, fromC].filter((next) => next instanceof Date)).toHaveLength(1);
    expect([fromB, fromC]).toContain(null);
  });

  it('Check now is refused while another check of the source is under way; otherwise it checks at once and its next check waits once', { timeout: 60_000 }, async () => {
    const source = await base.db.stackGitSource.findUniqueOrThrow({ where: { id: sourceId } });
    const ref = { swarmId: source.swarmId, stackName: source.stackName };
    await base.db.stackGitSource.update({ where: { id: sourceId }, data: { checkingUntil: new Date(Date.now() + 60_000), checkingBy: 'another-replica' } });
    const error = await refusal(checkGitStackNow(b, admin.actor, ref));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toBe("A check of stack followed's repository is under way: try again in a moment.");
    expect(await base.db.stackGitSource.findUniqueOrThrow({ where: { id: sourceId } })).toMatchObject({ checkedAt: source.checkedAt, checkingBy: 'another-replica' });

    await base.db.stackGitSource.update({ where: { id: sourceId }, data: { checkingUntil: null, checkingBy: null } });
    expect(await checkGitStackNow(b, admin.actor, ref)).toMatchObject({ changed: false, applied: null });
    const checked = await base.db.stackGitSource.findUniqueOrThrow({ where: { id: sourceId } });
    expect(checked.checkedAt!.getTime()).toBeGreaterThan(source.checkedAt!.getTime());
    expect(checked).toMatchObject({ checkingUntil: null, checkingBy: null });
    const waiting = await jobsOf(GIT_CHECK_QUEUE, sourceId);
    expect(waiting.map((job) => job.state)).toEqual(['created']);
    expect(waiting[0]!.start_after.getTime() - checked.checkedAt!.getTime()).toBeGreaterThan(3000_000);
  });

  it('a paused source has no check waiting; resumed, it has one again', { timeout: 60_000 }, async () => {
    const source = await base.db.stackGitSource.findUniqueOrThrow({ where: { id: sourceId } });
    await pauseGitSource(b, admin.actor, { swarmId: source.swarmId, stackName: source.stackName, paused: true });
    expect(await jobsOf(GIT_CHECK_QUEUE, sourceId)).toEqual([]);
    expect(await c.gitChecks.sweep()).toBe(0);
    expect(await jobsOf(GIT_CHECK_QUEUE, sourceId)).toEqual([]);
    await pauseGitSource(b, admin.actor, { swarmId: source.swarmId, stackName: source.stackName, paused: false });
    expect((await jobsOf(GIT_CHECK_QUEUE, sourceId)).map((job) => job.state)).toEqual(['created']);
    // The sweep finds it has one and sends none.
    expect(await c.gitChecks.sweep()).toBe(0);
  });
});
