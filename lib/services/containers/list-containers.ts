// Containers across every host the actor may see, read in parallel. A host that does not answer
// is reported with why, beside the others' containers; it never fails the whole list. Which hosts
// are read and which rows are kept is decided by the grants (visibleScopes, then isAllowed on each
// container's own target), so a stack-scoped member sees only that stack's task containers.
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import { AppError } from '@/lib/errors.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { isAllowed, reachesHost, visibleScopes } from '@/lib/auth/permissions.ts';
import { containerTarget } from '@/lib/models/access/containment.ts';
import { containerOwners } from '../access/container-owners.ts';
import type { ServiceDeps } from '../deps.ts';
import { toContainerRow, type ContainerList, type ContainerRow } from '../../models/containers/container-views.ts';
import { swarmOfHosts } from '../access/locate-target.ts';
import { hostEngine } from '../engine/index.ts';
import { log } from '@/lib/observability/logger.ts';

/** The list gets this long per host; the table must not wait for a stopped engine's TCP timeout. */
const LIST_MS = 8_000;

export async function listContainers(deps: Pick<ServiceDeps, 'db' | 'engines'>, actor: Actor, options: { hostId?: string } = {}): Promise<ContainerList> {
  const visible = visibleScopes(actor.grants, 'container.view');
  const needsSwarms = visible !== 'all' && (visible.swarms.size > 0 || visible.stacks.size > 0);
  const swarmOf = needsSwarms ? await swarmOfHosts(deps) : new Map<string, string>();
  const all = await deps.db.host.findMany({
    where: options.hostId ? { id: options.hostId } : {},
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  });
  const hosts = all.filter((h) => reachesHost(visible, h.id, swarmOf.get(h.id) ?? null));
  // Grants on everything reach every row whoever owns it; otherwise who owns each container decides
  // (lib/auth/ownership.ts): its labels, its project's row, or a move's row.
  const manageAll = visibleScopes(actor.grants, 'container.manage') === 'all';
  const ownerOf = visible === 'all' && manageAll ? null : await containerOwners(deps.db, hosts.map((h) => h.id));
  const perHost = await Promise.all(
    hosts.map(async (host) => {
      try {
        const engine = await hostEngine(deps, host.id);
        const raw = await engine.call(msg('engineText.doing.listContainers'), (api) => api.listContainers({ all: true }), { ms: LIST_MS });
        const swarmId = swarmOf.get(host.id) ?? null;
        const targetOf = (c: (typeof raw)[number]) => containerTarget(host.id, c.Labels, swarmId, ownerOf?.(host.id, { id: c.Id, labels: c.Labels }));
        const mine = visible === 'all' ? raw : raw.filter((c) => isAllowed(actor.grants, 'container.view', targetOf(c), actor.id));
        const rows = mine.map((c) => toContainerRow(c, { hostId: host.id, hostName: host.name, swarmId }));
        const manageable = (manageAll ? mine : mine.filter((c) => isAllowed(actor.grants, 'container.manage', targetOf(c), actor.id))).map((c) => c.Id);
        return { rows, manageable, listing: { hostId: host.id, hostName: host.name, ok: true, count: rows.length } };
      } catch (error) {
        const message = error instanceof AppError ? error.message : `Could not list the containers of ${host.name}.`;
        if (!(error instanceof AppError)) log('containers').error({ err: error }, 'list failed');
        return { rows: [], manageable: [], listing: { hostId: host.id, hostName: host.name, ok: false, count: 0, error: message } };
      }
    }),
  );
  const containers = perHost.flatMap((h) => h.rows);
  return { containers: needsSwarms ? containers : await withSwarms(deps, containers), hosts: perHost.map((h) => h.listing), manageable: perHost.flatMap((h) => h.manageable) };
}

/** The swarm of each task container's host, read only when the list has swarm tasks (for links to their stack and service). */
async function withSwarms(deps: Pick<ServiceDeps, 'db' | 'engines'>, rows: ContainerRow[]): Promise<ContainerRow[]> {
  const tasksOn = [...new Set(rows.filter((r) => r.stackKind === 'stack' || r.serviceId).map((r) => r.hostId))];
  if (tasksOn.length === 0) return rows;
  const swarmOf = await swarmOfHosts(deps, tasksOn);
  return rows.map((r) => ({ ...r, swarmId: swarmOf.get(r.hostId) ?? null }));
}
