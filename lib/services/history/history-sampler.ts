// A host's history sampler: a round every sampling interval (aligned to the interval, so every
// host's points share their times) while the host is up, run by the replica watching the host
// (started and stopped with its HostWatcher, under the role `host:<id>`). Rounds never overlap:
// a round that takes longer than the interval makes the next tick wait, so an engine sees at most
// HISTORY_CONCURRENCY stats requests from Wharf's history at a time, however many containers it runs.
import 'server-only';
import type { HistoryPlan } from '@/lib/models/history/history-math.ts';
import type { ServiceDeps } from '@/lib/services/deps.ts';
import { log } from '@/lib/observability/logger.ts';
import { sampleHostHistory, type SamplerMemory } from './sample-host-history.ts';

type Deps = Pick<ServiceDeps, 'engines' | 'db'>;

export class HistorySampler {
  private readonly abort = new AbortController();
  private memory: SamplerMemory = { readings: new Map(), lastAt: null };
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly hostId: string, private readonly deps: Deps, private readonly plan: HistoryPlan) {}

  start(): void {
    this.schedule();
  }

  stop(): void {
    this.abort.abort();
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private schedule(): void {
    if (this.abort.signal.aborted) return;
    const ms = this.plan.fineSeconds * 1000;
    // The next interval boundary, a little after it so the round's bucket is that one.
    const wait = ms - (Date.now() % ms) + 50;
    this.timer = setTimeout(() => void this.round(), wait);
    this.timer.unref();
  }

  private async round(): Promise<void> {
    const signal = this.abort.signal;
    try {
      const host = await this.deps.db.host.findUnique({ where: { id: this.hostId }, select: { status: true } });
      // An unreachable host is not asked; its readings are forgotten (rates would span the gap).
      if (host?.status === 'up') this.memory = await sampleHostHistory(this.deps, this.hostId, this.memory, this.plan, new Date(), signal);
      else this.memory = { readings: new Map(), lastAt: this.memory.lastAt };
    } catch (error) {
      if (!signal.aborted) log('history').warn({ err: error, hostId: this.hostId }, 'a history round failed');
      this.memory = { readings: new Map(), lastAt: this.memory.lastAt };
    }
    this.schedule();
  }
}
