import { describe, expect, it } from 'vitest';
import { appendSample, blockTotals, cpuPercent, hostSnapshot, memoryUsed, networkTotals, rate, toSample, type EngineStats, type StatsSample } from './stats-math.ts';

const doc = (over: Partial<EngineStats> = {}): EngineStats => ({
  read: '2026-11-22T10:00:01.000000000Z',
  cpu_stats: { cpu_usage: { total_usage: 3_000_000_000 }, system_cpu_usage: 40_000_000_000, online_cpus: 4 },
  precpu_stats: { cpu_usage: { total_usage: 2_000_000_000 }, system_cpu_usage: 36_000_000_000, online_cpus: 4 },
  memory_stats: { usage: 100 * 1024 * 1024, limit: 1024 * 1024 * 1024, stats: { inactive_file: 20 * 1024 * 1024, anon: 70 * 1024 * 1024 } },
  networks: { eth0: { rx_bytes: 1000, tx_bytes: 500 }, eth1: { rx_bytes: 24, tx_bytes: 12 } },
  blkio_stats: { io_service_bytes_recursive: [{ op: 'read', value: 4096 }, { op: 'write', value: 8192 }, { op: 'Read', value: 4 }, { op: 'Total', value: 99 }] },
  pids_stats: { current: 3 },
  ...over,
});

describe('cpuPercent', () => {
  it('is cpu_delta / system_delta × online cpus × 100', () => {
    // 1e9 / 4e9 × 4 × 100 = 100 %: one core busy out of four.
    expect(cpuPercent(doc())).toBeCloseTo(100);
  });
  it('counts per-cpu entries when online_cpus is missing (older engines)', () => {
    const d = doc({ cpu_stats: { cpu_usage: { total_usage: 3_000_000_000, percpu_usage: [1, 2] }, system_cpu_usage: 40_000_000_000 } });
    expect(cpuPercent(d)).toBeCloseTo(50);
  });
  it('is unknown for the first reading (no previous system usage) or when time did not move', () => {
    expect(cpuPercent(doc({ precpu_stats: { cpu_usage: { total_usage: 0 }, system_cpu_usage: 0 } }))).toBeNull();
    expect(cpuPercent(doc({ precpu_stats: { cpu_usage: { total_usage: 2e9 }, system_cpu_usage: 40_000_000_000 } }))).toBeNull();
    expect(cpuPercent({})).toBeNull();
  });
  it('is 0 for an idle container', () => {
    expect(cpuPercent(doc({ cpu_stats: { cpu_usage: { total_usage: 2_000_000_000 }, system_cpu_usage: 40_000_000_000, online_cpus: 4 } }))).toBe(0);
  });
});

describe('memoryUsed', () => {
  it('subtracts inactive_file on cgroup v2', () => {
    expect(memoryUsed(doc())).toBe(80 * 1024 * 1024);
  });
  it('subtracts cache on cgroup v1', () => {
    expect(memoryUsed({ memory_stats: { usage: 1000, stats: { cache: 300, total_inactive_file: 100, inactive_file: 50 } } })).toBe(700);
  });
  it('never goes below zero nor reads missing fields as numbers', () => {
    expect(memoryUsed({ memory_stats: { usage: 100, stats: { inactive_file: 500 } } })).toBe(100);
    expect(memoryUsed({})).toBe(0);
  });
});

describe('totals and rates', () => {
  it('sums every network and the read and write operations whatever their case', () => {
    expect(networkTotals(doc())).toEqual({ rx: 1024, tx: 512 });
    expect(networkTotals({ networks: null })).toEqual({ rx: 0, tx: 0 });
    expect(blockTotals(doc())).toEqual({ read: 4100, write: 8192 });
    expect(blockTotals({ blkio_stats: { io_service_bytes_recursive: null } })).toEqual({ read: 0, write: 0 });
  });
  it('computes bytes per second, and nothing when time stands still or a counter restarts', () => {
    expect(rate(100, 300, 2)).toBe(100);
    expect(rate(100, 300, 0)).toBeNull();
    expect(rate(300, 100, 1)).toBeNull();
  });
  it('gives the first sample no rates and the next ones rates from consecutive samples', () => {
    const first = toSample(doc(), null);
    expect(first).toMatchObject({ at: '2026-11-22T10:00:01.000000000Z', cpuPercent: 100, memoryUsed: 80 * 1024 * 1024, memoryLimit: 1024 * 1024 * 1024, netRxRate: null, blockWriteRate: null, pids: 3 });
    const second = toSample(doc({ read: '2026-11-22T10:00:03.000000000Z', networks: { eth0: { rx_bytes: 3048, tx_bytes: 1536 } } }), first);
    expect(second.netRxRate).toBe(1012);
    expect(second.netTxRate).toBe(512);
    expect(second.blockReadRate).toBe(0);
  });
  it('uses the clock when the engine sends no read time (a stopped container)', () => {
    expect(toSample(doc({ read: '0001-01-01T00:00:00Z' }), null, () => '2026-01-01T00:00:00.000Z').at).toBe('2026-01-01T00:00:00.000Z');
  });
});

describe('appendSample', () => {
  it('keeps the newest samples only', () => {
    let series: StatsSample[] = [];
    for (let i = 0; i < 10; i++) series = appendSample(series, { ...toSample(doc(), null), pids: i }, 4);
    expect(series.map((s) => s.pids)).toEqual([6, 7, 8, 9]);
  });
});

describe('hostSnapshot', () => {
  const row = (id: string, cpu: number | null, mem: number, net = 0) => ({ id, name: `c-${id}`, sample: { ...toSample(doc(), null), cpuPercent: cpu, memoryUsed: mem, netRxRate: net } });
  it('adds up totals and ranks the top containers by CPU and by memory', () => {
    const snap = hostSnapshot([row('a', 5, 300), row('b', 50, 100, 10), row('c', null, 900, 5), row('d', 20, 200)], { running: 5, at: 'now', top: 2 });
    expect(snap.totals.cpuPercent).toBe(75);
    expect(snap.totals.memoryUsed).toBe(1500);
    expect(snap.totals.netRxRate).toBe(15);
    expect(snap.unread).toBe(1);
    expect(snap.topByCpu.map((r) => r.id)).toEqual(['b', 'd']);
    expect(snap.topByMemory.map((r) => r.id)).toEqual(['c', 'a']);
  });
  it('is empty for a host with nothing running', () => {
    const snap = hostSnapshot([], { running: 0, at: 'now' });
    expect(snap).toMatchObject({ running: 0, unread: 0, topByCpu: [], topByMemory: [] });
  });
});

