import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StatsSample } from '@/lib/models/stats/stats-math.ts';

// The engine side is replaced by fakes: each opened stream is recorded with its callbacks.
type Opened = { hostId: string; containerId: string; closed: boolean; sample(s: StatsSample): void; end(reason: string): void };
const opened: Opened[] = [];
let failNext: Error | null = null;
let release: (() => void) | null = null;

vi.mock('./stats-engine.ts', () => ({
  openContainerStats: async (_deps: unknown, hostId: string, containerId: string, on: { sample(s: StatsSample): void; end(r: string): void }) => {
    // With `release` set, the stream opens only when the test calls it.
    if (release !== null) await new Promise<void>((r) => (release = r));
    if (failNext) {
      const error = failNext;
      failNext = null;
      throw error;
    }
    const entry: Opened = { hostId, containerId, closed: false, sample: on.sample, end: on.end };
    opened.push(entry);
    return { raw: null, close: () => (entry.closed = true) };
  },
  readHostRound: async () => ({ snapshot: { at: 'now', running: 0, unread: 0, totals: {}, topByCpu: [], topByMemory: [] }, samples: new Map() }),
}));

const { createStatsHub } = await import('./stats-hub.ts');
const deps = () => ({}) as never;
const sample = { at: 'now', cpuPercent: 5 } as StatsSample;

function sink() {
  const got: [string, unknown][] = [];
  return { got, sample: (s: StatsSample) => got.push(['sample', s]), end: (reason: string) => got.push(['end', reason]) };
}

beforeEach(() => {
  opened.length = 0;
  failNext = null;
  release = null;
});

describe('the stats hub', () => {
  it('shares one engine stream per container and closes it when the last watcher leaves', async () => {
    const hub = createStatsHub(deps);
    const a = sink();
    const b = sink();
    const wa = await hub.watchContainer('h1', 'c1', a);
    const wb = await hub.watchContainer('h1', 'c1', b);
    expect(opened).toHaveLength(1);
    expect(hub.active().containerStreams).toBe(1);
    opened[0].sample(sample);
    expect(a.got).toEqual([['sample', sample]]);
    expect(b.got).toEqual([['sample', sample]]);
    hub.unwatch(wa);
    expect(opened[0].closed).toBe(false);
    opened[0].sample(sample);
    expect(a.got).toHaveLength(1);
    expect(b.got).toHaveLength(2);
    hub.unwatch(wb);
    expect(opened[0].closed).toBe(true);
    expect(hub.active().containerStreams).toBe(0);
    // A new watcher opens a new stream.
    await hub.watchContainer('h1', 'c1', a);
    expect(opened).toHaveLength(2);
  });

  it('closes a stream that arrives after its feed ended', async () => {
    const hub = createStatsHub(deps);
    release = () => {};
    const watching = hub.watchContainer('h1', 'c1', sink());
    await Promise.resolve();
    await Promise.resolve();
    // The engine stream is still opening when the feed ends (the console stops).
    hub.close();
    release!();
    await watching.catch(() => {});
    expect(opened.every((o) => o.closed)).toBe(true);
    expect(hub.active().containerStreams).toBe(0);
  });

  it('unwatching one watcher says nothing to it and keeps the others fed', async () => {
    const hub = createStatsHub(deps);
    const a = sink();
    const b = sink();
    const wa = await hub.watchContainer('h1', 'c1', a);
    await hub.watchContainer('h1', 'c1', b);
    hub.unwatch(wa);
    opened[0].sample(sample);
    expect(a.got).toEqual([]);
    expect(b.got.map(([e]) => e)).toEqual(['sample']);
    expect(opened[0].closed).toBe(false);
  });

  it('tells every watcher when the engine ends the stream, and forgets the feed', async () => {
    const hub = createStatsHub(deps);
    const a = sink();
    await hub.watchContainer('h1', 'c1', a);
    opened[0].end('The stats stream ended.');
    expect(a.got).toEqual([['end', 'The stats stream ended.']]);
    await hub.watchContainer('h1', 'c1', a);
    expect(opened).toHaveLength(2);
  });

  it('reports an engine that refuses, and keeps nothing', async () => {
    const hub = createStatsHub(deps);
    failNext = new Error('no such container');
    await expect(hub.watchContainer('h1', 'gone', sink())).rejects.toThrow(/no such container/);
    expect(hub.active().containerStreams).toBe(0);
    await hub.watchContainer('h1', 'gone', sink());
    expect(opened).toHaveLength(1);
  });
});
