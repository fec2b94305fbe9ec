// Opening the engine's /events stream for a feed: a host's own engine, or for a swarm a manager
// picked (and failed over) by callManager with a cheap read, the stream then opened on it alone.
// Authorization is the caller's (the socket handler).
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import type { Readable } from 'node:stream';
import type { ServiceDeps } from '@/lib/services/deps.ts';
import { callManager, hostEngine } from '@/lib/services/engine/index.ts';
import { engineEventFilters, type CheckedEventsRequest } from '@/lib/models/events/events-feed.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;

export type EngineEventStream = { raw: Readable; hostId: string; hostName: string };

export async function openEngineEvents(deps: Deps, request: CheckedEventsRequest, now: () => number = Date.now): Promise<EngineEventStream> {
  const query = {
    filters: engineEventFilters(request),
    ...(request.sinceSeconds ? { since: String(Math.floor(now() / 1000) - request.sinceSeconds) } : {}),
  };
  let hostId: string;
  if (request.scope.kind === 'host') hostId = request.scope.hostId;
  else {
    const { via } = await callManager(deps, request.scope.swarmId, { write: false, doing: msg('engineText.doing.findManagerToFollow') }, (api) => api.inspectSwarm());
    hostId = via.hostId;
  }
  const engine = await hostEngine(deps, hostId);
  const raw = await engine.call(msg('engineText.doing.followEvents'), (api) => api.events(query));
  return { raw, hostId, hostName: engine.hostName };
}
