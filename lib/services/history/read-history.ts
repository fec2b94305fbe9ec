// Reading history for the charts: a host's (also a swarm node's, which is its host), a swarm
// service's (its points from every host running its tasks, summed per time), and the dashboard's
// (every host the reader may see, summed). The doors authorize the page's own read permission
// first; the dashboard's sum is limited here to the hosts the reader's grants show.
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import { visibleHosts } from '@/lib/auth/permissions.ts';
import { rangeWindow, sumByTime, type HistoryAnswer, type HistoryPlan, type HistoryRange } from '@/lib/models/history/history-math.ts';
import type { ServiceDeps } from '@/lib/services/deps.ts';
import { hostsByNodeId } from '@/lib/services/swarms/swarm-members.ts';

type Deps = Pick<ServiceDeps, 'db'>;


const VALUES = { at: true, cpuPercent: true, memoryUsed: true, netRxRate: true, netTxRate: true, blockReadRate: true, blockWriteRate: true, containers: true } as const;

async function readSubject(deps: Deps, plan: HistoryPlan, where: { subjectType: string; subjectId: string; hostId?: { in: string[] } | string }, range: HistoryRange, now: Date): Promise<HistoryAnswer> {
  const window = rangeWindow(range, now, plan);
  const rows = await deps.db.historyPoint.findMany({ where: { ...where, resolution: window.resolutionSeconds, at: { gt: window.since } }, select: VALUES, orderBy: { at: 'asc' } });
  return { range, intervalSeconds: plan.fineSeconds, resolutionSeconds: window.resolutionSeconds, series: sumByTime(rows) };
}

/** The caller has authorized host.view on this host. */
export function readHostHistory(deps: Deps, plan: HistoryPlan, hostId: string, range: HistoryRange, now = new Date()): Promise<HistoryAnswer> {
  return readSubject(deps, plan, { subjectType: 'host', subjectId: hostId, hostId }, range, now);
}

/** A swarm node's history is its host's; null when no registered host runs the node. The caller
 * has authorized swarm.view on the node's swarm (the node page's permission). */
export async function readNodeHistory(deps: Deps, plan: HistoryPlan, nodeId: string, range: HistoryRange, now = new Date()): Promise<(HistoryAnswer & { hostId: string }) | null> {
  const host = (await hostsByNodeId(deps.db)).get(nodeId);
  return host ? { ...(await readHostHistory(deps, plan, host.id, range, now)), hostId: host.id } : null;
}

/** The caller has authorized service.view on this service (the service page's permission). */
export function readServiceHistory(deps: Deps, plan: HistoryPlan, serviceId: string, range: HistoryRange, now = new Date()): Promise<HistoryAnswer> {
  return readSubject(deps, plan, { subjectType: 'service', subjectId: serviceId }, range, now);
}

/** The dashboard's last hour: CPU and memory of every host the reader may see, summed. */
export async function readOverviewHistory(deps: Deps, plan: HistoryPlan, actor: Actor, now = new Date()): Promise<HistoryAnswer & { hosts: number }> {
  const visible = visibleHosts(actor.grants, 'host.view');
  const ids = visible === 'all' ? (await deps.db.host.findMany({ select: { id: true } })).map((h) => h.id) : [...visible];
  const window = rangeWindow('hour', now, plan);
  const rows = ids.length
    ? await deps.db.historyPoint.findMany({ where: { subjectType: 'host', subjectId: { in: ids }, resolution: window.resolutionSeconds, at: { gt: window.since } }, select: { ...VALUES, hostId: true }, orderBy: { at: 'asc' } })
    : [];
  return { range: 'hour', intervalSeconds: plan.fineSeconds, resolutionSeconds: window.resolutionSeconds, hosts: new Set(rows.map((r) => r.hostId)).size, series: sumByTime(rows) };
}
