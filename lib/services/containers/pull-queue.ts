// Image pulls and pushes on the console's job queue (lib/jobs/job-queue.ts), queues image-pull and
// image-push: starting one writes its row (ImagePull, kind pull or push) and sends its queue the
// row's id; a worker on any replica takes it and runs it (run-image-pull.ts, run-image-push.ts,
// which claim the row first), so a pull or push started on one replica is read, and may run, on
// any other. One under way on a replica that dies is marked interrupted by the replicas sweep
// (markInterruptedPulls), never left running.
import 'server-only';
import type { JobQueue } from '@/lib/jobs/job-queue.ts';
import type { ServiceDeps } from '../deps.ts';
import { runImagePull } from './run-image-pull.ts';
import { runImagePush } from './run-image-push.ts';

export const PULL_QUEUE = 'image-pull';
export const PUSH_QUEUE = 'image-push';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;

export type PullQueue = {
  /** Sends a pull (its row written) to the queue. */
  enqueue(pullId: string): Promise<void>;
  /** Sends a push (its row written, kind push) to the queue. */
  enqueuePush(pushId: string): Promise<void>;
  /** How many pulls and pushes this replica is running now. */
  readonly runningCount: number;
};

/** Defines the pulls' and the pushes' queues on `jobs`: a job is a row's id, taken by claiming and running that row. */
export function definePullQueue(deps: Deps, jobs: JobQueue): PullQueue {
  jobs.define<{ pullId: string }>(PULL_QUEUE, ({ pullId }, replicaId) => runImagePull(deps, { pullId, replicaId }));
  jobs.define<{ pushId: string }>(PUSH_QUEUE, ({ pushId }, replicaId) => runImagePush(deps, { pullId: pushId, replicaId }));
  return {
    enqueue: (pullId) => jobs.send(PULL_QUEUE, { pullId }),
    enqueuePush: (pushId) => jobs.send(PUSH_QUEUE, { pushId }),
    get runningCount() {
      return jobs.runningCount(PULL_QUEUE) + jobs.runningCount(PUSH_QUEUE);
    },
  };
}
