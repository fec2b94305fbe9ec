import { describe, expect, it } from 'vitest';
import type { FeedEvent } from '@/lib/realtime/stream-protocol.ts';
import { engineEventFilters, fromSource, type CheckedEventsRequest, matchesText, MAX_FEED_EVENTS, mergeEvents, toFeedEvent } from './events-feed.ts';

const host = { kind: 'host' as const, hostId: 'h1' };
const swarm = { kind: 'swarm' as const, swarmId: 'abc123' };
const checked = (request: Partial<CheckedEventsRequest> & Pick<CheckedEventsRequest, 'scope'>): CheckedEventsRequest => ({ types: [], actions: [], sinceSeconds: 0, ...request });

describe('engineEventFilters', () => {
  it('passes types and actions to the engine', () => {
    expect(engineEventFilters(checked({ scope: host, types: ['container'], actions: ['start'] }))).toEqual({ type: ['container'], event: ['start'] });
    expect(engineEventFilters(checked({ scope: host }))).toEqual({});
  });
  it("limits a swarm's feed to its cluster-scoped types", () => {
    expect(engineEventFilters(checked({ scope: swarm }))).toEqual({ type: ['node', 'service', 'secret', 'config', 'network'], scope: ['swarm'] });
    expect(engineEventFilters(checked({ scope: swarm, types: ['service'], actions: ['update'] }))).toEqual({ type: ['service'], event: ['update'], scope: ['swarm'] });
  });
});

describe('toFeedEvent', () => {
  it('keeps type, action, actor, name and a few attributes', () => {
    const e = toFeedEvent({ Type: 'container', Action: 'start', Actor: { ID: 'c1', Attributes: { name: 'web', image: 'busybox', secret: 'x' } }, timeNano: 1_763_800_000_123_456_800 }, 7)!;
    expect(e).toEqual({ key: '1763800000123456800-7', time: '2025-11-22T08:26:40.123Z', type: 'container', action: 'start', detail: '', actorId: 'c1', name: 'web', attributes: { image: 'busybox' } });
  });
  it('splits actions with details', () => {
    expect(toFeedEvent({ Type: 'container', Action: 'exec_start: sh -c echo', time: 1 }, 0)).toMatchObject({ action: 'exec_start', detail: 'sh -c echo', time: '1970-01-01T00:00:01.000Z' });
    expect(toFeedEvent({ Type: 'container', Action: 'health_status: healthy' }, 0)).toMatchObject({ action: 'health_status', detail: 'healthy' });
  });
  it('ignores what is not an event', () => {
    expect(toFeedEvent({} as never, 0)).toBeNull();
    expect(toFeedEvent(null as never, 0)).toBeNull();
  });
});

const ev = (n: number): FeedEvent => ({ key: String(n), time: '', type: 'container', action: 'start', detail: '', actorId: `id${n}`, name: `c${n}`, attributes: {} });

describe('mergeEvents', () => {
  const source = { key: 'h1', name: 'lab-1' };
  const timed = (i: number): FeedEvent => ({ ...ev(i), time: new Date(Date.UTC(2026, 11, 7, 5, 0, 0, i)).toISOString() });
  it('puts the newest first and keeps at most the limit', () => {
    let feed = mergeEvents([], fromSource([timed(1), timed(2)], source), 3);
    feed = mergeEvents(feed, fromSource([timed(3), timed(4)], source), 3);
    expect(feed.map((e) => e.name)).toEqual(['4', '3', '2'].map((n) => timed(Number(n)).name));
    expect(feed.map((e) => e.time)).toEqual([4, 3, 2].map((n) => timed(n).time));
  });
  it('keeps the last 500 by default, even from one large batch', () => {
    const feed = mergeEvents([], fromSource(Array.from({ length: 700 }, (_, i) => timed(i)), source));
    expect(feed).toHaveLength(MAX_FEED_EVENTS);
    expect(feed[0].time).toBe(timed(699).time);
    expect(feed.at(-1)!.time).toBe(timed(200).time);
  });
});

describe('matchesText', () => {
  it('matches name, id, type, action and attributes, ignoring case', () => {
    const e = { ...ev(1), name: 'Web-1', attributes: { image: 'nginx:alpine' } };
    expect(matchesText(e, 'web')).toBe(true);
    expect(matchesText(e, 'NGINX')).toBe(true);
    expect(matchesText(e, '')).toBe(true);
    expect(matchesText(e, 'redis')).toBe(false);
  });
});

describe('a feed over several hosts', () => {
  const at = (second: number, name: string): FeedEvent => ({ key: `k${second}`, time: `2026-12-07T05:00:${String(second).padStart(2, '0')}.000Z`, type: 'container', action: 'start', detail: '', actorId: 'x', name, attributes: {} });
  const one = { key: 'h1', name: 'lab-1' };
  const two = { key: 'h2', name: 'lab-2' };

  it('tags each event with its host, with keys unique across hosts', () => {
    const [a] = fromSource([at(1, 'web')], one);
    const [b] = fromSource([at(1, 'web')], two);
    expect(a).toMatchObject({ source: 'h1', sourceName: 'lab-1', name: 'web' });
    expect(a.key).not.toBe(b.key);
  });

  it('keeps the newest first by time, whichever host sent its events first', () => {
    let feed = mergeEvents([], fromSource([at(3, 'a3'), at(5, 'a5')], one));
    // The second host's look-back arrives later but holds an older and a newer event.
    feed = mergeEvents(feed, fromSource([at(1, 'b1'), at(4, 'b4'), at(9, 'b9')], two));
    expect(feed.map((e) => e.name)).toEqual(['b9', 'a5', 'b4', 'a3', 'b1']);
  });

  it('keeps arrival order among events of the same instant, and at most max rows', () => {
    const feed = mergeEvents([], fromSource([at(2, 'first'), at(2, 'second')], one));
    expect(feed.map((e) => e.name)).toEqual(['second', 'first']);
    const many = fromSource(Array.from({ length: 30 }, (_, i) => at(i, `e${i}`)), one);
    expect(mergeEvents(mergeEvents([], many, 10), fromSource([at(0, 'old')], two), 10).map((e) => e.name)).toEqual(Array.from({ length: 10 }, (_, i) => `e${29 - i}`));
  });
});
