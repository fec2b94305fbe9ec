// Creates a swarm on a registered host that is in none. With autolock, the unlock key is
// returned once, to be shown once; Wharf does not keep it.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { isUniqueViolation } from '@/lib/db/errors.ts';
import type { InitSwarmInput } from '@/lib/schemas/swarms.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine, type HostEngine } from '../engine/index.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'changes'>;

/** The host's own view of its swarm membership, read live (facts may lag a few seconds). */
export async function localSwarmState(engine: HostEngine): Promise<string> {
  const info = await engine.call('check its swarm membership', (api) => api.info(), { ms: 6000 });
  return info.Swarm?.LocalNodeState ?? 'inactive';
}

export async function initSwarm(deps: Deps, actor: Actor, input: InitSwarmInput): Promise<{ swarmId: string; name: string; unlockKey: string | null }> {
  const host = await deps.db.host.findUnique({ where: { id: input.hostId }, select: { id: true, name: true } });
  if (!host) throw new AppError('NOT_FOUND', msg('swarms.errors.hostNotFound'));
  return audited(deps.db, subjectOf(actor), 'swarm.create', { type: 'host', id: host.id, name: host.name }, async () => {
    if (await deps.db.swarm.findUnique({ where: { name: input.name } })) {
      throw new AppError('CONFLICT', msg('swarms.errors.nameExists', { name: input.name }), { fieldErrors: { name: [issueText('swarms.errors.nameTaken')] } });
    }
    const engine = await hostEngine(deps, host.id);
    const state = await localSwarmState(engine);
    if (state !== 'inactive') {
      throw new AppError('CONFLICT', msg('swarms.errors.alreadyInSwarm', { host: host.name, state }), { fieldErrors: { hostId: [issueText('swarms.errors.alreadyInSwarmField')] } });
    }
    const body = {
      ListenAddr: input.listenAddr || '0.0.0.0:2377',
      ...(input.advertiseAddr ? { AdvertiseAddr: input.advertiseAddr } : {}),
      ...(input.defaultAddrPool.length ? { DefaultAddrPool: input.defaultAddrPool } : {}),
      ...(input.subnetSize ? { SubnetSize: input.subnetSize } : {}),
      ...(input.dataPathPort ? { DataPathPort: input.dataPathPort } : {}),
      Spec: { EncryptionConfig: { AutoLockManagers: input.autolock } },
    };
    await engine.call('create a swarm', (api) => api.initSwarm(body), { ms: 30_000, swarm: {} });
    const swarmId = (await engine.call('read the new swarm', (api) => api.inspectSwarm(), { swarm: {} })).ID;
    const unlockKey = input.autolock ? await engine.call('read the unlock key', (api) => api.swarmUnlockKey(), { swarm: {} }) : null;
    try {
      await deps.db.swarm.create({ data: { id: swarmId, name: input.name, createdById: actor.id, activeHostId: host.id } });
    } catch (error) {
      // Keep the engines and the database consistent: a swarm Wharf cannot record is undone.
      await engine.call('undo the swarm', (api) => api.leaveSwarm(true), { ms: 15_000 }).catch(() => {});
      if (isUniqueViolation(error)) throw new AppError('CONFLICT', msg('swarms.errors.nameExists', { name: input.name }), { fieldErrors: { name: [issueText('swarms.errors.nameTaken')] } });
      throw error;
    } finally {
      deps.changes.publish({ type: 'host.engine-changed', hostId: host.id });
    }
    return { swarmId, name: input.name, unlockKey };
  }, (r) => ({ id: r.swarmId, name: r.name }));
}
