// The dashboard's recent events: the last hour of container events (starts, deaths, kills, OOMs,
// health changes…) of each host the reader may see and that is up, read from each engine's
// /events with `until` (a finite answer, not a follow), a few hosts at a time, merged newest
// first. A host that does not answer is left out; it never fails the dashboard.
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import { visibleHosts } from '@/lib/auth/permissions.ts';
import { msg } from '@/lib/i18n/message.ts';
import { mergeRecentEvents, RECENT_EVENT_ACTIONS, RECENT_EVENTS_SECONDS, RECENT_EVENTS_SHOWN, type RecentEvent } from '@/lib/models/dashboard/recent-events.ts';
import { toFeedEvent, type EngineEvent } from '@/lib/models/events/events-feed.ts';
import type { FeedEvent } from '@/lib/realtime/stream-protocol.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine } from '../engine/index.ts';
import { createJsonLineSplitter } from '../streams/json-lines.ts';
import { eachLimited } from '../streams/stats/stats-engine.ts';

/** Hosts asked per dashboard (the first by name) and at once; what one host's answer may hold; how long it may take. */
export const RECENT_EVENTS_MAX_HOSTS = 20;
const CONCURRENCY = 4;
const PER_HOST_KEPT = RECENT_EVENTS_SHOWN;
const READ_DEADLINE_MS = 5000;

/** One host's recent events, oldest first (at most the newest PER_HOST_KEPT). */
async function hostEvents(deps: Pick<ServiceDeps, 'db' | 'engines'>, hostId: string, now: number): Promise<FeedEvent[]> {
  const engine = await hostEngine(deps, hostId);
  const query = {
    filters: { type: ['container'], event: [...RECENT_EVENT_ACTIONS] },
    since: String(Math.floor(now / 1000) - RECENT_EVENTS_SECONDS),
    until: String(Math.floor(now / 1000)),
  };
  const raw = await engine.call(msg('engineText.doing.readRecentEvents'), (api) => api.events(query));
  const events: FeedEvent[] = [];
  let seq = 0;
  const split = createJsonLineSplitter<EngineEvent>((doc) => {
    const event = toFeedEvent(doc, seq++);
    if (!event) return;
    events.push(event);
    if (events.length > PER_HOST_KEPT) events.shift();
  });
  await new Promise<void>((resolve) => {
    const done = () => {
      clearTimeout(timer);
      raw.destroy();
      resolve();
    };
    const timer = setTimeout(done, READ_DEADLINE_MS);
    raw.on('data', (chunk: Buffer) => split.push(chunk));
    raw.on('end', done);
    raw.on('error', done);
  });
  return events;
}

export async function readRecentEvents(deps: Pick<ServiceDeps, 'db' | 'engines'>, actor: Actor, now = Date.now()): Promise<RecentEvent[]> {
  const visible = visibleHosts(actor.grants, 'host.view');
  const hosts = await deps.db.host.findMany({
    where: { status: 'up', ...(visible === 'all' ? {} : { id: { in: [...visible] } }) },
    select: { id: true, name: true },
    orderBy: { name: 'asc' },
    take: RECENT_EVENTS_MAX_HOSTS,
  });
  const perHost: { hostId: string; hostName: string; events: FeedEvent[] }[] = [];
  await eachLimited(hosts, CONCURRENCY, async (host) => {
    const events = await hostEvents(deps, host.id, now).catch(() => []);
    perHost.push({ hostId: host.id, hostName: host.name, events });
  });
  return mergeRecentEvents(perHost);
}
