import { describe, expect, it } from 'vitest';
import type { EngineStats, StatsSample } from '@/lib/models/stats/stats-math.ts';
import { bucketStart, closedCoarseWindow, COARSE_POINTS, FINE_POINTS, historyPlan, rangeWindow, readingOf, retentionCutoffs, rollUp, roundPoints, sumByTime, sumSamples, type HistoryPoint } from './history-math.ts';

// A one-shot document: the engine leaves precpu_stats empty (zeros).
const oneShot = (read: string, total: number, system: number, over: Partial<EngineStats> = {}): EngineStats => ({
  read,
  cpu_stats: { cpu_usage: { total_usage: total }, system_cpu_usage: system, online_cpus: 4 },
  precpu_stats: { cpu_usage: { total_usage: 0 }, system_cpu_usage: 0 },
  memory_stats: { usage: 100, limit: 1000, stats: { inactive_file: 20 } },
  networks: { eth0: { rx_bytes: 1000, tx_bytes: 500 } },
  blkio_stats: { io_service_bytes_recursive: [{ op: 'read', value: 4096 }, { op: 'write', value: 8192 }] },
  ...over,
});
const now = () => '2026-12-07T00:00:00.000Z';

const sample = (over: Partial<StatsSample> = {}): StatsSample => ({
  at: '2026-12-07T00:00:00.000Z', cpuPercent: 10, onlineCpus: 4, memoryUsed: 100, memoryLimit: 1000, netRxBytes: 0, netTxBytes: 0, blockReadBytes: 0, blockWriteBytes: 0,
  netRxRate: 1, netTxRate: 2, blockReadRate: 3, blockWriteRate: 4, pids: 1, ...over,
});
const point = (at: string, over: Partial<HistoryPoint> = {}): HistoryPoint => ({
  subjectType: 'host', subjectId: 'h1', at: new Date(at), cpuPercent: 10, memoryUsed: 100, netRxRate: 1, netTxRate: 2, blockReadRate: 3, blockWriteRate: 4, containers: 2, ...over,
});

describe('historyPlan', () => {
  it('is 10 s kept an hour and 1 min kept a day by default', () => {
    const plan = historyPlan();
    expect(plan).toEqual({ fineSeconds: 10, coarseSeconds: 60, fineKeepMs: 3600_000, coarseKeepMs: 86_400_000 });
    expect(plan.fineKeepMs / 1000 / plan.fineSeconds).toBe(FINE_POINTS);
    expect(plan.coarseKeepMs / 1000 / plan.coarseSeconds).toBe(COARSE_POINTS);
  });
  it('scales with a shorter interval, keeping the same number of points', () => {
    const plan = historyPlan(2);
    expect(plan.coarseSeconds).toBe(12);
    expect(plan.fineKeepMs).toBe(FINE_POINTS * 2000);
    expect(plan.coarseKeepMs).toBe(COARSE_POINTS * 12_000);
  });
  it('never goes below one second', () => {
    expect(historyPlan(0).fineSeconds).toBe(1);
    expect(historyPlan(0.2).fineSeconds).toBe(1);
  });
});

describe('bucketStart', () => {
  it('aligns to the epoch so hosts agree', () => {
    expect(bucketStart(new Date('2026-12-07T10:00:17.900Z'), 10).toISOString()).toBe('2026-12-07T10:00:10.000Z');
    expect(bucketStart(new Date('2026-12-07T10:00:59.999Z'), 60).toISOString()).toBe('2026-12-07T10:00:00.000Z');
    expect(bucketStart(new Date('2026-12-07T10:01:00.000Z'), 60).toISOString()).toBe('2026-12-07T10:01:00.000Z');
  });
});

