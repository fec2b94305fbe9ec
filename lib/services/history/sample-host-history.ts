// One history round of a host: its running containers' one-shot stats, read a few at a time,
// made into points (the host, and each swarm service by its tasks' containers), stored at the
// fine resolution, the coarse buckets that closed rolled up, and what is past retention deleted.
// Run by the HistorySampler of the replica watching the host; tests call it directly.
import 'server-only';
import type { Db } from '@/lib/db/client.ts';
import { msg } from '@/lib/i18n/message.ts';
import { bucketStart, closedCoarseWindow, readingOf, retentionCutoffs, rollUp, roundPoints, SERVICE_ID_LABEL, type ContainerMemory, type HistoryPlan, type HistoryPoint } from '@/lib/models/history/history-math.ts';
import type { EngineStats } from '@/lib/models/stats/stats-math.ts';
import type { ServiceDeps } from '@/lib/services/deps.ts';
import { hostEngine } from '@/lib/services/engine/index.ts';
import { eachLimited } from '@/lib/services/streams/stats/stats-engine.ts';

/** At most this many stats requests in flight to one engine; rounds of one host never overlap.
 * The engine answers a one-shot read at its next once-a-second stats collection, so a request in
 * flight mostly waits: with 4 at a time, 50 containers took 13 collections (~13 s, longer than the
 * interval); with 32, two (bench/history-sampler.ts). Hundreds of containers make a longer round
 * (the next tick waits for it), never more than 32 requests at once. */
export const HISTORY_CONCURRENCY = 32;

export type SampledContainer = { id: string; serviceId: string | null; reading: ContainerMemory };

/** Reads each running container's stats once (one-shot), against the previous round's readings. */
export async function sampleContainers(deps: Pick<ServiceDeps, 'engines' | 'db'>, hostId: string, previous: ReadonlyMap<string, ContainerMemory>, options: { concurrency?: number; signal?: AbortSignal } = {}): Promise<SampledContainer[]> {
  const engine = await hostEngine(deps, hostId);
  const listed = await engine.call(msg('engineText.doing.listRunningContainers'), (api) => api.listContainers({ all: false }));
  const out: SampledContainer[] = [];
  await eachLimited(listed, options.concurrency ?? HISTORY_CONCURRENCY, async (c) => {
    if (options.signal?.aborted) return;
    try {
      const doc: EngineStats = await engine.call(msg('engineText.doing.readSomeContainerStats'), (api) => api.containerStatsOneShot(c.Id));
      out.push({ id: c.Id, serviceId: c.Labels?.[SERVICE_ID_LABEL] ?? null, reading: readingOf(doc, previous.get(c.Id), () => new Date().toISOString()) });
    } catch {
      // gone between the list and the read: not in this round
    }
  });
  return out;
}

const toRow = (hostId: string, resolution: number) => (p: HistoryPoint) => ({
  subjectType: p.subjectType, subjectId: p.subjectId, hostId, resolution, at: p.at,
  cpuPercent: p.cpuPercent, memoryUsed: p.memoryUsed, netRxRate: p.netRxRate, netTxRate: p.netTxRate, blockReadRate: p.blockReadRate, blockWriteRate: p.blockWriteRate, containers: p.containers,
});

/** Stores a round's points at `at` (a fine bucket), rolls up the coarse buckets closed since the
 * round at `previousAt` (null: the first round here, after a start or a takeover), and deletes
 * what is past retention. A bucket stored twice (two replicas around a takeover) keeps the first. */
export async function recordRound(db: Db, hostId: string, points: readonly HistoryPoint[], at: Date, previousAt: Date | null, plan: HistoryPlan): Promise<void> {
  await db.historyPoint.createMany({ data: points.map(toRow(hostId, plan.fineSeconds)), skipDuplicates: true });
  const closed = closedCoarseWindow(previousAt, at, plan.coarseSeconds);
  if (closed) {
    const fine = await db.historyPoint.findMany({ where: { hostId, resolution: plan.fineSeconds, at: { gte: closed.from, lt: closed.to } } });
    const coarse = rollUp(fine.map((r) => ({ ...r, subjectType: r.subjectType as HistoryPoint['subjectType'] })), plan.coarseSeconds);
    if (coarse.length) await db.historyPoint.createMany({ data: coarse.map(toRow(hostId, plan.coarseSeconds)), skipDuplicates: true });
  }
  const cut = retentionCutoffs(at, plan);
  await db.historyPoint.deleteMany({
    where: {
      hostId,
      OR: [
        { resolution: plan.fineSeconds, at: { lte: cut.fine } },
        { resolution: plan.coarseSeconds, at: { lt: bucketStart(cut.coarse, plan.coarseSeconds) } },
        // Points of another interval (the setting changed): no chart reads them.
        { resolution: { notIn: [plan.fineSeconds, plan.coarseSeconds] } },
      ],
    },
  });
}

/** What a host's sampler keeps between rounds. */
export type SamplerMemory = { readings: Map<string, ContainerMemory>; lastAt: Date | null };

/** One full round: sample, record; returns the new memory. */
export async function sampleHostHistory(deps: Pick<ServiceDeps, 'engines' | 'db'>, hostId: string, memory: SamplerMemory, plan: HistoryPlan, now: Date, signal?: AbortSignal): Promise<SamplerMemory> {
  const sampled = await sampleContainers(deps, hostId, memory.readings, { signal });
  const at = bucketStart(now, plan.fineSeconds);
  const points = roundPoints(hostId, at, sampled.map((c) => ({ sample: c.reading.sample, serviceId: c.serviceId })));
  if (signal?.aborted) return memory;
  await recordRound(deps.db, hostId, points, at, memory.lastAt, plan);
  return { readings: new Map(sampled.map((c) => [c.id, c.reading])), lastAt: at };
}
