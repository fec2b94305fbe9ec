// Container stats as the console shows them, computed from the engine's /containers/{id}/stats
// documents: CPU % (the docker CLI's formula), memory used without the reclaimable page cache,
// network and block I/O totals, and rates from two consecutive samples. Pure: shared by the
// socket handlers (server) and the charts (browser), unit-tested.

/** The fields of an engine stats document that we read (cgroup v1 and v2; Linux only). */
export type EngineStats = {
  read?: string;
  preread?: string;
  cpu_stats?: EngineCpu;
  precpu_stats?: EngineCpu;
  memory_stats?: { usage?: number; limit?: number; stats?: Record<string, number | undefined> };
  networks?: Record<string, { rx_bytes?: number; tx_bytes?: number }> | null;
  blkio_stats?: { io_service_bytes_recursive?: { op?: string; value?: number }[] | null } | null;
  pids_stats?: { current?: number };
};
type EngineCpu = { cpu_usage?: { total_usage?: number; percpu_usage?: number[] | null }; system_cpu_usage?: number; online_cpus?: number };

/** One point of a container's charts. Rates are bytes per second since the previous sample
 * (null for the first one, or when a counter went backwards: a restart). */
export type StatsSample = {
  at: string;
  cpuPercent: number | null;
  onlineCpus: number;
  memoryUsed: number;
  memoryLimit: number;
  netRxBytes: number;
  netTxBytes: number;
  blockReadBytes: number;
  blockWriteBytes: number;
  netRxRate: number | null;
  netTxRate: number | null;
  blockReadRate: number | null;
  blockWriteRate: number | null;
  pids: number | null;
};

const num = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** (cpu_delta / system_delta) × online_cpus × 100; null without a previous reading to compare to. */
export function cpuPercent(stats: Pick<EngineStats, 'cpu_stats' | 'precpu_stats'>): number | null {
  const cpu = stats.cpu_stats;
  const pre = stats.precpu_stats;
  if (!cpu || !pre || !num(pre.system_cpu_usage)) return null;
  const cpuDelta = num(cpu.cpu_usage?.total_usage) - num(pre.cpu_usage?.total_usage);
  const systemDelta = num(cpu.system_cpu_usage) - num(pre.system_cpu_usage);
  if (systemDelta <= 0 || cpuDelta < 0) return null;
  return (cpuDelta / systemDelta) * onlineCpus(stats) * 100;
}

export function onlineCpus(stats: Pick<EngineStats, 'cpu_stats'>): number {
  return num(stats.cpu_stats?.online_cpus) || stats.cpu_stats?.cpu_usage?.percpu_usage?.length || 1;
}

/** usage − inactive_file on cgroup v2; usage − cache on cgroup v1 (whose stats carry `cache`). */
export function memoryUsed(stats: Pick<EngineStats, 'memory_stats'>): number {
  const m = stats.memory_stats;
  const usage = num(m?.usage);
  const s = m?.stats ?? {};
  const reclaimable = 'cache' in s ? num(s.cache) : num(s.inactive_file);
  return reclaimable < usage ? usage - reclaimable : usage;
}

export function networkTotals(stats: Pick<EngineStats, 'networks'>): { rx: number; tx: number } {
  let rx = 0;
  let tx = 0;
  for (const n of Object.values(stats.networks ?? {})) {
    rx += num(n?.rx_bytes);
    tx += num(n?.tx_bytes);
  }
  return { rx, tx };
}

export function blockTotals(stats: Pick<EngineStats, 'blkio_stats'>): { read: number; write: number } {
  let read = 0;
  let write = 0;
  for (const entry of stats.blkio_stats?.io_service_bytes_recursive ?? []) {
    const op = String(entry?.op ?? '').toLowerCase();
    if (op === 'read') read += num(entry.value);
    else if (op === 'write') write += num(entry.value);
  }
  return { read, write };
}

/** Bytes per second between two counter readings; null when time did not move or the counter went back. */
export function rate(previous: number, current: number, seconds: number): number | null {
  if (!(seconds > 0) || current < previous) return null;
  return (current - previous) / seconds;
}

