// The dashboard's swarms: each visible swarm's stacks, services and nodes, read with the list pages'
// own functions (so only what the reader's grants reach is counted), in parallel. A swarm whose
// managers do not answer is said so, beside the others; it never fails the dashboard.
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import { AppError } from '@/lib/errors.ts';
import { isAllowed } from '@/lib/auth/permissions.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import type { SwarmRead } from '@/lib/models/dashboard/dashboard-digest.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager } from '../engine/index.ts';
import { listStacks } from '../stacks/read-stacks.ts';
import { listSwarmServices } from '../swarm-services/manage-services.ts';
import { listSwarms } from '../swarms/list-swarms.ts';
import { toNodeView } from '../swarms/swarm-views.ts';
import { log } from '@/lib/observability/logger.ts';

/** As the model's, with why a swarm could not be read still a message (the page says it in the reader's language). */
export type SwarmDigest = Omit<SwarmRead, 'unreadable'> & { unreadable: Message | string | null };

export async function readSwarmDigests(deps: Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>, actor: Actor): Promise<SwarmDigest[]> {
  const swarms = await listSwarms(deps, actor);
  return Promise.all(
    swarms.map(async (swarm): Promise<SwarmDigest> => {
      const inSwarm = { type: 'in-swarm' as const, id: swarm.id };
      try {
        const [stacks, services, nodes] = await Promise.all([
          isAllowed(actor.grants, 'stack.view', inSwarm) ? listStacks(deps, swarm.id, actor).then((r) => r.stacks.map((s) => ({ name: s.name, state: s.convergence.state, errors: s.convergence.errors }))) : null,
          isAllowed(actor.grants, 'service.view', inSwarm)
            ? listSwarmServices(deps, swarm.id, actor).then((r) => r.services.map((s) => ({ id: s.id, name: s.name, state: s.convergence.state, errors: s.convergence.errors.map((e) => e.error) })))
            : null,
          isAllowed(actor.grants, 'swarm.view', { type: 'swarm', id: swarm.id })
            ? callManager(deps, swarm.id, { write: false, doing: msg('engineText.doing.listNodes') }, (api) => api.listNodes()).then((r) =>
                r.value.map((n) => toNodeView(n, { runningTasks: 0, hostId: null })).map((n) => ({ id: n.id, hostname: n.hostname, state: n.state })),
              )
            : null,
        ]);
        return { id: swarm.id, name: swarm.name, stacks, services, nodes, unreadable: null };
      } catch (error) {
        if (!(error instanceof AppError)) log('dashboard').error({ err: error, swarmId: swarm.id }, 'could not read swarm');
        return { id: swarm.id, name: swarm.name, stacks: null, services: null, nodes: null, unreadable: error instanceof AppError ? (error.said ?? error.message) : msg('dashboard.swarms.unreadable', { swarm: swarm.name }) };
      }
    }),
  );
}
