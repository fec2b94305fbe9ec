// Socket handlers for live stats: a container's (the engine's stats stream) and a host's totals
// and top lists (a round of one-shot reads every few seconds). Stats flow only while someone
// watches: every watch is authorized here (container.view on the host) and joins a shared feed
// per container or host; the feed's engine stream or polling stops when its last watcher leaves
// (unwatch, or the socket goes). A watcher whose access is withdrawn is ended at the next sample.
import { randomBytes } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor.ts';
import { authorize } from '@/lib/auth/authorize.ts';
import { isAllowed } from '@/lib/auth/permissions.ts';
import { AppError } from '@/lib/errors.ts';
import { openContainerStats, readHostRound, type ContainerStatsStream } from '@/lib/services/streams/stats/stats-engine.ts';
import type { HostStatsSnapshot, StatsSample } from '@/lib/models/stats/stats-math.ts';
import { failure } from './ack.ts';
import type { StreamSocket, StreamsDeps } from './stream-types.ts';

export const MAX_STATS_WATCHES_PER_SOCKET = 32;
export const HOST_ROUND_INTERVAL_MS = 3000;
const ID = /^[A-Za-z0-9_.-]{1,128}$/;

type Watcher = { socket: StreamSocket; watchId: string; hostId: string };
const mayWatch = (actor: Actor, hostId: string) => isAllowed(actor.grants, 'container.view', { type: 'host', id: hostId });

type ContainerFeed = { kind: 'container'; key: string; hostId: string; watchers: Map<string, Watcher>; stream: ContainerStatsStream | null; opening: Promise<void>; last: StatsSample | null };
type HostFeed = { kind: 'host'; key: string; hostId: string; watchers: Map<string, Watcher>; abort: AbortController; last: HostStatsSnapshot | null };

export type StatsHub = {
  watchContainer(socket: StreamSocket, hostId: string, containerId: string): Promise<string>;
  watchHost(socket: StreamSocket, hostId: string): string;
  unwatch(watchId: string): void;
  /** Whether a watch is still fed (the hub ends watches itself: stream ended, access withdrawn). */
  has(watchId: string): boolean;
  /** Engine stats streams open and host rounds running now (for tests and diagnostics). */
  active(): { containerStreams: number; hostRounds: number };
  close(): void;
};

