// Reading stats from an engine: a container's live stats stream (one document a second, for as
// long as someone watches), and a host round (its running containers, each read once, a few at
// a time). Authorization is the caller's (the socket handler).
import 'server-only';
import type { EndReason } from '../end-reason.ts';
import type { Readable } from 'node:stream';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { ServiceDeps } from '@/lib/services/deps.ts';
import { hostEngine } from '@/lib/services/engine/index.ts';
import { hostSnapshot, toSample, type EngineStats, type HostContainerStats, type HostStatsSnapshot, type StatsSample } from '@/lib/models/stats/stats-math.ts';
import { createJsonLineSplitter } from '../json-lines.ts';

type Deps = Pick<ServiceDeps, 'engines'>;

export const HOST_ROUND_CONCURRENCY = 6;
export const HOST_ROUND_MAX_CONTAINERS = 200;

export type ContainerStatsStream = { raw: Readable; close(): void };

/** Opens the engine's stats stream of a container; each document becomes a sample (with rates
 * against the previous one). `onEnd` is called once when the engine ends the stream. */
export async function openContainerStats(deps: Deps, hostId: string, containerId: string, on: { sample(sample: StatsSample): void; end(reason: EndReason): void }): Promise<ContainerStatsStream> {
  const engine = await hostEngine(deps, hostId);
  const raw = await engine.call(msg('engineText.doing.readContainerStats'), (api) => api.containerStats(containerId));
  let previous: StatsSample | null = null;
  let ended = false;
  const split = createJsonLineSplitter<EngineStats>((doc) => {
    previous = toSample(doc, previous);
    on.sample(previous);
  });
  const finish = (reason: EndReason | null) => {
    if (ended) return;
    ended = true;
    raw.removeAllListeners('data');
    raw.on('error', () => {});
    raw.destroy();
    if (reason) on.end(reason);
  };
  raw.on('data', (chunk: Buffer) => split.push(chunk));
  raw.on('end', () => finish(msg('streamText.ended.stats')));
  raw.on('error', () => finish(`The connection to ${engine.hostName} was lost.`));
  return { raw, close: () => finish(null) };
}

/** Runs `work` over `items`, at most `limit` at a time. */
export async function eachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.min(limit, items.length) }, async () => {
    while (next < items.length) await work(items[next++]);
  });
  await Promise.all(lanes);
}

/** One round over a host's running containers: each one's stats read once (the engine takes
 * two readings a second apart, so CPU % needs no history), with rates against `previous`. */
export async function readHostRound(deps: Deps, hostId: string, previous: ReadonlyMap<string, StatsSample>, signal?: AbortSignal): Promise<{ snapshot: HostStatsSnapshot; samples: Map<string, StatsSample> }> {
  const engine = await hostEngine(deps, hostId);
  const listed = await engine.call(msg('engineText.doing.listRunningContainers'), (api) => api.listContainers({ all: false }));
  const rows: HostContainerStats[] = [];
  const samples = new Map<string, StatsSample>();
  await eachLimited(listed.slice(0, HOST_ROUND_MAX_CONTAINERS), HOST_ROUND_CONCURRENCY, async (c) => {
    if (signal?.aborted) return;
    try {
      const doc: EngineStats = await engine.call(msg('engineText.doing.readSomeContainerStats'), (api) => api.containerStatsOnce(c.Id));
      const sample = toSample(doc, previous.get(c.Id) ?? null);
      samples.set(c.Id, sample);
      rows.push({ id: c.Id, name: (c.Names?.[0] ?? c.Id.slice(0, 12)).replace(/^\//, ''), sample });
    } catch {
      // gone between the list and the read, or slow: counted as unread
    }
  });
  if (signal?.aborted) throw new AppError('PRECONDITION', msg('streams.errors.stopped'));
  return { snapshot: hostSnapshot(rows, { running: listed.length, at: new Date().toISOString() }), samples };
}
