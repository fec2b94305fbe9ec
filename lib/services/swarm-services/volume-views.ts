// What the volumes page shows: each node's local volumes, with the containers that use them, and
// which nodes could be read at all (only nodes whose engine is a registered host). Pure.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { NAMESPACE_LABEL } from '@/lib/services/stacks/stack-labels.ts';

export type VolumeRow = {
  /** Unique across the swarm: a volume name is only unique on its own engine. */
  key: string;
  name: string;
  driver: string;
  hostId: string;
  hostName: string;
  /** The node's hostname in the swarm. */
  node: string;
  createdAt: string | null;
  labels: Record<string, string>;
  stack: string | null;
  /** Names of the containers (running or not) that mount it: the engine refuses to remove it while any exists. */
  usedBy: string[];
};

/** A node of the swarm and whether its volumes could be listed. */
export type VolumeSource = { nodeId: string; node: string; hostId: string | null; hostName: string | null; /** Why its volumes are not listed (said in the reader's language where shown). */ error: string | Message | null };

export type SwarmVolumes = { volumes: VolumeRow[]; sources: VolumeSource[] };

export type RawVolume = { Name: string; Driver?: string; CreatedAt?: string; Labels?: Record<string, string> | null };
export type RawContainer = { Id: string; Names?: string[] | null; Mounts?: { Type?: string; Name?: string }[] | null };

export const containerName = (c: RawContainer) => (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, '');

/** Names of the containers that mount the named volume, sorted. */
export function volumeUsers(containers: RawContainer[], volume: string): string[] {
  return containers
    .filter((c) => (c.Mounts ?? []).some((m) => m.Type === 'volume' && m.Name === volume))
    .map(containerName)
    .sort();
}

export function toVolumeRows(volumes: RawVolume[], containers: RawContainer[], where: { hostId: string; hostName: string; node: string }): VolumeRow[] {
  return volumes.map((v) => {
    const labels = v.Labels ?? {};
    return {
      key: `${where.hostId}/${v.Name}`,
      name: v.Name,
      driver: v.Driver ?? 'local',
      hostId: where.hostId,
      hostName: where.hostName,
      node: where.node,
      createdAt: v.CreatedAt ?? null,
      labels,
      stack: labels[NAMESPACE_LABEL] ?? null,
      usedBy: volumeUsers(containers, v.Name),
    };
  });
}

/** The swarm's nodes, each with the registered host that runs it (if any), sorted by hostname. */
export function volumeSources(nodes: { id: string; hostname: string }[], hostsByNode: Map<string, { id: string; name: string }>): VolumeSource[] {
  return nodes
    .map((n) => {
      const host = hostsByNode.get(n.id);
      return {
        nodeId: n.id,
        node: n.hostname,
        hostId: host?.id ?? null,
        hostName: host?.name ?? null,
        error: host ? null : msg('services.volumes.notRegistered'),
      };
    })
    .sort((a, b) => a.node.localeCompare(b.node));
}

export const byNodeThenName = (a: VolumeRow, b: VolumeRow) => a.node.localeCompare(b.node) || a.name.localeCompare(b.name);
