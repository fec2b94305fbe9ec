import { describe, expect, it } from 'vitest';
import type { FeedEvent } from '@/lib/realtime/stream-protocol.ts';
import { engineEventFilters, type CheckedEventsRequest, matchesText, MAX_FEED_EVENTS, prependEvents, toFeedEvent } from './events-feed.ts';

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

describe('prependEvents', () => {
  it('puts the newest first and keeps at most the limit', () => {
    let feed: FeedEvent[] = [];
    feed = prependEvents(feed, [ev(1), ev(2)], 3);
    feed = prependEvents(feed, [ev(3), ev(4)], 3);
    expect(feed.map((e) => e.key)).toEqual(['4', '3', '2']);
  });
  it('keeps the last 500 by default, even from one large batch', () => {
    const feed = prependEvents([], Array.from({ length: 700 }, (_, i) => ev(i)));
    expect(feed).toHaveLength(MAX_FEED_EVENTS);
    expect(feed[0].key).toBe('699');
    expect(feed.at(-1)!.key).toBe('200');
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
