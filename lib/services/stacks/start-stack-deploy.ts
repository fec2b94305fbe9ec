// Starting a stack deploy and waiting for its end (the deploy itself runs on whichever replica's
// worker takes it: run-stack-deploy.ts). The row keeps who asked (to rebuild them with their current
// grants and audit as them) and the deploy's input sealed with the keyring, bound to the row's id:
// the file's variables and files may hold secrets.
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { AppError } from '@/lib/errors.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { newId } from '@/lib/db/new-id.ts';
import { open, seal, type Keyring } from '@/lib/crypto/secret-box.ts';
import { errorOfStored, interruptedSaying, stillRunningSaying, type StoredError } from '@/lib/models/stacks/deploy-steps.ts';
import type { ServiceDeps } from '../deps.ts';
import type { DeployStackInput, DeployStackOptions, DeployStackResult } from './deploy-stack.ts';

/** What a deploy row seals: the input as the door gave it, and the options of the caller. */
export type SealedDeploy = { input: DeployStackInput; options: DeployStackOptions };

const contextOf = (deployId: string) => `stack-deploy:${deployId}`;
export const sealDeploy = (keyring: Keyring, deployId: string, deploy: SealedDeploy): string => seal(keyring, JSON.stringify(deploy), contextOf(deployId));
export const openDeploy = (keyring: Keyring, deployId: string, sealed: string): SealedDeploy => JSON.parse(open(keyring, sealed, contextOf(deployId))) as SealedDeploy;

/** How often a waiting caller reads the row. */
export const DEPLOY_POLL_MS = 250;
/** How long a caller waits for a deploy before answering that it is still running. */
export const DEPLOY_WAIT_MS = 10 * 60_000;

/** Writes the deploy's row (queued) and sends it to the queue; answers its id. */
export async function startStackDeploy(deps: Pick<ServiceDeps, 'db' | 'keyring' | 'deploys'>, actor: Actor, input: DeployStackInput, options: DeployStackOptions = {}): Promise<string> {
  const id = newId();
  const via = actor.token || actor.webhook ? { ...(actor.token ? { token: actor.token } : {}), ...(actor.webhook ? { webhook: actor.webhook } : {}) } : undefined;
  await deps.db.stackDeploy.create({
    data: {
      id, swarmId: input.swarmId, stackName: input.stackName, status: 'queued',
      actorId: actor.id, actorName: actor.username, actorSessionId: actor.sessionId, actorIp: actor.ip, actorVia: via as Prisma.InputJsonValue | undefined,
      inputsSealed: sealDeploy(deps.keyring, id, { input, options }),
    },
  });
  await deps.deploys.enqueue(id);
  return id;
}

/** Waits for a deploy to end and answers as the deploy would have in the caller's request: its result,
 * or the error it ended with. Past `timeoutMs` it says the deploy is still running and at which step. */
export async function awaitStackDeploy(deps: Pick<ServiceDeps, 'db'>, deployId: string, timeoutMs = DEPLOY_WAIT_MS): Promise<DeployStackResult> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const row = await deps.db.stackDeploy.findUniqueOrThrow({ where: { id: deployId }, select: { stackName: true, status: true, step: true, outcome: true } });
    if (row.status === 'done') return row.outcome as unknown as DeployStackResult;
    if (row.status === 'failed') throw errorOfStored(row.outcome as unknown as StoredError);
    if (row.status === 'interrupted') throw new AppError('CONFLICT', interruptedSaying(row.stackName, row.step));
    if (Date.now() >= deadline) throw new AppError('CONFLICT', stillRunningSaying(row.stackName, row.step));
    await new Promise((resolve) => setTimeout(resolve, Math.min(DEPLOY_POLL_MS, Math.max(0, deadline - Date.now()))));
  }
}
