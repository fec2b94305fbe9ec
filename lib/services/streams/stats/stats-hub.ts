// Live stats shared by their watchers: one engine stats stream per container however many watch
// it, and one polling round per host (totals and top lists every few seconds), each running only
// while someone watches. A watcher is a sink (what to do with a sample, how to end); the hub knows
// nothing of sockets or permissions — the socket layer authorizes a watch before it asks, and cuts
// it off through `unwatch` when access is withdrawn.
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import { reasonOfError, type EndReason } from '../end-reason.ts';
import { randomBytes } from 'node:crypto';
import { isAppError } from '@/lib/errors.ts';
import type { HostStatsSnapshot, StatsSample } from '@/lib/models/stats/stats-math.ts';
import type { ServiceDeps } from '@/lib/services/deps.ts';
import { openContainerStats, readHostRound, type ContainerStatsStream } from './stats-engine.ts';
import { log } from '@/lib/observability/logger.ts';

export const HOST_ROUND_INTERVAL_MS = 3000;

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;

export type ContainerStatsSink = { sample(sample: StatsSample): void; end(reason: EndReason): void };
export type HostStatsSink = { snapshot(snapshot: HostStatsSnapshot): void; end(reason: EndReason): void };

type ContainerWatcher = { watchId: string; sink: ContainerStatsSink };
type HostWatcher = { watchId: string; sink: HostStatsSink };
type ContainerFeed = { kind: 'container'; key: string; watchers: Map<string, ContainerWatcher>; stream: ContainerStatsStream | null; opening: Promise<void> };
type HostFeed = { kind: 'host'; key: string; hostId: string; watchers: Map<string, HostWatcher>; abort: AbortController; last: HostStatsSnapshot | null };
type Feed = ContainerFeed | HostFeed;

export type StatsHub = {
  /** Resolves with the watch's id once the engine stream is open (rejects if the engine refuses). */
  watchContainer(hostId: string, containerId: string, sink: ContainerStatsSink): Promise<string>;
  /** A newcomer to a running host feed gets the last round on the next turn. */
  watchHost(hostId: string, sink: HostStatsSink): string;
  /** Stops feeding a watch, without telling its sink. */
  unwatch(watchId: string): void;
  /** Engine stats streams open and host rounds running now (for tests and diagnostics). */
  active(): { containerStreams: number; hostRounds: number };
  /** Ends every feed, telling each sink. */
  close(): void;
};

export function createStatsHub(deps: () => Deps): StatsHub {
  const feeds = new Map<string, Feed>();
  const feedOfWatch = new Map<string, Feed>();
  const newId = () => randomBytes(8).toString('hex');

  function endFeed(feed: Feed, reason: EndReason | null): void {
    if (feeds.get(feed.key) === feed) feeds.delete(feed.key);
    for (const w of feed.watchers.values()) {
      feedOfWatch.delete(w.watchId);
      if (reason) w.sink.end(reason);
    }
    feed.watchers.clear();
    if (feed.kind === 'container') feed.stream?.close();
    else feed.abort.abort();
  }

  function unwatch(watchId: string): void {
    const feed = feedOfWatch.get(watchId);
    if (!feed) return;
    feedOfWatch.delete(watchId);
    feed.watchers.delete(watchId);
    // The last watcher left: the engine stream (or the polling) stops now. A stream still being
    // opened is closed as soon as it arrives (see `opening`).
    if (feed.watchers.size === 0) endFeed(feed, null);
  }

  function openContainerFeed(key: string, hostId: string, containerId: string): ContainerFeed {
    const feed: ContainerFeed = { kind: 'container', key, watchers: new Map(), stream: null, opening: Promise.resolve() };
    feed.opening = openContainerStats(deps(), hostId, containerId, {
      sample: (sample) => {
        for (const w of [...feed.watchers.values()]) w.sink.sample(sample);
      },
      end: (reason) => endFeed(feed, reason),
    }).then(
      (stream) => {
        feed.stream = stream;
        if (feed.watchers.size === 0 || feeds.get(key) !== feed) stream.close();
      },
      (error) => {
        if (feeds.get(key) === feed) feeds.delete(key);
        throw error;
      },
    );
    feeds.set(key, feed);
    return feed;
  }

  async function watchContainer(hostId: string, containerId: string, sink: ContainerStatsSink): Promise<string> {
    const key = `c/${hostId}/${containerId}`;
    const feed = (feeds.get(key) as ContainerFeed | undefined) ?? openContainerFeed(key, hostId, containerId);
    const watchId = newId();
    feed.watchers.set(watchId, { watchId, sink });
    feedOfWatch.set(watchId, feed);
    try {
      await feed.opening;
    } catch (error) {
      unwatch(watchId);
      throw error;
    }
    return watchId;
  }

  function watchHost(hostId: string, sink: HostStatsSink): string {
    const key = `h/${hostId}`;
    let feed = feeds.get(key) as HostFeed | undefined;
    if (!feed) {
      const created: HostFeed = { kind: 'host', key, hostId, watchers: new Map(), abort: new AbortController(), last: null };
      feeds.set(key, created);
      feed = created;
      void pollHost(created);
    }
    const watchId = newId();
    feed.watchers.set(watchId, { watchId, sink });
    feedOfWatch.set(watchId, feed);
    const last = feed.last;
    if (last) setImmediate(() => feed.watchers.has(watchId) && sink.snapshot(last));
    return watchId;
  }

  async function pollHost(feed: HostFeed): Promise<void> {
    let previous = new Map<string, StatsSample>();
    const signal = feed.abort.signal;
    while (!signal.aborted) {
      try {
        const round = await readHostRound(deps(), feed.hostId, previous, signal);
        previous = round.samples;
        if (signal.aborted) return;
        feed.last = round.snapshot;
        for (const w of [...feed.watchers.values()]) w.sink.snapshot(round.snapshot);
      } catch (error) {
        if (signal.aborted) return;
        if (!isAppError(error)) log('stats').error({ err: error }, 'a host round failed');
        endFeed(feed, reasonOfError(error));
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
    unwatch,
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
      for (const feed of [...feeds.values()]) endFeed(feed, msg('streamText.ended.consoleStopping'));
    },
  };
}
