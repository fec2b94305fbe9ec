// Socket handlers for live stats: a container's (container.view on the container) and a host's totals
// and top lists. Watches join the shared feeds of the stats hub (lib/services/streams/stats); each
// is tracked under the requirement checked when it opened, so losing it ends the watch.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { hostStatsWatchSchema, statsUnwatchSchema, statsWatchSchema } from '@/lib/schemas/streams.ts';
import type { StatsHub } from '@/lib/services/streams/stats/stats-hub.ts';
import { OWN_STREAM, type SocketDoor } from '../socket-door.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { onContainer } from '@/lib/services/access/locate-target.ts';
import type { StreamSocket, StreamsDeps } from './stream-types.ts';

export const MAX_STATS_WATCHES_PER_SOCKET = 32;

const viewHost = ({ hostId }: { hostId: string }) => [{ permission: 'container.view' as const, target: { type: 'host' as const, id: hostId } }];

/** A container's stats: container.view on the container (its host, or its swarm and stack when it is a task). */
const viewContainer = (deps: StreamsDeps) => async (input: { hostId: string; containerId: string }, actor?: Actor) => [await onContainer(deps.engines(), actor, 'container.view', input)];

export function registerStatsHandlers(on: SocketDoor, socket: StreamSocket, hub: StatsHub, deps: StreamsDeps): void {
  const mine = new Map<string, { release(): void }>();
  const underLimit = () => {
    if (socket.data.streams.count('stats') >= MAX_STATS_WATCHES_PER_SOCKET) throw new AppError('PRECONDITION', msg('streams.errors.perTab', { max: MAX_STATS_WATCHES_PER_SOCKET, what: 'stats' }));
  };
  /** Sends to the socket while it is there; a watch whose socket went is dropped. */
  const sender = (watchId: () => string | null) => ({
    end: (reason: string) => {
      const id = watchId();
      if (!id) return;
      mine.get(id)?.release();
      mine.delete(id);
      if (socket.connected) socket.emit('stats:end', { watchId: id, reason });
    },
  });
  const keep = (watchId: string, track: (kind: 'stats', id: string, stop: (reason: string) => void) => { release(): void }) => {
    mine.set(
      watchId,
      track('stats', watchId, (reason) => {
        mine.delete(watchId);
        hub.unwatch(watchId);
        if (socket.connected) socket.emit('stats:end', { watchId, reason });
      }),
    );
  };

  on('stats:watch', statsWatchSchema, viewContainer(deps), async ({ input, track }) => {
    underLimit();
    let id: string | null = null;
    const watchId = await socket.data.streams.opening('stats', () =>
      hub.watchContainer(input.hostId, input.containerId, {
        ...sender(() => id),
        sample: (sample) => id && socket.emit('stats:sample', { watchId: id, sample }),
      }),
    );
    id = watchId;
    if (socket.disconnected) {
      hub.unwatch(watchId);
      throw new AppError('PRECONDITION', msg('streams.errors.browserGone'));
    }
    keep(watchId, track);
    return { watchId };
  });

  on('stats:host-watch', hostStatsWatchSchema, viewHost, async ({ input, track }) => {
    underLimit();
    let id: string | null = null;
    id = await socket.data.streams.opening('stats', async () =>
      hub.watchHost(input.hostId, { ...sender(() => id), snapshot: (snapshot) => id && socket.emit('stats:host', { watchId: id, snapshot }) }),
    );
    keep(id, track);
    return { watchId: id };
  });

  on('stats:unwatch', statsUnwatchSchema, OWN_STREAM, ({ input }) => {
    if (!mine.has(input.watchId)) return;
    mine.get(input.watchId)?.release();
    mine.delete(input.watchId);
    hub.unwatch(input.watchId);
  });
}
