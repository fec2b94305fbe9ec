// Replicas of the job queue for integration tests: each with its own presence (heartbeat row) and
// its own JobQueue on one test database, as console replicas have; `work: false` only sends.
import { JobQueue } from '@/lib/jobs/job-queue.ts';
import { log } from '@/lib/observability/logger.ts';
import { ReplicaPresence } from '@/lib/runtime/replica-presence.ts';
import type { TestDeps } from './integration.ts';

export type QueueReplica = { jobs: JobQueue; presence: ReplicaPresence };

/** A started replica on `base`'s database; `define` adds the feature's queues (before the queue starts) and its answer is returned beside. */
export async function startQueueReplica<Q>(base: Pick<TestDeps, 'db' | 'databaseUrl'>, work: boolean, define: (jobs: JobQueue) => Q): Promise<QueueReplica & { queues: Q }> {
  const presence = new ReplicaPresence({ db: base.db, log: log('test') });
  await presence.start();
  const jobs = new JobQueue({ databaseUrl: base.databaseUrl, replicaId: presence.id, log: log('test'), work });
  const queues = define(jobs);
  await jobs.start();
  return { jobs, presence, queues };
}

/** Stops taking jobs and beating: to the others, this replica died. */
export async function stopQueueReplica(r: QueueReplica | undefined): Promise<void> {
  if (!r) return;
  await r.jobs.stop();
  await r.presence.stop();
}