const secondsBetween = (from: string, to: string): number => (Date.parse(to) - Date.parse(from)) / 1000;

/** The sample for an engine document, with rates against the previous sample of the same container. */
export function toSample(stats: EngineStats, previous: StatsSample | null, now: () => string = () => new Date().toISOString()): StatsSample {
  const at = stats.read && !stats.read.startsWith('0001-') && Number.isFinite(Date.parse(stats.read)) ? stats.read : now();
  const net = networkTotals(stats);
  const block = blockTotals(stats);
  const dt = previous ? secondsBetween(previous.at, at) : 0;
  const r = (prev: number | undefined, cur: number) => (previous && prev !== undefined ? rate(prev, cur, dt) : null);
  return {
    at,
    cpuPercent: cpuPercent(stats),
    onlineCpus: onlineCpus(stats),
    memoryUsed: memoryUsed(stats),
    memoryLimit: num(stats.memory_stats?.limit),
    netRxBytes: net.rx,
    netTxBytes: net.tx,
    blockReadBytes: block.read,
    blockWriteBytes: block.write,
    netRxRate: r(previous?.netRxBytes, net.rx),
    netTxRate: r(previous?.netTxBytes, net.tx),
    blockReadRate: r(previous?.blockReadBytes, block.read),
    blockWriteRate: r(previous?.blockWriteBytes, block.write),
    pids: typeof stats.pids_stats?.current === 'number' ? stats.pids_stats.current : null,
  };
}

/** The browser's chart series: the newest `max` samples, oldest first. */
export function appendSample(series: readonly StatsSample[], sample: StatsSample, max = 120): StatsSample[] {
  const next = series.length >= max ? series.slice(series.length - max + 1) : series.slice();
  next.push(sample);
  return next;
}

/** One running container in a host's view. */
export type HostContainerStats = { id: string; name: string; sample: StatsSample };

export type HostStatsSnapshot = {
  at: string;
  running: number;
  /** Containers whose stats could not be read this round. */
  unread: number;
  totals: { cpuPercent: number; memoryUsed: number; netRxRate: number; netTxRate: number; blockReadRate: number; blockWriteRate: number };
  topByCpu: HostContainerRow[];
  topByMemory: HostContainerRow[];
};
export type HostContainerRow = { id: string; name: string; cpuPercent: number | null; memoryUsed: number; memoryLimit: number };

export const TOP_SIZE = 10;

/** A host's totals and top lists from the samples of its running containers. */
export function hostSnapshot(rows: readonly HostContainerStats[], options: { running: number; at: string; top?: number }): HostStatsSnapshot {
  const totals = { cpuPercent: 0, memoryUsed: 0, netRxRate: 0, netTxRate: 0, blockReadRate: 0, blockWriteRate: 0 };
  for (const { sample: s } of rows) {
    totals.cpuPercent += s.cpuPercent ?? 0;
    totals.memoryUsed += s.memoryUsed;
    totals.netRxRate += s.netRxRate ?? 0;
    totals.netTxRate += s.netTxRate ?? 0;
    totals.blockReadRate += s.blockReadRate ?? 0;
    totals.blockWriteRate += s.blockWriteRate ?? 0;
  }
  const view = (r: HostContainerStats): HostContainerRow => ({ id: r.id, name: r.name, cpuPercent: r.sample.cpuPercent, memoryUsed: r.sample.memoryUsed, memoryLimit: r.sample.memoryLimit });
  const top = options.top ?? TOP_SIZE;
  const byName = (a: HostContainerStats, b: HostContainerStats) => a.name.localeCompare(b.name);
  return {
    at: options.at,
    running: options.running,
    unread: Math.max(0, options.running - rows.length),
    totals,
    topByCpu: [...rows].sort((a, b) => (b.sample.cpuPercent ?? -1) - (a.sample.cpuPercent ?? -1) || byName(a, b)).slice(0, top).map(view),
    topByMemory: [...rows].sort((a, b) => b.sample.memoryUsed - a.sample.memoryUsed || byName(a, b)).slice(0, top).map(view),
  };
}
