// The event feed: what a browser may ask of the engine's /events (types, actions, how far back),
// checked before it reaches an engine; the engine's filters built from it; engine messages
// turned into feed rows; and the browser's bounded list. Pure and unit-tested; shared by the
// socket handler and the feed components.
import { AppError } from '@/lib/errors.ts';
import type { EventsFollowRequest, FeedEvent } from '@/lib/realtime/stream-protocol.ts';

export const HOST_EVENT_TYPES = ['container', 'image', 'volume', 'network', 'daemon', 'plugin'] as const;
export const SWARM_EVENT_TYPES = ['node', 'service', 'secret', 'config', 'network'] as const;
export const MAX_FEED_EVENTS = 500;
export const MAX_SINCE_SECONDS = 3600;
const ID = /^[A-Za-z0-9_.-]{1,128}$/;
const ACTION = /^[a-z_]{1,40}$/;

export type CheckedEventsRequest = EventsFollowRequest & { types: string[]; actions: string[]; sinceSeconds: number };

/** Validates a follow request: known scope and ids, types of that scope, plain action words. */
export function checkEventsRequest(request: EventsFollowRequest): CheckedEventsRequest {
  const scope = request?.scope;
  if (!scope || (scope.kind !== 'host' && scope.kind !== 'swarm')) throw new AppError('INVALID_INPUT', 'Unknown event source.');
  const id = scope.kind === 'host' ? scope.hostId : scope.swarmId;
  if (typeof id !== 'string' || !ID.test(id)) throw new AppError('NOT_FOUND', 'Not found.');
  const allowed: readonly string[] = scope.kind === 'host' ? HOST_EVENT_TYPES : SWARM_EVENT_TYPES;
  const types = request.types ?? [];
  if (!Array.isArray(types) || types.length > allowed.length || !types.every((t) => typeof t === 'string' && allowed.includes(t))) {
    throw new AppError('INVALID_INPUT', `Event types are some of: ${allowed.join(', ')}.`);
  }
  const actions = request.actions ?? [];
  if (!Array.isArray(actions) || actions.length > 20 || !actions.every((a) => typeof a === 'string' && ACTION.test(a))) {
    throw new AppError('INVALID_INPUT', 'Actions are up to 20 words like start or die.');
  }
  const since = request.sinceSeconds ?? 0;
  if (!Number.isInteger(since) || since < 0 || since > MAX_SINCE_SECONDS) throw new AppError('INVALID_INPUT', `sinceSeconds is 0 to ${MAX_SINCE_SECONDS}.`);
  return {
    scope: scope.kind === 'host' ? { kind: 'host', hostId: scope.hostId } : { kind: 'swarm', swarmId: scope.swarmId },
    types: [...new Set(types)],
    actions: [...new Set(actions)],
    sinceSeconds: since,
  };
}

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

/** The browser's feed: newest first, at most `max` rows. */
export function prependEvents(feed: readonly FeedEvent[], incoming: readonly FeedEvent[], max = MAX_FEED_EVENTS): FeedEvent[] {
  const newest = incoming.slice(-max).reverse();
  return [...newest, ...feed.slice(0, Math.max(0, max - newest.length))];
}

/** A text filter over what the feed holds: name, id, type, action, details. */
export function matchesText(event: FeedEvent, text: string): boolean {
  const needle = text.trim().toLowerCase();
  if (!needle) return true;
  return [event.name, event.actorId, event.type, event.action, event.detail, ...Object.values(event.attributes)].some((v) => v.toLowerCase().includes(needle));
}
