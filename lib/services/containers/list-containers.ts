// Containers across every host the actor may see, read in parallel. A host that does not answer
// is reported with why, beside the others' containers; it never fails the whole list.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { visibleHosts } from '@/lib/auth/permissions.ts';
import type { ServiceDeps } from '../deps.ts';
import { toContainerRow, type ContainerList } from '../../models/containers/container-views.ts';
import { hostEngine } from '../engine/index.ts';

/** The list gets this long per host; the table must not wait for a stopped engine's TCP timeout. */
const LIST_MS = 8_000;

export async function listContainers(deps: Pick<ServiceDeps, 'db' | 'engines'>, actor: Actor, options: { hostId?: string } = {}): Promise<ContainerList> {
  const visible = visibleHosts(actor.grants, 'container.view');
  const ids = visible === 'all' ? null : [...visible];
  const allowed = options.hostId ? (ids ? ids.filter((id) => id === options.hostId) : [options.hostId]) : ids;
  const hosts = await deps.db.host.findMany({
    where: allowed ? { id: { in: allowed } } : {},
    orderBy: { name: 'asc' },
    select: { id: true, name: true },
  });
  const perHost = await Promise.all(
    hosts.map(async (host) => {
      try {
        const engine = await hostEngine(deps, host.id);
        const raw = await engine.call('list containers', (api) => api.listContainers({ all: true }), { ms: LIST_MS });
        const rows = raw.map((c) => toContainerRow(c, { hostId: host.id, hostName: host.name }));
        return { rows, listing: { hostId: host.id, hostName: host.name, ok: true, count: rows.length } };
      } catch (error) {
        const message = error instanceof AppError ? error.message : `Could not list the containers of ${host.name}.`;
        if (!(error instanceof AppError)) console.error('[containers] list failed', error);
        return { rows: [], listing: { hostId: host.id, hostName: host.name, ok: false, count: 0, error: message } };
      }
    }),
  );
  return { containers: perHost.flatMap((h) => h.rows), hosts: perHost.map((h) => h.listing) };
}