describe('readingOf (one-shot stats, CPU from the previous round)', () => {
  it('has no CPU % on the first reading', () => {
    const r = readingOf(oneShot('2026-12-07T00:00:00Z', 1e9, 4e10), undefined, now);
    expect(r.sample.cpuPercent).toBeNull();
    expect(r.sample.netRxRate).toBeNull();
    expect(r.sample.memoryUsed).toBe(80);
  });
  it('computes CPU % as docker stats does, between two rounds', () => {
    const first = readingOf(oneShot('2026-12-07T00:00:00Z', 1e9, 4e10), undefined, now);
    // 2e9 of 8e9 system nanoseconds on 4 cpus: one core busy → 100 %.
    const second = readingOf(oneShot('2026-12-07T00:00:10Z', 3e9, 4.8e10), first, now);
    expect(second.sample.cpuPercent).toBeCloseTo(100);
  });
  it('ignores the empty precpu_stats of a one-shot document', () => {
    const r = readingOf(oneShot('2026-12-07T00:00:00Z', 5e9, 4e10, { precpu_stats: { cpu_usage: { total_usage: 1e9 }, system_cpu_usage: 3.9e10 } }), undefined, now);
    expect(r.sample.cpuPercent).toBeNull();
  });
  it('makes rates over the time between rounds', () => {
    const first = readingOf(oneShot('2026-12-07T00:00:00Z', 1e9, 4e10), undefined, now);
    const second = readingOf(oneShot('2026-12-07T00:00:10Z', 2e9, 5e10, { networks: { eth0: { rx_bytes: 11_000, tx_bytes: 500 } }, blkio_stats: { io_service_bytes_recursive: [{ op: 'read', value: 4096 }, { op: 'write', value: 8192 + 10_240 }] } }), first, now);
    expect(second.sample.netRxRate).toBe(1000);
    expect(second.sample.netTxRate).toBe(0);
    expect(second.sample.blockWriteRate).toBe(1024);
  });
  it('has no CPU % or rates after a restart (counters went back)', () => {
    const first = readingOf(oneShot('2026-12-07T00:00:00Z', 9e9, 4e10), undefined, now);
    const second = readingOf(oneShot('2026-12-07T00:00:10Z', 1e8, 5e10, { networks: { eth0: { rx_bytes: 10, tx_bytes: 5 } } }), first, now);
    expect(second.sample.cpuPercent).toBeNull();
    expect(second.sample.netRxRate).toBeNull();
  });
});

describe('sumSamples', () => {
  it('adds each measure and counts containers', () => {
    expect(sumSamples([sample(), sample({ cpuPercent: 5, memoryUsed: 50 })])).toEqual({ cpuPercent: 15, memoryUsed: 150, netRxRate: 2, netTxRate: 4, blockReadRate: 6, blockWriteRate: 8, containers: 2 });
  });
  it('keeps a measure null only when no container had it', () => {
    expect(sumSamples([sample({ cpuPercent: null }), sample({ cpuPercent: 7 })]).cpuPercent).toBe(7);
    expect(sumSamples([sample({ cpuPercent: null, netRxRate: null })]).cpuPercent).toBeNull();
  });
  it('is zero containers and nothing measured for an idle host', () => {
    expect(sumSamples([])).toEqual({ cpuPercent: null, memoryUsed: 0, netRxRate: null, netTxRate: null, blockReadRate: null, blockWriteRate: null, containers: 0 });
  });
});

describe('roundPoints', () => {
  it('makes the host point and one per swarm service from its tasks’ containers', () => {
    const at = new Date('2026-12-07T00:00:10Z');
    const points = roundPoints('h1', at, [
      { sample: sample({ cpuPercent: 1 }), serviceId: 'svcB' },
      { sample: sample({ cpuPercent: 2 }), serviceId: 'svcA' },
      { sample: sample({ cpuPercent: 4 }), serviceId: 'svcA' },
      { sample: sample({ cpuPercent: 8 }), serviceId: null },
    ]);
    expect(points.map((p) => [p.subjectType, p.subjectId, p.cpuPercent, p.containers])).toEqual([
      ['host', 'h1', 15, 4],
      ['service', 'svcA', 6, 2],
      ['service', 'svcB', 1, 1],
    ]);
    expect(points.every((p) => p.at === at)).toBe(true);
  });
  it('still records the host with no containers running', () => {
    expect(roundPoints('h1', new Date(0), [])).toHaveLength(1);
  });
});

