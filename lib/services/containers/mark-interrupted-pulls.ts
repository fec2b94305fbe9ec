// Pulls and pushes (ImagePull rows) that will never end on their own: those running on a replica
// that stopped beating (its worker died with them), and those queued so long that the queue gave
// up delivering them.
// Each is marked interrupted once (the update holds only while the row is still running or
// queued), its progress ended with a message saying so. Called by the replicas sweep and at start.
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { msg, storedSaying } from '@/lib/i18n/message.ts';
import type { ServiceDeps } from '../deps.ts';
import { failProgress, type PullProgress } from './pull-progress.ts';

/** Longer than the queue's delivery with its one retry (pull-queue.ts): a row still queued after this will not be taken. */
export const QUEUED_GIVE_UP_MS = 10 * 60_000;
/** Ended pulls are kept this long for their readers, then removed. */
export const KEEP_ENDED_MS = 24 * 3600_000;

export async function markInterruptedPulls(deps: Pick<ServiceDeps, 'db'>, liveReplicaIds: string[]): Promise<number> {
  const stale = await deps.db.imagePull.findMany({
    where: {
      OR: [
        { status: 'running', OR: [{ replicaId: null }, { replicaId: { notIn: liveReplicaIds } }] },
        { status: 'queued', createdAt: { lt: new Date(Date.now() - QUEUED_GIVE_UP_MS) } },
      ],
    },
    select: { id: true, kind: true, status: true, replicaId: true, progress: true },
  });
  const saying = { pull: storedSaying(msg('containers.errors.pullInterrupted')), push: storedSaying(msg('containers.errors.pushInterrupted')) };
  let marked = 0;
  for (const row of stale) {
    const said = row.kind === 'push' ? saying.push : saying.pull;
    const progress = failProgress(row.progress as unknown as PullProgress, said);
    const { count } = await deps.db.imagePull.updateMany({
      where: { id: row.id, status: row.status, replicaId: row.replicaId },
      data: { status: 'interrupted', progress: progress as unknown as Prisma.InputJsonValue, error: said, finishedAt: new Date() },
    });
    marked += count;
  }
  return marked;
}

/** Removes the rows of pulls and pushes that ended more than a day ago. */
export async function forgetEndedPulls(deps: Pick<ServiceDeps, 'db'>): Promise<number> {
  const { count } = await deps.db.imagePull.deleteMany({ where: { finishedAt: { lt: new Date(Date.now() - KEEP_ENDED_MS) } } });
  return count;
}
