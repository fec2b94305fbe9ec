import { describe, expect, it } from 'vitest';
import type { FeedEvent } from '@/lib/realtime/stream-protocol.ts';
import { mergeRecentEvents } from './recent-events.ts';

const ev = (time: string, action: string, actorId = 'c1', name = 'web'): FeedEvent => ({ key: `${time}-${action}`, time, type: 'container', action, detail: '', actorId, name, attributes: {} });

describe('mergeRecentEvents', () => {
  it('merges hosts newest first and keeps the newest few', () => {
    const merged = mergeRecentEvents([
      { hostId: 'h1', hostName: 'one', events: [ev('2026-12-07T10:00:00.000Z', 'start'), ev('2026-12-07T10:00:03.000Z', 'die')] },
      { hostId: 'h2', hostName: 'two', events: [ev('2026-12-07T10:00:02.000Z', 'start', 'c2', 'db')] },
    ], 2);
    expect(merged.map((m) => [m.hostName, m.action, m.name])).toEqual([['one', 'die', 'web'], ['two', 'start', 'db']]);
  });
  it('links a container to its page, and a destroyed one to its host’s events', () => {
    const [live] = mergeRecentEvents([{ hostId: 'h1', hostName: 'one', events: [ev('2026-12-07T10:00:00.000Z', 'start')] }]);
    expect(live.href).toBe('/containers/h1/c1');
    const gone = mergeRecentEvents([{ hostId: 'h1', hostName: 'one', events: [ev('2026-12-07T10:00:00.000Z', 'start'), ev('2026-12-07T10:00:05.000Z', 'destroy')] }]);
    expect(gone.every((g) => g.href === '/containers/events?host=h1')).toBe(true);
  });
  it('names a container by its id when the event has no name', () => {
    expect(mergeRecentEvents([{ hostId: 'h', hostName: 'h', events: [ev('2026-12-07T10:00:00.000Z', 'start', 'abcdef0123456789', '')] }])[0].name).toBe('abcdef012345');
  });
  it('is empty for no events', () => {
    expect(mergeRecentEvents([])).toEqual([]);
  });
});
