// Formatting of host facts for display. Pure.
import type { SwarmFacts } from '@/lib/models/hosts/engine-facts.ts';

export function formatBytes(bytes: number): string {
  if (!bytes) return '0 B';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = Math.min(units.length - 1, Math.floor(Math.log(bytes) / Math.log(1024)));
  // 1 MiB − 1 byte would print as "1024.0 KiB": round first, then move up a unit if needed.
  if (i > 0 && i < units.length - 1 && Number((bytes / 1024 ** i).toFixed(1)) >= 1024) i += 1;
  return `${(bytes / 1024 ** i).toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

/** "Manager of swarm prod" when the swarm's name is known (`swarmNames`, by cluster id); its id shortened otherwise. */
export function describeSwarm(swarm: SwarmFacts, swarmNames?: ReadonlyMap<string, string>): string {
  if (swarm.state !== 'active') return swarm.state === 'inactive' ? 'Not in a swarm' : `Swarm ${swarm.state}`;
  const name = swarm.clusterId ? swarmNames?.get(swarm.clusterId) : undefined;
  return `${swarm.role === 'manager' ? 'Manager' : 'Worker'}${name ? ` of swarm ${name}` : swarm.clusterId ? ` of cluster ${swarm.clusterId.slice(0, 12)}` : ''}`;
}

export const transportLabel = { unix: 'Unix socket', tcp: 'TCP + TLS', ssh: 'SSH' } as const;
