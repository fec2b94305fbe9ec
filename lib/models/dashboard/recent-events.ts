// The dashboard's recent events: what happened to containers lately on the hosts a reader may see,
// merged newest first, each with the page where to look. Pure (unit-tested); the service reads the
// engines (lib/services/dashboard/read-recent-events.ts).
import type { FeedEvent } from '@/lib/realtime/stream-protocol.ts';

/** Container actions worth a line on the dashboard (the engine's filter; exec and attach are noise). */
export const RECENT_EVENT_ACTIONS = ['create', 'start', 'restart', 'die', 'kill', 'oom', 'stop', 'destroy', 'health_status'] as const;
export const RECENT_EVENTS_SHOWN = 15;
export const RECENT_EVENTS_SECONDS = 3600;

export type RecentEvent = { key: string; time: string; action: string; detail: string; name: string; hostId: string; hostName: string; href: string };

const e = encodeURIComponent;

/** The newest `max` events of every host, newest first. A container still there links to its
 * page; one destroyed links to its host's events. */
export function mergeRecentEvents(perHost: readonly { hostId: string; hostName: string; events: readonly FeedEvent[] }[], max = RECENT_EVENTS_SHOWN): RecentEvent[] {
  const destroyed = new Set<string>();
  for (const h of perHost) for (const ev of h.events) if (ev.action === 'destroy') destroyed.add(`${h.hostId}/${ev.actorId}`);
  const all: RecentEvent[] = [];
  for (const h of perHost) {
    for (const ev of h.events) {
      const gone = destroyed.has(`${h.hostId}/${ev.actorId}`) || !ev.actorId;
      all.push({
        key: `${h.hostId}/${ev.key}`,
        time: ev.time,
        action: ev.action,
        detail: ev.detail,
        name: ev.name || ev.actorId.slice(0, 12),
        hostId: h.hostId,
        hostName: h.hostName,
        href: gone ? `/containers/events?host=${e(h.hostId)}` : `/containers/${e(h.hostId)}/${e(ev.actorId)}`,
      });
    }
  }
  return all.sort((a, b) => b.time.localeCompare(a.time) || a.key.localeCompare(b.key)).slice(0, max);
}
