// Stack deploys on the console's job queue (lib/jobs/job-queue.ts), as image pulls are: starting a
// deploy writes its row (StackDeploy, start-stack-deploy.ts) and sends the queue its id; a worker on
// any replica takes it and runs it (run-stack-deploy.ts, which claims the row first). A deploy under
// way on a replica that dies is marked interrupted at its step by the replicas sweep
// (markInterruptedDeploys), never left running and never retried on its own.
import 'server-only';
import type { JobQueue } from '@/lib/jobs/job-queue.ts';
import type { ServiceDeps } from '../deps.ts';
import { runStackDeploy } from './run-stack-deploy.ts';

export const DEPLOY_QUEUE = 'stack-deploy';

export type DeployQueue = {
  /** Sends a deploy (its row written) to the queue. */
  enqueue(deployId: string): Promise<void>;
  /** How many deploys this replica is running now. */
  readonly runningCount: number;
};

/** Defines the deploys' queue on `jobs`: a job is a deploy's id, taken by claiming and running its row. */
export function defineDeployQueue(deps: Pick<ServiceDeps, 'db' | 'engines' | 'keyring'> & Partial<Pick<ServiceDeps, 'notices'>>, jobs: JobQueue): DeployQueue {
  jobs.define<{ deployId: string }>(DEPLOY_QUEUE, ({ deployId }, replicaId) => runStackDeploy(deps, { deployId, replicaId }));
  return {
    enqueue: (deployId) => jobs.send(DEPLOY_QUEUE, { deployId }),
    get runningCount() {
      return jobs.runningCount(DEPLOY_QUEUE);
    },
  };
}
