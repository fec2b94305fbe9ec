// Images, volumes and networks of one host: list rows, and prune plans (the dry run shown before
// a prune: exactly what would go, and for images the space it frees). Pure.
import type { RawContainer } from './container-views.ts';
import { containerName } from './container-views.ts';

export type RawImage = { Id: string; RepoTags?: string[] | null; RepoDigests?: string[] | null; Created?: number; Size?: number; Containers?: number };
export type RawVolume = { Name: string; Driver?: string; Mountpoint?: string; CreatedAt?: string; Labels?: Record<string, string> | null; Scope?: string };
export type RawNetwork = { Id: string; Name: string; Driver?: string; Scope?: string; Internal?: boolean; Created?: string; Labels?: Record<string, string> | null; IPAM?: { Config?: { Subnet?: string }[] | null } | null };

export type ImageRow = { id: string; shortId: string; tags: string[]; dangling: boolean; size: number; createdAt: string | null; usedBy: string[] };
export type VolumeRow = { name: string; driver: string; anonymous: boolean; createdAt: string | null; usedBy: string[]; labels: Record<string, string> };
export type NetworkRow = { id: string; name: string; driver: string; scope: string; internal: boolean; subnets: string[]; builtIn: boolean; usedBy: string[] };

const shortId = (id: string) => id.replace(/^sha256:/, '').slice(0, 12);
const isoOfUnix = (s: number | undefined) => (typeof s === 'number' && s > 0 ? new Date(s * 1000).toISOString() : null);
const byName = (a: string, b: string) => a.localeCompare(b);

const realTags = (image: RawImage) => (image.RepoTags ?? []).filter((t) => t !== '<none>:<none>');

export function toImageRows(images: readonly RawImage[], containers: readonly RawContainer[]): ImageRow[] {
  const users = new Map<string, string[]>();
  for (const c of containers) if (c.ImageID) (users.get(c.ImageID) ?? users.set(c.ImageID, []).get(c.ImageID)!).push(containerName(c));
  return images
    .map((i) => {
      const tags = realTags(i);
      return { id: i.Id, shortId: shortId(i.Id), tags: tags.sort(byName), dangling: tags.length === 0, size: i.Size ?? 0, createdAt: isoOfUnix(i.Created), usedBy: (users.get(i.Id) ?? []).sort(byName) };
    })
    .sort((a, b) => Number(a.dangling) - Number(b.dangling) || (a.tags[0] ?? a.shortId).localeCompare(b.tags[0] ?? b.shortId));
}

/** An anonymous volume: the engine names it with 64 hex digits (and labels it so since 23.0). */
export const isAnonymousVolume = (v: Pick<RawVolume, 'Name' | 'Labels'>) => /^[0-9a-f]{64}$/.test(v.Name) || (v.Labels ?? {})['com.docker.volume.anonymous'] !== undefined;

export function toVolumeRows(volumes: readonly RawVolume[], containers: readonly RawContainer[]): VolumeRow[] {
  const users = new Map<string, string[]>();
  for (const c of containers) for (const m of c.Mounts ?? []) if (m.Type === 'volume' && m.Name) (users.get(m.Name) ?? users.set(m.Name, []).get(m.Name)!).push(containerName(c));
  return volumes
    .map((v) => ({ name: v.Name, driver: v.Driver ?? 'local', anonymous: isAnonymousVolume(v), createdAt: v.CreatedAt ?? null, usedBy: [...new Set(users.get(v.Name) ?? [])].sort(byName), labels: v.Labels ?? {} }))
    .sort((a, b) => Number(a.anonymous) - Number(b.anonymous) || byName(a.name, b.name));
}

/** Networks every engine has, which cannot be removed. */
export const BUILT_IN_NETWORKS = new Set(['bridge', 'host', 'none', 'docker_gwbridge', 'ingress']);

export function toNetworkRows(networks: readonly RawNetwork[], containers: readonly RawContainer[]): NetworkRow[] {
  const users = new Map<string, string[]>();
  for (const c of containers) for (const n of Object.values(c.NetworkSettings?.Networks ?? {})) if (n.NetworkID) (users.get(n.NetworkID) ?? users.set(n.NetworkID, []).get(n.NetworkID)!).push(containerName(c));
  return networks
    .map((n) => ({
      id: n.Id,
      name: n.Name,
      driver: n.Driver ?? '',
      scope: n.Scope ?? 'local',
      internal: n.Internal === true,
      subnets: (n.IPAM?.Config ?? []).map((c) => c.Subnet ?? '').filter(Boolean),
      builtIn: BUILT_IN_NETWORKS.has(n.Name) || (n.Scope === 'swarm' && n.Driver === 'overlay' && (n.Labels ?? {})['com.docker.swarm.internal'] === 'true'),
      usedBy: (users.get(n.Id) ?? []).sort(byName),
    }))
    .sort((a, b) => Number(b.builtIn) - Number(a.builtIn) || byName(a.name, b.name));
}

// ---------- prune plans ----------

export type ImagePruneMode = 'dangling' | 'unused';
export type VolumePruneMode = 'anonymous' | 'unused';

export type PrunePlanItem = { id: string; label: string; bytes: number | null };
export type PrunePlan = { kind: 'images' | 'volumes' | 'networks'; items: PrunePlanItem[]; bytes: number | null };

/** Like `docker image prune` (dangling) or `-a` (every image no container uses, stopped ones included).
 * Sizes are each image's own size: shared layers are counted once per image, so this is an upper bound. */
export function planImagePrune(rows: readonly ImageRow[], mode: ImagePruneMode): PrunePlan {
  const items = rows
    .filter((r) => r.usedBy.length === 0 && (mode === 'unused' || r.dangling))
    .map((r) => ({ id: r.id, label: r.tags.length ? r.tags.join(', ') : `<none> ${r.shortId}`, bytes: r.size }));
  return { kind: 'images', items, bytes: items.reduce((sum, i) => sum + (i.bytes ?? 0), 0) };
}

/** Like `docker volume prune` (anonymous volumes only) or `--all`. The engine reports no sizes here. */
export function planVolumePrune(rows: readonly VolumeRow[], mode: VolumePruneMode): PrunePlan {
  const items = rows.filter((r) => r.usedBy.length === 0 && (mode === 'unused' || r.anonymous)).map((r) => ({ id: r.name, label: r.name, bytes: null }));
  return { kind: 'volumes', items, bytes: null };
}

/** Like `docker network prune`: local networks no container is attached to; never the built-in ones or swarm-scoped ones. */
export function planNetworkPrune(rows: readonly NetworkRow[]): PrunePlan {
  const items = rows.filter((r) => !r.builtIn && r.scope !== 'swarm' && r.usedBy.length === 0).map((r) => ({ id: r.id, label: r.name, bytes: null }));
  return { kind: 'networks', items, bytes: null };
}

/** What a prune did: what it removed, what it skipped (with why), and the space freed. */
export type PruneOutcome = { removed: string[]; skipped: { label: string; reason: string }[]; bytes: number | null };

/** The confirmed items that the current plan still contains: anything that became used since is kept. */
export function stillPlanned(plan: PrunePlan, confirmed: readonly string[]): { go: PrunePlanItem[]; keep: string[] } {
  const planned = new Map(plan.items.map((i) => [i.id, i]));
  const go: PrunePlanItem[] = [];
  const keep: string[] = [];
  for (const id of new Set(confirmed)) {
    const item = planned.get(id);
    if (item) go.push(item);
    else keep.push(id);
  }
  return { go, keep };
}
