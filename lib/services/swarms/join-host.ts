// Joins a registered host to a swarm as a worker or a manager. A join that fails (a manager it
// cannot reach, a bad token) is undone on that host, so it is never left half-joined.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager, hostEngine } from '../engine/index.ts';
import { localSwarmState } from './init-swarm.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'changes'>;

/** The engine gives up a join after 20 s on its own; leave it that time and a margin. */
const JOIN_DEADLINE_MS = 30_000;

export async function joinHost(
  deps: Deps,
  actor: Actor,
  input: { swarmId: string; hostId: string; role: 'worker' | 'manager'; advertiseAddr: string },
): Promise<{ hostId: string; role: string }> {
  const host = await deps.db.host.findUnique({ where: { id: input.hostId }, select: { id: true, name: true } });
  if (!host) throw new AppError('NOT_FOUND', msg('swarms.errors.hostNotFound'));
  return audited(deps.db, subjectOf(actor), `swarm.join-${input.role}`, { type: 'host', id: host.id, name: host.name }, async () => {
    const engine = await hostEngine(deps, host.id);
    const state = await localSwarmState(engine);
    if (state !== 'inactive') throw new AppError('CONFLICT', msg('swarms.errors.joinAlreadyInSwarm', { host: host.name, state }));

    const { value } = await callManager(deps, input.swarmId, { write: false, doing: 'read the join token' }, async (api) => {
      const [swarm, nodes] = await Promise.all([api.inspectSwarm(), api.listNodes()]);
      const addresses = nodes
        .map((n) => n.ManagerStatus)
        .filter((m) => m?.Addr && m.Reachability === 'reachable')
        .map((m) => m!.Addr!);
      return { token: input.role === 'manager' ? swarm.JoinTokens.Manager : swarm.JoinTokens.Worker, addresses };
    });
    if (!value.addresses.length) throw new AppError('PRECONDITION', msg('swarms.errors.noManagerToJoin'));

    const request = { ListenAddr: '0.0.0.0:2377', RemoteAddrs: value.addresses, JoinToken: value.token, ...(input.advertiseAddr ? { AdvertiseAddr: input.advertiseAddr } : {}) };
    try {
      await engine.call('join the swarm', (api) => api.joinSwarm(request), { ms: JOIN_DEADLINE_MS, swarm: { managerAddr: value.addresses.join(', ') } });
    } catch (error) {
      // A failed join keeps retrying in the background on the engine: stop it.
      await engine.call('undo the join', (api) => api.leaveSwarm(true), { ms: 15_000 }).catch(() => {});
      throw error;
    } finally {
      deps.changes.publish({ type: 'host.engine-changed', hostId: host.id });
    }
    return { hostId: host.id, role: input.role };
  });
}
