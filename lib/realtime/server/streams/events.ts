// Socket handlers for event feeds: a host's engine events (host.view on the host) or a swarm's
// cluster events through a manager (swarm.view on the swarm), filtered by type and action on the
// engine, sent in batches, paused while the browser is behind. A feed ends when the browser stops
// it, the socket goes, the engine stream ends, or its user loses what was checked when it opened.
import 'server-only';
import { sayReason } from '@/lib/services/streams/end-reason.ts';
import { randomBytes } from 'node:crypto';
import type { Requirement } from '@/lib/auth/permissions.ts';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { MAX_FEED_SOURCES, toFeedEvent, type EngineEvent } from '@/lib/models/events/events-feed.ts';
import { createJsonLineSplitter } from '@/lib/services/streams/json-lines.ts';
import type { EventsScope, FeedEvent } from '@/lib/realtime/stream-protocol.ts';
import { eventsFollowSchema, streamRefSchema } from '@/lib/schemas/streams.ts';
import { createBatcher } from '@/lib/services/streams/batcher.ts';
import { openEngineEvents } from '@/lib/services/streams/events/events-engine.ts';
import { OWN_STREAM, socketLocale, type SocketDoor } from '../socket-door.ts';
import { pauseWhileCongested } from './flow-control.ts';
import type { StreamSocket, StreamsDeps } from './stream-types.ts';

/** A feed over every host follows each host's engine (up to MAX_FEED_SOURCES), with room for a few more. */
export const MAX_EVENT_FEEDS_PER_SOCKET = MAX_FEED_SOURCES + 4;

const eventRequirements = ({ scope }: { scope: EventsScope }): Requirement[] =>
  scope.kind === 'host' ? [{ permission: 'host.view', target: { type: 'host', id: scope.hostId } }] : [{ permission: 'swarm.view', target: { type: 'swarm', id: scope.swarmId } }];

export function registerEventHandlers(on: SocketDoor, socket: StreamSocket, deps: StreamsDeps): void {
  const feeds = new Map<string, (reason: string | null) => void>();

  on('events:follow', eventsFollowSchema, eventRequirements, async ({ input, track, afterReply }) => {
    if (socket.data.streams.count('events') >= MAX_EVENT_FEEDS_PER_SOCKET) throw new AppError('PRECONDITION', msg('streams.errors.perTab', { max: MAX_EVENT_FEEDS_PER_SOCKET, what: 'events' }));
    const stream = await socket.data.streams.opening('events', () => openEngineEvents(deps.engines(), input));
    const { raw } = stream;
    if (socket.disconnected) {
      raw.destroy();
      throw new AppError('PRECONDITION', msg('streams.errors.browserGone'));
    }
    const streamId = randomBytes(8).toString('hex');
    let seq = 0;
    let ended = false;
    const finish = (reason: string | null) => {
      if (ended) return;
      ended = true;
      feeds.delete(streamId);
      tracked.release();
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
        socket.emit('events:batch', { streamId, events });
        pauseWhileCongested(socket, raw, () => ended);
      },
    });
    const split = createJsonLineSplitter<EngineEvent>((doc) => {
      const event = toFeedEvent(doc, seq++);
      if (event) batcher.push(event);
    });
    feeds.set(streamId, finish);
    const tracked = track('events', streamId, (reason) => finish(sayReason(reason, socketLocale(socket))));
    afterReply(() => {
      raw.on('data', (chunk: Buffer) => split.push(chunk));
      raw.on('end', () => finish(renderMessage(msg('streams.ended.events', { host: stream.hostName }), socketLocale(socket))));
      raw.on('error', () => finish(renderMessage(msg('streams.ended.hostLost', { host: stream.hostName }), socketLocale(socket))));
    });
    return { streamId, via: stream.hostName };
  });

  on('events:stop', streamRefSchema, OWN_STREAM, ({ input }) => {
    feeds.get(input.streamId)?.(null);
  });
}