describe('rollUp', () => {
  it('averages fine points into one point per subject and coarse bucket', () => {
    const out = rollUp([
      point('2026-12-07T00:00:00Z', { cpuPercent: 10, memoryUsed: 100 }),
      point('2026-12-07T00:00:10Z', { cpuPercent: 30, memoryUsed: 300 }),
      point('2026-12-07T00:00:20Z', { cpuPercent: null, memoryUsed: 200, containers: 3 }),
      point('2026-12-07T00:01:00Z', { cpuPercent: 50 }),
      point('2026-12-07T00:00:30Z', { subjectType: 'service', subjectId: 's', cpuPercent: 4 }),
    ], 60);
    expect(out).toHaveLength(3);
    const [minute0Host, minute0Service, minute1] = out;
    expect(minute0Host).toMatchObject({ subjectType: 'host', at: new Date('2026-12-07T00:00:00Z'), cpuPercent: 20, memoryUsed: 200, containers: 2 });
    expect(minute0Service).toMatchObject({ subjectType: 'service', subjectId: 's', cpuPercent: 4 });
    expect(minute1).toMatchObject({ at: new Date('2026-12-07T00:01:00Z'), cpuPercent: 50 });
  });
  it('keeps a measure null when it was null all the bucket', () => {
    expect(rollUp([point('2026-12-07T00:00:00Z', { netRxRate: null }), point('2026-12-07T00:00:10Z', { netRxRate: null })], 60)[0].netRxRate).toBeNull();
  });
  it('is nothing for nothing', () => {
    expect(rollUp([], 60)).toEqual([]);
  });
});

describe('closedCoarseWindow', () => {
  const d = (s: string) => new Date(`2026-12-07T00:${s}Z`);
  it('is null while rounds stay in one bucket', () => {
    expect(closedCoarseWindow(d('00:10'), d('00:50'), 60)).toBeNull();
  });
  it('is the closed bucket when a round crosses into the next', () => {
    expect(closedCoarseWindow(d('00:50'), d('01:00'), 60)).toEqual({ from: d('00:00'), to: d('01:00') });
  });
  it('covers every bucket missed by a pause', () => {
    expect(closedCoarseWindow(d('00:50'), d('03:10'), 60)).toEqual({ from: d('00:00'), to: d('03:00') });
  });
  it('after a start (or a failover), rolls up the bucket before the current one', () => {
    expect(closedCoarseWindow(null, d('03:10'), 60)).toEqual({ from: d('02:00'), to: d('03:00') });
  });
});

describe('retention', () => {
  it('cuts fine points after an hour and coarse after a day by default', () => {
    const at = new Date('2026-12-07T12:00:00Z');
    expect(retentionCutoffs(at, historyPlan())).toEqual({ fine: new Date('2026-12-07T11:00:00Z'), coarse: new Date('2026-12-06T12:00:00Z') });
  });
  it('reads the last hour at the fine resolution and the last day at the coarse one', () => {
    const at = new Date('2026-12-07T12:00:00Z');
    expect(rangeWindow('hour', at, historyPlan())).toEqual({ resolutionSeconds: 10, since: new Date('2026-12-07T11:00:00Z') });
    expect(rangeWindow('day', at, historyPlan())).toEqual({ resolutionSeconds: 60, since: new Date('2026-12-06T12:00:00Z') });
  });
});

describe('sumByTime', () => {
  it('sums sources that share a time and orders by time', () => {
    const s = sumByTime([
      point('2026-12-07T00:00:10Z', { cpuPercent: 1, memoryUsed: 10 }),
      point('2026-12-07T00:00:00Z', { cpuPercent: 2, memoryUsed: 20 }),
      point('2026-12-07T00:00:10Z', { cpuPercent: null, memoryUsed: 30 }),
    ]);
    const t0 = Date.parse('2026-12-07T00:00:00Z') / 1000;
    expect(s.times).toEqual([t0, t0 + 10]);
    expect(s.cpuPercent).toEqual([2, 1]);
    expect(s.memoryUsed).toEqual([20, 40]);
  });
});