export function createStatsHub(deps: StreamsDeps): StatsHub {
  const feeds = new Map<string, ContainerFeed | HostFeed>();
  const feedOfWatch = new Map<string, ContainerFeed | HostFeed>();

  /** Delivers to every watcher still allowed; the others are told and dropped. */
  function deliver(feed: ContainerFeed | HostFeed, send: (w: Watcher) => void): void {
    for (const w of [...feed.watchers.values()]) {
      if (w.socket.disconnected) drop(w.watchId);
      else if (!mayWatch(w.socket.data.actor, w.hostId)) {
        w.socket.emit('stats:end', { watchId: w.watchId, reason: 'Your access to this host was withdrawn.' });
        drop(w.watchId);
      } else send(w);
    }
  }

  function endFeed(feed: ContainerFeed | HostFeed, reason: string | null): void {
    if (feeds.get(feed.key) === feed) feeds.delete(feed.key);
    for (const w of feed.watchers.values()) {
      feedOfWatch.delete(w.watchId);
      if (reason && w.socket.connected) w.socket.emit('stats:end', { watchId: w.watchId, reason });
    }
    feed.watchers.clear();
    if (feed.kind === 'container') feed.stream?.close();
    else feed.abort.abort();
  }

  function drop(watchId: string): void {
    const feed = feedOfWatch.get(watchId);
    if (!feed) return;
    feedOfWatch.delete(watchId);
    feed.watchers.delete(watchId);
    // The last watcher left: the engine stream (or the polling) stops now. A stream still being
    // opened is closed as soon as it arrives (see `opening`).
    if (feed.watchers.size === 0) endFeed(feed, null);
  }

  const newId = () => randomBytes(8).toString('hex');

  async function watchContainer(socket: StreamSocket, hostId: string, containerId: string): Promise<string> {
    const key = `c/${hostId}/${containerId}`;
    let feed = feeds.get(key) as ContainerFeed | undefined;
    if (!feed) {
      const created: ContainerFeed = { kind: 'container', key, hostId, watchers: new Map(), stream: null, opening: Promise.resolve(), last: null };
      created.opening = openContainerStats(deps.engines(), hostId, containerId, {
        sample: (sample) => {
          created.last = sample;
          deliver(created, (w) => w.socket.emit('stats:sample', { watchId: w.watchId, sample }));
        },
        end: (reason) => endFeed(created, reason),
      }).then(
        (stream) => {
          created.stream = stream;
          if (created.watchers.size === 0 || feeds.get(key) !== created) stream.close();
        },
        (error) => {
          if (feeds.get(key) === created) feeds.delete(key);
          throw error;
        },
      );
      feeds.set(key, created);
      feed = created;
    }
    const watchId = newId();
    feed.watchers.set(watchId, { socket, watchId, hostId });
    feedOfWatch.set(watchId, feed);
    try {
      await feed.opening;
    } catch (error) {
      drop(watchId);
      throw error;
    }
    return watchId;
  }

  function watchHost(socket: StreamSocket, hostId: string): string {
    const key = `h/${hostId}`;
    let feed = feeds.get(key) as HostFeed | undefined;
    if (!feed) {
      const created: HostFeed = { kind: 'host', key, hostId, watchers: new Map(), abort: new AbortController(), last: null };
      feeds.set(key, created);
      feed = created;
      void pollHost(created);
    }
    const watchId = newId();
    feed.watchers.set(watchId, { socket, watchId, hostId });
    feedOfWatch.set(watchId, feed);
    // A newcomer to a running feed sees the last round at once (after its ack).
    const last = feed.last;
    if (last) setImmediate(() => feed.watchers.has(watchId) && socket.emit('stats:host', { watchId, snapshot: last }));
    return watchId;
  }

  async function pollHost(feed: HostFeed): Promise<void> {
    let previous = new Map<string, StatsSample>();
    const signal = feed.abort.signal;
    while (!signal.aborted) {
      try {
        const round = await readHostRound(deps.engines(), feed.hostId, previous, signal);
        previous = round.samples;
        if (signal.aborted) return;
        feed.last = round.snapshot;
        deliver(feed, (w) => w.socket.emit('stats:host', { watchId: w.watchId, snapshot: round.snapshot }));
      } catch (error) {
        if (signal.aborted) return;
        endFeed(feed, failure(error).error);
        return;
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, HOST_ROUND_INTERVAL_MS);
        signal.addEventListener('abort', () => {
          clearTimeout(timer);
          resolve();
        }, { once: true });
      });
    }
  }

  return {
    watchContainer,
    watchHost,
    unwatch: drop,
    has: (watchId) => feedOfWatch.has(watchId),
    active() {
      let containerStreams = 0;
      let hostRounds = 0;
      for (const feed of feeds.values()) {
        if (feed.kind === 'container' && feed.stream) containerStreams++;
        if (feed.kind === 'host') hostRounds++;
      }
      return { containerStreams, hostRounds };
    },
    close() {
      for (const feed of [...feeds.values()]) endFeed(feed, 'The console is stopping.');
    },
  };
}

export function registerStatsHandlers(socket: StreamSocket, deps: StreamsDeps, hub: StatsHub): void {
  const mine = new Set<string>();
  const checkHost = async (hostId: unknown) => {
    if (typeof hostId !== 'string' || !ID.test(hostId)) throw new AppError('NOT_FOUND', 'Not found.');
    await authorize(deps.db, socket.data.actor, 'container.view', { type: 'host', id: hostId });
    for (const watchId of mine) if (!hub.has(watchId)) mine.delete(watchId);
    if (mine.size >= MAX_STATS_WATCHES_PER_SOCKET) throw new AppError('PRECONDITION', `At most ${MAX_STATS_WATCHES_PER_SOCKET} stats views at once per tab.`);
  };

  socket.on('stats:watch', async (request, ack) => {
    if (typeof ack !== 'function') return;
    try {
      await checkHost(request?.hostId);
      if (typeof request.containerId !== 'string' || !ID.test(request.containerId)) throw new AppError('NOT_FOUND', 'Not found.');
      const watchId = await hub.watchContainer(socket, request.hostId, request.containerId);
      if (socket.disconnected) return hub.unwatch(watchId);
      mine.add(watchId);
      ack({ ok: true, data: { watchId } });
    } catch (error) {
      ack(failure(error));
    }
  });

  socket.on('stats:host-watch', async (request, ack) => {
    if (typeof ack !== 'function') return;
    try {
      await checkHost(request?.hostId);
      if (socket.disconnected) return;
      const watchId = hub.watchHost(socket, request.hostId);
      mine.add(watchId);
      ack({ ok: true, data: { watchId } });
    } catch (error) {
      ack(failure(error));
    }
  });

  socket.on('stats:unwatch', (message) => {
    const watchId = message?.watchId;
    if (typeof watchId !== 'string' || !mine.has(watchId)) return;
    mine.delete(watchId);
    hub.unwatch(watchId);
  });

  socket.on('disconnect', () => {
    for (const watchId of mine) hub.unwatch(watchId);
    mine.clear();
  });
}
