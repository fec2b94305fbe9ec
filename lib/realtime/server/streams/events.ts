// Socket handlers for event feeds: a host's engine events (host.view on the host) or a swarm's
// cluster events through a manager (swarm.view on the swarm), filtered by type and action on the
// engine, sent in batches, paused while the browser is behind. A feed ends when the browser stops
// it, the socket goes, the engine stream ends, or its user loses access (checked at each batch).
import { randomBytes } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor.ts';
import { authorize } from '@/lib/auth/authorize.ts';
import { isAllowed } from '@/lib/auth/permissions.ts';
import { AppError } from '@/lib/errors.ts';
import type { EventsScope, FeedEvent } from '@/lib/realtime/stream-protocol.ts';
import { openEngineEvents } from '@/lib/services/streams/events/events-engine.ts';
import { checkEventsRequest, toFeedEvent, type EngineEvent } from '@/lib/models/events/events-feed.ts';
import { createBatcher } from '@/lib/services/streams/batcher.ts';
import { createJsonLineSplitter } from '@/lib/models/stats/stats-math.ts';
import { failure } from './ack.ts';
import { pauseWhileCongested } from './flow-control.ts';
import type { StreamSocket, StreamsDeps } from './stream-types.ts';

export const MAX_EVENT_FEEDS_PER_SOCKET = 8;

const check = (scope: EventsScope) =>
  scope.kind === 'host' ? { permission: 'host.view' as const, target: { type: 'host' as const, id: scope.hostId } } : { permission: 'swarm.view' as const, target: { type: 'swarm' as const, id: scope.swarmId } };
const mayFollow = (actor: Actor, scope: EventsScope) => {
  const { permission, target } = check(scope);
  return isAllowed(actor.grants, permission, target);
};

export function registerEventHandlers(socket: StreamSocket, deps: StreamsDeps): void {
  const feeds = new Map<string, (reason: string | null) => void>();
  let opening = 0;

  socket.on('events:follow', async (request, ack) => {
    if (typeof ack !== 'function') return;
    try {
      const checked = checkEventsRequest(request);
      const { permission, target } = check(checked.scope);
      await authorize(deps.db, socket.data.actor, permission, target);
      if (feeds.size + opening >= MAX_EVENT_FEEDS_PER_SOCKET) throw new AppError('PRECONDITION', `At most ${MAX_EVENT_FEEDS_PER_SOCKET} event feeds at once per tab.`);
      opening++;
      let stream: Awaited<ReturnType<typeof openEngineEvents>>;
      try {
        stream = await openEngineEvents(deps.engines(), checked);
      } finally {
        opening--;
      }
      const { raw } = stream;
      if (socket.disconnected) {
        raw.destroy();
        return;
      }
      const streamId = randomBytes(8).toString('hex');
      let seq = 0;
      let ended = false;
      const finish = (reason: string | null) => {
        if (ended) return;
        ended = true;
        feeds.delete(streamId);
        batcher.close();
        raw.removeAllListeners('data');
        raw.on('error', () => {});
        raw.destroy();
        if (reason !== null && socket.connected) socket.emit('events:end', { streamId, reason });
      };
      const batcher = createBatcher<FeedEvent>({
        intervalMs: 100,
        maxItems: 500,
        onFlush: (events) => {
          if (ended) return;
          if (!mayFollow(socket.data.actor, checked.scope)) return finish('Your access to these events was withdrawn.');
          socket.emit('events:batch', { streamId, events });
          pauseWhileCongested(socket, raw, () => ended);
        },
      });
      const split = createJsonLineSplitter<EngineEvent>((doc) => {
        const event = toFeedEvent(doc, seq++);
        if (event) batcher.push(event);
      });
      feeds.set(streamId, finish);
      ack({ ok: true, data: { streamId, via: stream.hostName } });
      raw.on('data', (chunk: Buffer) => split.push(chunk));
      raw.on('end', () => finish(`The event stream of ${stream.hostName} ended.`));
      raw.on('error', () => finish(`The connection to ${stream.hostName} was lost.`));
    } catch (error) {
      ack(failure(error));
    }
  });

  socket.on('events:stop', (message) => {
    feeds.get(message?.streamId)?.(null);
  });

  socket.on('disconnect', () => {
    for (const finish of [...feeds.values()]) finish(null);
  });
}
