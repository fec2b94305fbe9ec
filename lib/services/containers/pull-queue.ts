// Image pulls on the console's job queue (lib/jobs/job-queue.ts): starting a pull writes its
// row (ImagePull) and sends the queue its id; a worker on any replica takes it and runs it
// (run-image-pull.ts, which claims the row first), so a pull started on one replica is read, and
// may run, on any other. A pull under way on a replica that dies is marked interrupted by the
// replicas sweep (markInterruptedPulls), never left running.
import 'server-only';
import type { JobQueue } from '@/lib/jobs/job-queue.ts';
import type { ServiceDeps } from '../deps.ts';
import { runImagePull } from './run-image-pull.ts';

export const PULL_QUEUE = 'image-pull';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;

export type PullQueue = {
  /** Sends a pull (its row written) to the queue. */
  enqueue(pullId: string): Promise<void>;
  /** How many pulls this replica is running now. */
  readonly runningCount: number;
};

/** Defines the pulls' queue on `jobs`: a job is a pull's id, taken by claiming and running its row. */
export function definePullQueue(deps: Deps, jobs: JobQueue): PullQueue {
  jobs.define<{ pullId: string }>(PULL_QUEUE, ({ pullId }, replicaId) => runImagePull(deps, { pullId, replicaId }));
  return {
    enqueue: (pullId) => jobs.send(PULL_QUEUE, { pullId }),
    get runningCount() {
      return jobs.runningCount(PULL_QUEUE);
    },
  };
}
