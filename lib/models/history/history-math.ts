// History of hosts and swarm services, as the console keeps it: what one sampling round makes of
// its containers' one-shot stats documents (CPU % against the previous reading kept in memory, as
// `docker stats` does; memory without the page cache; network and block I/O as rates), summed per
// subject (the host, and each swarm service by its tasks' containers), rolled up from fine points
// into coarse ones, and how long each resolution is kept. Pure: the sampler (server) and the
// charts (browser) share it, and it is unit-tested.
import { cpuPercent, toSample, type EngineStats, type StatsSample } from '@/lib/models/stats/stats-math.ts';

/** The label swarm puts on a task's container: the service it belongs to. */
export const SERVICE_ID_LABEL = 'com.docker.swarm.service.id';

export type SubjectType = 'host' | 'service';
export type HistoryRange = 'hour' | 'day';

/** One point of a subject's history. CPU is % of one core summed over containers (as docker stats
 * shows each); null when no container had two readings yet. Rates are bytes per second. */
export type HistoryValues = {
  cpuPercent: number | null;
  memoryUsed: number;
  netRxRate: number | null;
  netTxRate: number | null;
  blockReadRate: number | null;
  blockWriteRate: number | null;
  containers: number;
};
export type SubjectKey = { subjectType: SubjectType; subjectId: string };
export type HistoryPoint = SubjectKey & HistoryValues & { at: Date };

/** Resolutions and retention for a sampling interval. At the default 10 s: fine points every 10 s
 * kept 1 hour (360), coarse points every minute kept 24 hours (1,440). A shorter interval (tests)
 * scales everything, so a subject never holds more than FINE_POINTS + COARSE_POINTS rows per host. */
export const FINE_POINTS = 360;
export const COARSE_POINTS = 1440;
export const FINES_PER_COARSE = 6;
export const DEFAULT_INTERVAL_SECONDS = 10;

export type HistoryPlan = { fineSeconds: number; coarseSeconds: number; fineKeepMs: number; coarseKeepMs: number };

export function historyPlan(intervalSeconds: number = DEFAULT_INTERVAL_SECONDS): HistoryPlan {
  const fineSeconds = Math.max(1, Math.round(intervalSeconds));
  const coarseSeconds = fineSeconds * FINES_PER_COARSE;
  return { fineSeconds, coarseSeconds, fineKeepMs: FINE_POINTS * fineSeconds * 1000, coarseKeepMs: COARSE_POINTS * coarseSeconds * 1000 };
}

/** The start of the bucket of `seconds` that `at` falls in (epoch-aligned, so hosts sampled by
 * different replicas agree on a service's buckets). */
export function bucketStart(at: Date, seconds: number): Date {
  const ms = seconds * 1000;
  return new Date(Math.floor(at.getTime() / ms) * ms);
}

/** What is kept of a container between rounds: its last sample (for rates) and CPU counters. */
export type ContainerMemory = { sample: StatsSample; cpu: EngineStats['cpu_stats'] };

/** A one-shot stats document (no `precpu_stats` worth reading) made a sample against the
 * container's previous reading: CPU % over the time between the two rounds, rates likewise. */
export function readingOf(doc: EngineStats, previous: ContainerMemory | undefined, now: () => string): ContainerMemory {
  const sample = toSample({ ...doc, precpu_stats: undefined }, previous?.sample ?? null, now);
  const cpu = previous ? cpuPercent({ cpu_stats: doc.cpu_stats, precpu_stats: previous.cpu }) : null;
  return { sample: { ...sample, cpuPercent: cpu }, cpu: doc.cpu_stats };
}

/** Sums samples into one subject's values; a measure none of them had stays null. */
export function sumSamples(samples: readonly StatsSample[]): HistoryValues {
  const add = (a: number | null, b: number | null) => (b === null ? a : (a ?? 0) + b);
  let v: HistoryValues = { cpuPercent: null, memoryUsed: 0, netRxRate: null, netTxRate: null, blockReadRate: null, blockWriteRate: null, containers: 0 };
  for (const s of samples) {
    v = {
      cpuPercent: add(v.cpuPercent, s.cpuPercent),
      memoryUsed: v.memoryUsed + s.memoryUsed,
      netRxRate: add(v.netRxRate, s.netRxRate),
      netTxRate: add(v.netTxRate, s.netTxRate),
      blockReadRate: add(v.blockReadRate, s.blockReadRate),
      blockWriteRate: add(v.blockWriteRate, s.blockWriteRate),
      containers: v.containers + 1,
    };
  }
  return v;
}

/** One round's points: the host (every running container) and each swarm service that has tasks
 * here (its containers by label). All points carry the round's fine bucket. */
export function roundPoints(hostId: string, at: Date, containers: readonly { sample: StatsSample; serviceId: string | null }[]): HistoryPoint[] {
  const points: HistoryPoint[] = [{ subjectType: 'host', subjectId: hostId, at, ...sumSamples(containers.map((c) => c.sample)) }];
  const byService = new Map<string, StatsSample[]>();
  for (const c of containers) {
    if (!c.serviceId) continue;
    const list = byService.get(c.serviceId) ?? [];
    list.push(c.sample);
    byService.set(c.serviceId, list);
  }
  for (const [serviceId, samples] of [...byService].sort(([a], [b]) => a.localeCompare(b))) points.push({ subjectType: 'service', subjectId: serviceId, at, ...sumSamples(samples) });
  return points;
}

