// Formatting of host facts for display. Pure.
import type { SwarmFacts } from '@/lib/models/hosts/engine-facts.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';

export function formatBytes(bytes: number): string {
  if (!bytes) return '0 B';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = Math.min(units.length - 1, Math.floor(Math.log(bytes) / Math.log(1024)));
  // 1 MiB − 1 byte would print as "1024.0 KiB": round first, then move up a unit if needed.
  if (i > 0 && i < units.length - 1 && Number((bytes / 1024 ** i).toFixed(1)) >= 1024) i += 1;
  return `${(bytes / 1024 ** i).toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

/** "Manager of swarm prod" when the swarm's name is known (`swarmNames`, by cluster id); its id shortened otherwise. */
export function describeSwarm(swarm: SwarmFacts, swarmNames?: ReadonlyMap<string, string>): Message {
  if (swarm.state !== 'active') return swarm.state === 'inactive' ? msg('hosts.swarm.none') : msg('hosts.swarm.state', { state: swarm.state });
  const role = swarm.role === 'manager' ? 'manager' : 'worker';
  const name = swarm.clusterId ? swarmNames?.get(swarm.clusterId) : undefined;
  if (name) return msg('hosts.swarm.ofSwarm', { role, name });
  if (swarm.clusterId) return msg('hosts.swarm.ofCluster', { role, id: swarm.clusterId.slice(0, 12) });
  return msg('hosts.swarm.role', { role });
}

export type Transport = 'unix' | 'tcp' | 'ssh';
