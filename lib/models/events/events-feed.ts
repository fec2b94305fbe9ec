// The event feed: the types a browser may ask of the engine's /events per scope (the request is
// checked by its schema in lib/schemas/streams.ts); the engine's filters built from it; engine messages
// turned into feed rows; and the browser's bounded list. Pure and unit-tested; shared by the
// socket handler and the feed components.
import type { EventsFollowRequest, FeedEvent } from '@/lib/realtime/stream-protocol.ts';

export const HOST_EVENT_TYPES = ['container', 'image', 'volume', 'network', 'daemon', 'plugin'] as const;
export const SWARM_EVENT_TYPES = ['node', 'service', 'secret', 'config', 'network'] as const;
export const MAX_FEED_EVENTS = 500;
export const MAX_SINCE_SECONDS = 3600;
/** One feed follows at most this many hosts at once (one engine stream each). */
export const MAX_FEED_SOURCES = 20;
/** A follow request as the socket door passes it on (lib/schemas/streams.ts checks it). */
export type CheckedEventsRequest = EventsFollowRequest & { types: string[]; actions: string[]; sinceSeconds: number };

/** The engine's `filters` for a request: a swarm's feed is its cluster-scoped events only. */
export function engineEventFilters(request: CheckedEventsRequest): Record<string, string[]> {
  const types = request.types.length ? request.types : request.scope.kind === 'swarm' ? [...SWARM_EVENT_TYPES] : [];
  return {
    ...(types.length ? { type: types } : {}),
    ...(request.actions.length ? { event: request.actions } : {}),
    ...(request.scope.kind === 'swarm' ? { scope: ['swarm'] } : {}),
  };
}

/** The fields of an engine event message that we read. */
export type EngineEvent = {
  Type?: string;
  Action?: string;
  Actor?: { ID?: string; Attributes?: Record<string, string> };
  scope?: string;
  time?: number;
  timeNano?: number;
};

const ATTRIBUTES_SHOWN = ['image', 'exitCode', 'signal', 'container', 'driver', 'type', 'replicas.new', 'replicas.old', 'updatestate.new', 'state.new', 'role.new', 'availability.new'];

/** One feed row; null for a message that is not an event. Actions such as "exec_start: sh -c …"
 * keep their first word as the action and the rest as detail. */
export function toFeedEvent(event: EngineEvent, seq: number): FeedEvent | null {
  if (!event || typeof event.Type !== 'string' || typeof event.Action !== 'string') return null;
  const nanos = typeof event.timeNano === 'number' ? event.timeNano : typeof event.time === 'number' ? event.time * 1e9 : Date.now() * 1e6;
  const [action, ...rest] = event.Action.split(':');
  const attrs = event.Actor?.Attributes ?? {};
  const attributes: Record<string, string> = {};
  for (const key of ATTRIBUTES_SHOWN) if (typeof attrs[key] === 'string') attributes[key] = attrs[key].slice(0, 200);
  const actorId = String(event.Actor?.ID ?? '');
  return {
    key: `${nanos}-${seq}`,
    time: new Date(Math.floor(nanos / 1e6)).toISOString(),
    type: event.Type,
    action: action.trim(),
    detail: rest.join(':').trim().slice(0, 200),
    actorId,
    name: (attrs.name ?? '').slice(0, 200),
    attributes,
  };
}

/** A text filter over what the feed holds: name, id, type, action, details. */
export function matchesText(event: FeedEvent, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  return [event.name, event.actorId, event.type, event.action, event.detail, ...Object.values(event.attributes)].some((v) => v.toLowerCase().includes(needle));
}

/** A row of a feed over several sources (hosts): which one it came from, and a key unique across them. */
export type SourcedEvent = FeedEvent & { source: string; sourceName: string };

/** Events of one source tagged with it. */
export const fromSource = (events: readonly FeedEvent[], source: { key: string; name: string }): SourcedEvent[] =>
  events.map((e) => ({ ...e, key: `${source.key}/${e.key}`, source: source.key, sourceName: source.name }));

/**
 * A feed over several sources: newest first by the engines' own times (each source replays its
 * look-back window when it opens, so arrival order is not time order), at most `max` rows.
 */
export function mergeEvents(feed: readonly SourcedEvent[], incoming: readonly SourcedEvent[], max = MAX_FEED_EVENTS): SourcedEvent[] {
  const newest = incoming.slice(-max).reverse();
  return [...newest, ...feed]
    .map((event, index) => ({ event, index }))
    .sort((a, b) => b.event.time.localeCompare(a.event.time) || a.index - b.index)
    .slice(0, max)
    .map((e) => e.event);
}
