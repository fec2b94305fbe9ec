// Runs one queued stack deploy on the replica whose worker took it (deploy-queue.ts): claims its
// row (queued → running, one conditional update, so a job delivered twice deploys once), rebuilds
// the actor who asked with their current grants and checks them again before anything changes (a
// grant removed since the door let the deploy in refuses it here), runs the deploy writing each
// step into the row, and ends the row with the revision and the result or error. Every write is
// made only while the row is still this replica's run: a sweep that marked it interrupted has the
// last word.
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors.ts';
import { msg, storedSaying } from '@/lib/i18n/message.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { actorOfUser } from '@/lib/auth/actor-of-user.ts';
import { authorizeAll } from '@/lib/auth/authorize.ts';
import { storeError, type DeployStep } from '@/lib/models/stacks/deploy-steps.ts';
import type { ServiceDeps } from '../deps.ts';
import { onStack } from '../access/locate-target.ts';
import { deployStackHere } from './deploy-stack.ts';
import { openDeploy } from './start-stack-deploy.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'> & Partial<Pick<ServiceDeps, 'notices'>>;

const asJson = (value: unknown) => value as Prisma.InputJsonValue;

/** The actor a deploy row names, as they are now (null: the user is gone). */
async function actorOfDeploy(deps: Pick<Deps, 'db'>, row: { actorId: string; actorSessionId: string; actorIp: string | null; actorVia: unknown }): Promise<Actor | null> {
  const via = (row.actorVia ?? {}) as Pick<Actor, 'token' | 'webhook'>;
  const actor = await actorOfUser(deps.db, row.actorId, { sessionId: row.actorSessionId, ip: row.actorIp, ...(via.webhook ? { webhook: via.webhook } : {}) });
  return actor && via.token ? { ...actor, token: via.token } : actor;
}

/** Runs the deploy `deployId` here; does nothing when another worker has claimed it already. Resolves when the deploy has ended. */
export async function runStackDeploy(deps: Deps, input: { deployId: string; replicaId: string }): Promise<void> {
  const { deployId, replicaId } = input;
  const first: DeployStep = 'checking';
  const claimed = await deps.db.stackDeploy.updateMany({ where: { id: deployId, status: 'queued' }, data: { status: 'running', replicaId, step: first, startedAt: new Date() } });
  if (claimed.count !== 1) return;
  const row = await deps.db.stackDeploy.findUniqueOrThrow({ where: { id: deployId } });
  const ours = { id: deployId, status: 'running', replicaId };
  let revision: number | null = null;
  const end = (data: Prisma.StackDeployUpdateManyMutationInput) => deps.db.stackDeploy.updateMany({ where: ours, data: { ...data, revision, finishedAt: new Date() } });
  try {
    const { input: deploy, options } = openDeploy(deps.keyring, deployId, row.inputsSealed);
    const actor = await actorOfDeploy(deps, row);
    if (!actor) throw new AppError('FORBIDDEN', msg('stacks.errors.deployerGone'));
    await authorizeAll(deps.db, actor, await onStack(deps, actor, 'stack.deploy', deploy));
    const result = await deployStackHere(deps, actor, deploy, {
      ...options,
      track: {
        step: async (step) => {
          await deps.db.stackDeploy.updateMany({ where: ours, data: { step } });
        },
        revision: async (number) => {
          revision = number;
          await deps.db.stackDeploy.updateMany({ where: ours, data: { revision } });
        },
      },
    });
    await end({ status: 'done', outcome: asJson(result) });
  } catch (error) {
    const stored = storeError(error);
    await end({ status: 'failed', message: storedSaying(stored.said ?? stored.message), outcome: asJson(stored) });
    // Unexpected errors are the queue's to log (the caller is told only that something went wrong).
    if (!(error instanceof AppError)) throw error;
  }
}
