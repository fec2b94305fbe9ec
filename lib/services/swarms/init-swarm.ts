// Creates a swarm on a registered host that is in none. With autolock, the unlock key is
// returned once, to be shown once; Wharf does not keep it.
import { AppError } from '@/lib/errors.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { isUniqueViolation } from '@/lib/db/errors.ts';
import * as api from '@/lib/services/engine/engine-api.ts';
import { withDeadline } from '@/lib/services/engine/probe-engine.ts';
import { swarmInit, swarmInspect, swarmLeave, swarmUnlockKey } from '@/lib/services/engine/swarm-api.ts';
import type { InitSwarmInput } from '@/lib/schemas/swarms.ts';
import type { ServiceDeps } from '../deps.ts';
import { explainSwarmError } from '../engine/explain-swarm-error.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'changes'>;

const swarmErrorToApp = (error: unknown, host: string) => {
  if (error instanceof AppError) return error;
  const problem = explainSwarmError(error, { host });
  return new AppError(problem.code === 'ALREADY_IN_SWARM' ? 'CONFLICT' : 'ENGINE_ERROR', problem.message, { cause: error });
};

/** The host's own view of its swarm membership, read live (facts may lag a few seconds). */
export async function localSwarmState(deps: Pick<ServiceDeps, 'engines'>, hostId: string, hostName: string): Promise<string> {
  const client = await deps.engines.get(hostId);
  try {
    const info = (await withDeadline((signal) => api.info(client.docker, signal), 6000)) as { Swarm?: { LocalNodeState?: string } };
    return info.Swarm?.LocalNodeState ?? 'inactive';
  } catch (error) {
    throw new AppError('ENGINE_UNREACHABLE', `${hostName} does not answer, so it cannot take part in a swarm change right now.`, { cause: error });
  }
}

export async function initSwarm(deps: Deps, actor: Actor, input: InitSwarmInput): Promise<{ swarmId: string; name: string; unlockKey: string | null }> {
  const host = await deps.db.host.findUnique({ where: { id: input.hostId }, select: { id: true, name: true } });
  if (!host) throw new AppError('NOT_FOUND', 'That host does not exist.');
  return audited(deps.db, subjectOf(actor), 'swarm.create', { type: 'host', id: host.id, name: host.name }, async () => {
    if (await deps.db.swarm.findUnique({ where: { name: input.name } })) {
      throw new AppError('CONFLICT', `A swarm named "${input.name}" already exists.`, { fieldErrors: { name: ['This name is taken.'] } });
    }
    const state = await localSwarmState(deps, host.id, host.name);
    if (state !== 'inactive') {
      throw new AppError('CONFLICT', `${host.name} is already part of a swarm (${state}). A host can be in one swarm only: make it leave first.`, { fieldErrors: { hostId: ['Already in a swarm.'] } });
    }
    const { docker } = await deps.engines.get(host.id);
    const body = {
      ListenAddr: input.listenAddr || '0.0.0.0:2377',
      ...(input.advertiseAddr ? { AdvertiseAddr: input.advertiseAddr } : {}),
      ...(input.defaultAddrPool.length ? { DefaultAddrPool: input.defaultAddrPool } : {}),
      ...(input.subnetSize ? { SubnetSize: input.subnetSize } : {}),
      ...(input.dataPathPort ? { DataPathPort: input.dataPathPort } : {}),
      Spec: { EncryptionConfig: { AutoLockManagers: input.autolock } },
    };
    let swarmId: string;
    let unlockKey: string | null = null;
    try {
      await withDeadline((signal) => swarmInit(docker, body, signal), 30_000);
      swarmId = (await withDeadline((signal) => swarmInspect(docker, signal), 10_000)).ID;
      if (input.autolock) unlockKey = await withDeadline((signal) => swarmUnlockKey(docker, signal), 10_000);
    } catch (error) {
      throw swarmErrorToApp(error, host.name);
    }
    try {
      await deps.db.swarm.create({ data: { id: swarmId, name: input.name, createdById: actor.id, activeHostId: host.id } });
    } catch (error) {
      // Keep the engines and the database consistent: a swarm Wharf cannot record is undone.
      await withDeadline((signal) => swarmLeave(docker, true, signal), 15_000).catch(() => {});
      if (isUniqueViolation(error)) throw new AppError('CONFLICT', `A swarm named "${input.name}" already exists.`, { fieldErrors: { name: ['This name is taken.'] } });
      throw error;
    } finally {
      deps.changes.publish({ type: 'host.engine-changed', hostId: host.id });
    }
    return { swarmId, name: input.name, unlockKey };
  }, (r) => ({ id: r.swarmId, name: r.name }));
}