const mean = (values: (number | null)[]): number | null => {
  const known = values.filter((v): v is number => v !== null);
  return known.length ? known.reduce((a, b) => a + b, 0) / known.length : null;
};

/** Fine points averaged into coarse ones: one per subject and coarse bucket, stamped with the
 * bucket's start. Containers is the mean too (rounded), as it was on average over the bucket. */
export function rollUp(points: readonly HistoryPoint[], coarseSeconds: number): HistoryPoint[] {
  const groups = new Map<string, HistoryPoint[]>();
  for (const p of points) {
    const key = `${p.subjectType}\u0000${p.subjectId}\u0000${bucketStart(p.at, coarseSeconds).getTime()}`;
    const list = groups.get(key) ?? [];
    list.push(p);
    groups.set(key, list);
  }
  const out: HistoryPoint[] = [];
  for (const list of groups.values()) {
    const first = list[0];
    out.push({
      subjectType: first.subjectType,
      subjectId: first.subjectId,
      at: bucketStart(first.at, coarseSeconds),
      cpuPercent: mean(list.map((p) => p.cpuPercent)),
      memoryUsed: mean(list.map((p) => p.memoryUsed)) ?? 0,
      netRxRate: mean(list.map((p) => p.netRxRate)),
      netTxRate: mean(list.map((p) => p.netTxRate)),
      blockReadRate: mean(list.map((p) => p.blockReadRate)),
      blockWriteRate: mean(list.map((p) => p.blockWriteRate)),
      containers: Math.round(mean(list.map((p) => p.containers)) ?? 0),
    });
  }
  return out.sort((a, b) => a.at.getTime() - b.at.getTime() || a.subjectType.localeCompare(b.subjectType) || a.subjectId.localeCompare(b.subjectId));
}

/** The coarse buckets that closed between two rounds (a round at `now` after one at `previous`):
 * the fine points in [from, to) are to be rolled up. Null when both rounds fall in one bucket. */
export function closedCoarseWindow(previous: Date | null, now: Date, coarseSeconds: number): { from: Date; to: Date } | null {
  const to = bucketStart(now, coarseSeconds);
  if (previous === null) return { from: new Date(to.getTime() - coarseSeconds * 1000), to };
  const from = bucketStart(previous, coarseSeconds);
  return from.getTime() < to.getTime() ? { from, to } : null;
}

/** Points older than these are deleted. */
export function retentionCutoffs(now: Date, plan: HistoryPlan): { fine: Date; coarse: Date } {
  return { fine: new Date(now.getTime() - plan.fineKeepMs), coarse: new Date(now.getTime() - plan.coarseKeepMs) };
}

/** Which resolution and since when a range reads. */
export function rangeWindow(range: HistoryRange, now: Date, plan: HistoryPlan): { resolutionSeconds: number; since: Date } {
  const cut = retentionCutoffs(now, plan);
  return range === 'hour' ? { resolutionSeconds: plan.fineSeconds, since: cut.fine } : { resolutionSeconds: plan.coarseSeconds, since: cut.coarse };
}

/** A chart's series: epoch seconds and values, oldest first. */
export type HistorySeries = { times: number[]; cpuPercent: (number | null)[]; memoryUsed: (number | null)[]; netRxRate: (number | null)[]; netTxRate: (number | null)[]; blockReadRate: (number | null)[]; blockWriteRate: (number | null)[] };

/** A chart's answer: the series, and the sampling interval (the browser refetches at that pace). */
export type HistoryAnswer = { range: HistoryRange; intervalSeconds: number; resolutionSeconds: number; series: HistorySeries };

/** Rows of several sources (a service's hosts, the dashboard's hosts) summed per time. */
export function sumByTime(rows: readonly (HistoryValues & { at: Date })[]): HistorySeries {
  const byTime = new Map<number, HistoryValues[]>();
  for (const r of rows) {
    const t = Math.floor(r.at.getTime() / 1000);
    const list = byTime.get(t) ?? [];
    list.push(r);
    byTime.set(t, list);
  }
  const series: HistorySeries = { times: [], cpuPercent: [], memoryUsed: [], netRxRate: [], netTxRate: [], blockReadRate: [], blockWriteRate: [] };
  for (const t of [...byTime.keys()].sort((a, b) => a - b)) {
    const list = byTime.get(t) ?? [];
    const sum = (pick: (v: HistoryValues) => number | null) => list.reduce<number | null>((acc, v) => (pick(v) === null ? acc : (acc ?? 0) + (pick(v) ?? 0)), null);
    series.times.push(t);
    series.cpuPercent.push(sum((v) => v.cpuPercent));
    series.memoryUsed.push(sum((v) => v.memoryUsed));
    series.netRxRate.push(sum((v) => v.netRxRate));
    series.netTxRate.push(sum((v) => v.netTxRate));
    series.blockReadRate.push(sum((v) => v.blockReadRate));
    series.blockWriteRate.push(sum((v) => v.blockWriteRate));
  }
  return series;
}
