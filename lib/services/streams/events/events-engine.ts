// Opening the engine's /events stream for a feed: a host's own engine, or for a swarm a manager
// picked (and failed over) by callManager with a cheap read, the stream then opened on it alone.
// Authorization is the caller's (the socket handler).
import type Dockerode from 'dockerode';
import type { Readable } from 'node:stream';
import { AppError } from '@/lib/errors.ts';
import type { ServiceDeps } from '@/lib/services/deps.ts';
import { callManager } from '@/lib/services/engine/call-manager.ts';
import { engineEventFilters, type CheckedEventsRequest } from '@/lib/models/events/events-feed.ts';
import { call, hostEngine } from '../../engine/host-engine.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;

export type EngineEventStream = { raw: Readable; hostId: string; hostName: string };

function dialEvents(docker: Dockerode, options: Record<string, unknown>, signal: AbortSignal): Promise<Readable> {
  return new Promise((resolve, reject) => {
    docker.modem.dial(
      { path: '/events?', method: 'GET', options, isStream: true, abortSignal: signal, statusCodes: { 200: true, 400: 'bad parameter', 500: 'server error' } } as never,
      (error: Error | null, stream: unknown) => (error ? reject(error) : resolve(stream as Readable)),
    );
  });
}

export async function openEngineEvents(deps: Deps, request: CheckedEventsRequest, now: () => number = Date.now): Promise<EngineEventStream> {
  const options = {
    filters: JSON.stringify(engineEventFilters(request)),
    ...(request.sinceSeconds ? { since: String(Math.floor(now() / 1000) - request.sinceSeconds) } : {}),
  };
  let hostId: string;
  if (request.scope.kind === 'host') hostId = request.scope.hostId;
  else {
    const { via } = await callManager(deps, request.scope.swarmId, { write: false }, (docker, signal) => call(docker, docker.swarmInspect, { abortSignal: signal }));
    hostId = via.hostId;
  }
  const engine = await hostEngine(deps, hostId);
  try {
    const raw = await engine.within((signal) => dialEvents(engine.docker, options, signal));
    return { raw, hostId, hostName: engine.hostName };
  } catch (error) {
    if (error instanceof AppError) throw error;
    throw engine.fail(error, 'follow the events');
  }
}
