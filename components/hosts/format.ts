// Formatting of host facts for display. Pure.
import type { SwarmFacts } from '@/lib/services/docker/engine-facts.ts';

export function formatBytes(bytes: number): string {
  if (!bytes) return '0 B';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  const i = Math.min(units.length - 1, Math.floor(Math.log(bytes) / Math.log(1024)));
  return `${(bytes / 1024 ** i).toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

export function describeSwarm(swarm: SwarmFacts): string {
  if (swarm.state !== 'active') return swarm.state === 'inactive' ? 'Not in a swarm' : `Swarm ${swarm.state}`;
  return `${swarm.role === 'manager' ? 'Manager' : 'Worker'}${swarm.clusterId ? ` of cluster ${swarm.clusterId.slice(0, 12)}` : ''}`;
}

export const transportLabel = { unix: 'Unix socket', tcp: 'TCP + TLS', ssh: 'SSH' } as const;
