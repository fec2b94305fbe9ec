// Images, volumes or networks of every host the actor may see as itself (a host grant, or one on
// everything), read in parallel with a deadline per host. A host that does not answer in time is
// reported with why, beside the others' rows; it never fails the whole list.
import 'server-only';
import { isAppError } from '@/lib/errors.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { visibleHosts } from '@/lib/auth/permissions.ts';
import { msg, storedSaying } from '@/lib/i18n/message.ts';
import { log } from '@/lib/observability/logger.ts';
import type { HostListing } from '../../models/containers/container-views.ts';
import type { ImageRow, NetworkRow, VolumeRow } from '../../models/containers/host-resources.ts';
import { withHostOf, type OnHost } from '../../models/containers/resources-across-hosts.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine } from '../engine/index.ts';
import { readImageRows, readNetworkRows, readVolumeRows, type ResourceKind } from './read-host-resources.ts';

/** Each host gets this long; the table must not wait for a stopped engine's TCP timeout. */
export const LIST_RESOURCES_MS = 8_000;

export type ResourceRows = { images: ImageRow; volumes: VolumeRow; networks: NetworkRow };
/** The rows of every host read, and each host's outcome (`error`: a stored saying, see localizeText). */
export type ResourcesAcrossHosts<K extends ResourceKind> = { rows: OnHost<ResourceRows[K]>[]; hosts: HostListing[] };

const READERS = { images: readImageRows, volumes: readVolumeRows, networks: readNetworkRows } as const;
const ID_OF: { [K in ResourceKind]: (row: ResourceRows[K]) => string } = { images: (i) => i.id, volumes: (v) => v.name, networks: (n) => n.id };

export async function listResources<K extends ResourceKind>(
  deps: Pick<ServiceDeps, 'db' | 'engines'>,
  actor: Actor,
  kind: K,
  options: { hostId?: string; ms?: number } = {},
): Promise<ResourcesAcrossHosts<K>> {
  const visible = visibleHosts(actor.grants, 'container.view');
  const all = await deps.db.host.findMany({ where: options.hostId ? { id: options.hostId } : {}, orderBy: { name: 'asc' }, select: { id: true, name: true } });
  const hosts = visible === 'all' ? all : all.filter((h) => visible.has(h.id));
  const read = READERS[kind] as (engine: Awaited<ReturnType<typeof hostEngine>>, ms: number) => Promise<ResourceRows[K][]>;
  const perHost = await Promise.all(
    hosts.map(async (host) => {
      try {
        const rows = await read(await hostEngine(deps, host.id), options.ms ?? LIST_RESOURCES_MS);
        return { rows: withHostOf(rows, host, ID_OF[kind]), listing: { hostId: host.id, hostName: host.name, ok: true, count: rows.length } };
      } catch (error) {
        if (!isAppError(error)) log('containers').error({ err: error, kind }, 'list failed');
        const said = isAppError(error) ? (error.said ?? error.message) : msg('containers.errors.notListed', { kind, host: host.name });
        return { rows: [], listing: { hostId: host.id, hostName: host.name, ok: false, count: 0, error: storedSaying(said) } };
      }
    }),
  );
  return { rows: perHost.flatMap((h) => h.rows), hosts: perHost.map((h) => h.listing) };
}
