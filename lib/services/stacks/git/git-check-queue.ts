// Stacks that follow a git repository, checked through the console's job queue
// (lib/jobs/job-queue.ts): each source that is not paused has one `git-stack-check` job waiting
// for its next due time (pg-boss's startAfter; the `short` policy with the source's id as
// singleton key keeps it to one), sent when the source is saved or resumed and after each check
// (with dueForCheck's jitter); a paused source has none. Any replica's worker takes the job and
// claims the source with a lease (checkingUntil, checkingBy) so two replicas never check one
// source at once, then checks it as the user who set it up (their current grants: a disabled or
// removed creator's stack is not applied). The sweep (run by the replica leading
// `git-stacks.sweep`) sends a job for each source that should have one and has none.
import 'server-only';
import { randomUUID } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor.ts';
import { actorOfUser } from '@/lib/auth/actor-of-user.ts';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { JobQueue } from '@/lib/jobs/job-queue.ts';
import { dueForCheck, nextCheckAt } from '@/lib/models/stacks/git-source.ts';
import type { ServiceDeps } from '../../deps.ts';
import { checkGitStack, findGitSource, type GitCheck } from './check-git-stack.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring' | 'deploys'> & Partial<Pick<ServiceDeps, 'notices'>>;

export const GIT_CHECK_QUEUE = 'git-stack-check';
/** How long a replica holds a source it checks (an auto-apply deploys within it); one that died holds it no longer. */
export const CHECK_LEASE_MS = 10 * 60_000;
/** How often the led sweep looks for sources without a job. */
export const GIT_SWEEP_MS = 30_000;

export type GitCheckQueue = {
  /** Sends the source's next check for `at` (now when not given), replacing the one waiting. */
  schedule(sourceId: string, at?: Date): Promise<void>;
  /** Removes the check waiting for the source (paused, or removed). */
  unschedule(sourceId: string): Promise<void>;
  /** Sends a check for each source not paused that has none; answers how many were sent. */
  sweep(): Promise<number>;
};

export type GitCheckOptions = {
  random?: () => number;
  /** Told of each check this replica ran (tests count them). */
  checked?: (sourceId: string, replicaId: string) => void;
};

export function defineGitCheckQueue(deps: Deps, jobs: JobQueue, options: GitCheckOptions = {}): GitCheckQueue {
  const random = options.random ?? Math.random;
  const queue: GitCheckQueue = {
    async schedule(sourceId, at) {
      await jobs.cancelWaiting(GIT_CHECK_QUEUE, sourceId);
      await jobs.send(GIT_CHECK_QUEUE, { sourceId }, { singletonKey: sourceId, startAfter: at });
    },
    unschedule: (sourceId) => jobs.cancelWaiting(GIT_CHECK_QUEUE, sourceId),
    async sweep() {
      const now = new Date();
      const sources = await deps.db.stackGitSource.findMany({ where: { paused: false }, select: { id: true, pollSeconds: true, checkedAt: true, checkingUntil: true } });
      const waiting = await jobs.keysWaiting(GIT_CHECK_QUEUE);
      let sent = 0;
      for (const source of sources) {
        if (waiting.has(source.id)) continue;
        // Being checked: that check sends the next (or its lease runs out and this sends one then).
        const at = source.checkingUntil && source.checkingUntil > now ? source.checkingUntil : nextCheckAt(source, source.checkedAt, now, random());
        await jobs.send(GIT_CHECK_QUEUE, { sourceId: source.id }, { singletonKey: source.id, startAfter: at });
        sent++;
      }
      return sent;
    },
  };
  jobs.define<{ sourceId: string }>(GIT_CHECK_QUEUE, async ({ sourceId }, replicaId) => {
    const next = await runGitCheck(deps, { sourceId, replicaId, random, checked: options.checked });
    if (next) await queue.schedule(sourceId, next);
  });
  return queue;
}

/**
 * Checks the source here when it is due and no other replica is checking it. Answers when its next
 * check is due (null: paused or gone, nothing to send).
 */
export async function runGitCheck(
  deps: Deps,
  input: { sourceId: string; replicaId: string; now?: Date; random?: () => number; checked?: GitCheckOptions['checked'] },
): Promise<Date | null> {
  const { sourceId, replicaId } = input;
  const random = input.random ?? Math.random;
  const now = input.now ?? new Date();
  const source = await deps.db.stackGitSource.findUnique({ where: { id: sourceId }, select: { id: true, swarmId: true, stackName: true, paused: true, pollSeconds: true, checkedAt: true, checkingUntil: true, createdById: true } });
  if (!source || source.paused) return null;
  // Checked since this job was sent (by hand, or by the stack's webhook): the next is its interval after that.
  if (!dueForCheck(source, now, 0)) return nextCheckAt(source, source.checkedAt, now, random());
  // Claimed only as read: not paused, not checked since, and no other replica's lease running.
  const claimed = await deps.db.stackGitSource.updateMany({
    where: { id: sourceId, paused: false, checkedAt: source.checkedAt, OR: [{ checkingUntil: null }, { checkingUntil: { lt: new Date() } }] },
    data: { checkingUntil: new Date(Date.now() + CHECK_LEASE_MS), checkingBy: replicaId },
  });
  // Another replica checks it, or just did: that check sends the next (the sweep does when its replica died with the lease).
  if (claimed.count !== 1) return null;
  try {
    const actor = await actorOfUser(deps.db, source.createdById, { sessionId: `git-stack:${source.id}`, ip: null });
    if (actor) {
      // A failure is kept on the source and said on the stack page.
      await checkGitStack(deps, actor, source).catch(() => {});
      input.checked?.(sourceId, replicaId);
    }
  } finally {
    await deps.db.stackGitSource.updateMany({ where: { id: sourceId, checkingBy: replicaId }, data: { checkingUntil: null, checkingBy: null } });
  }
  const after = await deps.db.stackGitSource.findUnique({ where: { id: sourceId }, select: { paused: true, pollSeconds: true } });
  return after && !after.paused ? nextCheckAt(after, new Date(), now, random()) : null;
}

/**
 * Check now (the stack page's button, the API): checks at once here, under the same lease as a
 * queued check (refused while another check of the source is under way), then sends its next
 * check for an interval after this one.
 */
export async function checkGitStackNow(deps: Deps & Pick<ServiceDeps, 'gitChecks'>, actor: Actor, ref: { swarmId: string; stackName: string }): Promise<GitCheck> {
  const row = await findGitSource(deps, ref.swarmId, ref.stackName);
  const holder = `check-now:${randomUUID()}`;
  const claimed = await deps.db.stackGitSource.updateMany({
    where: { id: row.id, OR: [{ checkingUntil: null }, { checkingUntil: { lt: new Date() } }] },
    data: { checkingUntil: new Date(Date.now() + CHECK_LEASE_MS), checkingBy: holder },
  });
  if (claimed.count !== 1) throw new AppError('CONFLICT', msg('gitStacks.errors.checkUnderWay', { name: ref.stackName }));
  try {
    return await checkGitStack(deps, actor, ref);
  } finally {
    await deps.db.stackGitSource.updateMany({ where: { id: row.id, checkingBy: holder }, data: { checkingUntil: null, checkingBy: null } });
    const after = await deps.db.stackGitSource.findUnique({ where: { id: row.id }, select: { paused: true, pollSeconds: true } });
    if (after && !after.paused) await deps.gitChecks.schedule(row.id, nextCheckAt(after, new Date(), new Date(), Math.random())).catch(() => {});
  }
}
