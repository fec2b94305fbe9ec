// The swarms Wharf can manage: those with at least one registered manager. A cluster id first
// seen on a manager's facts gets a Swarm row (named after its id); rows whose managers are all
// gone from it are dropped.
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import { reachesSwarm, visibleScopes } from '@/lib/auth/permissions.ts';
import type { EngineFacts } from '@/lib/models/hosts/engine-facts.ts';
import type { ServiceDeps } from '../deps.ts';

export type SwarmSummary = { id: string; name: string; managerHosts: { id: string; name: string; status: string }[]; nodes: number | null; managers: number | null };

export async function listSwarms(deps: Pick<ServiceDeps, 'db'>, actor: Actor): Promise<SwarmSummary[]> {
  const hosts = await deps.db.host.findMany({ select: { id: true, name: true, status: true, facts: true }, orderBy: { name: 'asc' } });
  const byCluster = new Map<string, { hosts: SwarmSummary['managerHosts']; nodes: number | null; managers: number | null }>();
  for (const host of hosts) {
    const swarm = (host.facts as EngineFacts | null)?.swarm;
    if (swarm?.state !== 'active' || swarm.role !== 'manager' || !swarm.clusterId) continue;
    const entry = byCluster.get(swarm.clusterId) ?? { hosts: [], nodes: null, managers: null };
    entry.hosts.push({ id: host.id, name: host.name, status: host.status });
    if (host.status === 'up') {
      entry.nodes = swarm.nodes ?? entry.nodes;
      entry.managers = swarm.managers ?? entry.managers;
    }
    byCluster.set(swarm.clusterId, entry);
  }

  const known = await deps.db.swarm.findMany();
  const stale = known.filter((s) => !byCluster.has(s.id)).map((s) => s.id);
  if (stale.length) await deps.db.swarm.deleteMany({ where: { id: { in: stale } } });
  const names = new Map(known.map((s) => [s.id, s.name]));
  // Pages and lists read this at once (a dashboard and its swarm list): a row another read made first is kept.
  const added = [...byCluster.keys()].filter((id) => !names.has(id)).map((id) => ({ id, name: `swarm-${id.slice(0, 8)}` }));
  if (added.length) {
    await deps.db.swarm.createMany({ data: added, skipDuplicates: true });
    for (const row of await deps.db.swarm.findMany({ where: { id: { in: added.map((a) => a.id) } } })) names.set(row.id, row.name);
    // Two clusters whose ids begin alike: the second is named after its whole id.
    const clashed = added.filter((a) => !names.has(a.id)).map((a) => ({ id: a.id, name: `swarm-${a.id}` }));
    if (clashed.length) await deps.db.swarm.createMany({ data: clashed, skipDuplicates: true });
    for (const row of clashed) names.set(row.id, row.name);
  }

  // A swarm is listed to those who may see it or something in it (a stack granted on it).
  const visible = visibleScopes(actor.grants, 'swarm.view');
  return [...byCluster.entries()]
    .filter(([id]) => reachesSwarm(visible, id))
    .map(([id, entry]) => ({ id, name: names.get(id)!, managerHosts: entry.hosts, nodes: entry.nodes, managers: entry.managers }))
    .sort((a, b) => a.name.localeCompare(b.name));
}
