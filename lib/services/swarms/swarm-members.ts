// Which registered hosts belong to a swarm, from the facts the inventory keeps: managers report
// the cluster id; workers only their node id, which the managers' node list ties to the swarm.
import 'server-only';
import type { Db } from '@/lib/db/client.ts';
import type { EngineFacts } from '@/lib/models/hosts/engine-facts.ts';

export type MemberHost = { id: string; name: string; status: string; facts: EngineFacts | null };

const asFacts = (value: unknown) => (value as EngineFacts | null) ?? null;

/** Registered hosts whose last facts say they manage this swarm. */
export async function managerHosts(db: Db, swarmId: string): Promise<MemberHost[]> {
  const rows = await db.host.findMany({
    where: { facts: { path: ['swarm', 'clusterId'], equals: swarmId } },
    select: { id: true, name: true, status: true, facts: true },
    orderBy: { name: 'asc' },
  });
  return rows.map((r) => ({ ...r, facts: asFacts(r.facts) })).filter((h) => h.facts?.swarm.state === 'active' && h.facts.swarm.role === 'manager');
}

/** Registered hosts by the swarm node id their engine reports (any swarm). */
export async function hostsByNodeId(db: Db): Promise<Map<string, { id: string; name: string }>> {
  const rows = await db.host.findMany({ select: { id: true, name: true, facts: true } });
  const map = new Map<string, { id: string; name: string }>();
  for (const row of rows) {
    const swarm = asFacts(row.facts)?.swarm;
    if (swarm?.state === 'active' && swarm.nodeId) map.set(swarm.nodeId, { id: row.id, name: row.name });
  }
  return map;
}
