// Deploys that will never end on their own: those running on a replica that stopped beating (its
// worker died with the deploy, which may have changed part of the stack), and those queued so long
// that the queue gave up delivering them. Each is marked interrupted once, at the step it had
// reached (the update holds only while the row is still running or queued), with a message saying
// where it stopped and to deploy again (a deploy converges, so nothing retries it on its own).
// Called by the replicas sweep and at start.
import 'server-only';
import { storedSaying } from '@/lib/i18n/message.ts';
import { interruptedSaying } from '@/lib/models/stacks/deploy-steps.ts';
import type { ServiceDeps } from '../deps.ts';

/** Longer than the queue's delivery with its one retry (job-queue.ts): a row still queued after this will not be taken. */
export const QUEUED_GIVE_UP_MS = 10 * 60_000;
/** Ended deploys' rows are kept this long, then removed (their revisions stay in the stack's history). */
export const KEEP_ENDED_MS = 24 * 3600_000;

export async function markInterruptedDeploys(deps: Pick<ServiceDeps, 'db'>, liveReplicaIds: string[]): Promise<number> {
  const stale = await deps.db.stackDeploy.findMany({
    where: {
      OR: [
        { status: 'running', OR: [{ replicaId: null }, { replicaId: { notIn: liveReplicaIds } }] },
        { status: 'queued', createdAt: { lt: new Date(Date.now() - QUEUED_GIVE_UP_MS) } },
      ],
    },
    select: { id: true, stackName: true, status: true, step: true, replicaId: true },
  });
  let marked = 0;
  for (const row of stale) {
    const { count } = await deps.db.stackDeploy.updateMany({
      where: { id: row.id, status: row.status, replicaId: row.replicaId, step: row.step },
      data: { status: 'interrupted', message: storedSaying(interruptedSaying(row.stackName, row.step)), finishedAt: new Date() },
    });
    marked += count;
  }
  return marked;
}

/** Removes the rows of deploys that ended more than a day ago. */
export async function forgetEndedDeploys(deps: Pick<ServiceDeps, 'db'>): Promise<number> {
  const { count } = await deps.db.stackDeploy.deleteMany({ where: { finishedAt: { lt: new Date(Date.now() - KEEP_ENDED_MS) } } });
  return count;
}
