import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { StatsSample } from '@/lib/models/stats/stats-math.ts';
import type { StreamSocket, StreamsDeps } from './stream-types.ts';

// The engine side is replaced by fakes: each opened stream is recorded with its callbacks.
type Opened = { hostId: string; containerId: string; closed: boolean; sample(s: StatsSample): void; end(reason: string): void };
const opened: Opened[] = [];
let failNext: Error | null = null;
let release: (() => void) | null = null;
vi.mock('@/lib/services/streams/stats/stats-engine.ts', () => ({
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

const { createStatsHub } = await import('./stats.ts');

const deps = { db: {}, engines: () => ({}), execIdleMs: 1000 } as unknown as StreamsDeps;
const sample = { at: 'now', cpuPercent: 5 } as StatsSample;

function fakeSocket(grants: unknown[] = [{ role: 'viewer', scope: { type: 'global' } }]) {
  const sent: [string, unknown][] = [];
  const socket = { connected: true, disconnected: false, data: { actor: { grants } }, emit: (event: string, message: unknown) => sent.push([event, message]) };
  return { socket: socket as unknown as StreamSocket, sent, raw: socket };
}

beforeEach(() => {
  opened.length = 0;
  failNext = null;
  release = null;
});

describe('the stats hub', () => {
  it('shares one engine stream per container and closes it when the last watcher leaves', async () => {
    const hub = createStatsHub(deps);
    const a = fakeSocket();
    const b = fakeSocket();
    const wa = await hub.watchContainer(a.socket, 'h1', 'c1');
    const wb = await hub.watchContainer(b.socket, 'h1', 'c1');
    expect(opened).toHaveLength(1);
    expect(hub.active().containerStreams).toBe(1);
    opened[0].sample(sample);
    expect(a.sent).toEqual([['stats:sample', { watchId: wa, sample }]]);
    expect(b.sent).toEqual([['stats:sample', { watchId: wb, sample }]]);
    hub.unwatch(wa);
    expect(opened[0].closed).toBe(false);
    opened[0].sample(sample);
    expect(a.sent).toHaveLength(1);
    expect(b.sent).toHaveLength(2);
    hub.unwatch(wb);
    expect(opened[0].closed).toBe(true);
    expect(hub.active().containerStreams).toBe(0);
    // A new watcher opens a new stream.
    await hub.watchContainer(a.socket, 'h1', 'c1');
    expect(opened).toHaveLength(2);
  });

  it('closes a stream that arrives after its feed ended', async () => {
    const hub = createStatsHub(deps);
    release = () => {};
    const a = fakeSocket();
    const watching = hub.watchContainer(a.socket, 'h1', 'c1');
    await Promise.resolve();
    await Promise.resolve();
    // The engine stream is still opening when the feed ends (the console stops).
    hub.close();
    release!();
    await watching.catch(() => {});
    expect(opened.every((o) => o.closed)).toBe(true);
    expect(hub.active().containerStreams).toBe(0);
  });

  it('ends a watcher whose access was withdrawn, keeping the others', async () => {
    const hub = createStatsHub(deps);
    const a = fakeSocket();
    const b = fakeSocket();
    const wa = await hub.watchContainer(a.socket, 'h1', 'c1');
    await hub.watchContainer(b.socket, 'h1', 'c1');
    (a.raw.data.actor as { grants: unknown[] }).grants = [{ role: 'viewer', scope: { type: 'host', id: 'other' } }];
    opened[0].sample(sample);
    expect(a.sent).toEqual([['stats:end', { watchId: wa, reason: expect.stringMatching(/withdrawn/) }]]);
    expect(b.sent.map(([e]) => e)).toEqual(['stats:sample']);
    expect(opened[0].closed).toBe(false);
  });

  it('tells every watcher when the engine ends the stream, and forgets the feed', async () => {
    const hub = createStatsHub(deps);
    const a = fakeSocket();
    const wa = await hub.watchContainer(a.socket, 'h1', 'c1');
    opened[0].end('The stats stream ended.');
    expect(a.sent).toEqual([['stats:end', { watchId: wa, reason: 'The stats stream ended.' }]]);
    await hub.watchContainer(a.socket, 'h1', 'c1');
    expect(opened).toHaveLength(2);
  });

  it('reports an engine that refuses, and keeps nothing', async () => {
    const hub = createStatsHub(deps);
    failNext = new Error('no such container');
    await expect(hub.watchContainer(fakeSocket().socket, 'h1', 'gone')).rejects.toThrow(/no such container/);
    expect(hub.active().containerStreams).toBe(0);
    await hub.watchContainer(fakeSocket().socket, 'h1', 'gone');
    expect(opened).toHaveLength(1);
  });
});
