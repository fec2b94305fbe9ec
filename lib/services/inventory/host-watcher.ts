// Watches one engine: reads its facts, follows its /events stream, pings it on a heartbeat, and
// reports up/unreachable transitions. When the engine goes away it reconnects with backoff.
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import type { Db } from '@/lib/db/client.ts';
import type { EngineClients } from '@/lib/services/engine/engine-clients.ts';
import { keepSwarmIdentity, updateFacts, type EngineFacts } from '@/lib/models/hosts/engine-facts.ts';
import { failureSaid, hostEngine, pingEngine, readEngineFacts, readFactsUpdate, withDeadline, type HostEngine } from '@/lib/services/engine/index.ts';
import type { HostStatus } from '@/lib/services/hosts/host-view.ts';
import { msg, storedSaying } from '@/lib/i18n/message.ts';
import { backoffDelay, EventLineDecoder, factsAffectedBy, type EngineEvent, type FactsPart } from './engine-events.ts';
import { log } from '@/lib/observability/logger.ts';

export type InventoryUpdate =
  /** `previous`: the status before this change (the same when only the reason changed); `reason`: as stored (storedSaying), said in each watcher's language by whoever reports it. */
  | { kind: 'status'; hostId: string; status: HostStatus; previous: HostStatus; reason: string | null; since: string }
  | { kind: 'facts'; hostId: string; facts: EngineFacts }
  | { kind: 'event'; hostId: string; event: EngineEvent };

export type WatcherTiming = {
  heartbeatMs: number;
  pingTimeoutMs: number;
  connectTimeoutMs: number;
  factsDebounceMs: number;
  backoffBaseMs: number;
  backoffCapMs: number;
};

export const DEFAULT_TIMING: WatcherTiming = {
  heartbeatMs: 5000,
  pingTimeoutMs: 3000,
  connectTimeoutMs: 5000,
  factsDebounceMs: 250,
  backoffBaseMs: 1000,
  backoffCapMs: 10_000,
};

/** The event stream ended or broke: whatever the transport said, the engine went away. */
class StreamClosed extends Error {}

type Deps = { db: Db; engines: EngineClients; timing: WatcherTiming; onUpdate: (update: InventoryUpdate) => void };
type EventStream = NodeJS.ReadableStream & { destroy?: () => void };

export class HostWatcher {
  private stopped = false;
  private generation = 0;
  private attempt = 0;
  private stream: EventStream | null = null;
  private engine: HostEngine | null = null;
  private heartbeat: NodeJS.Timeout | null = null;
  private reconnect: NodeJS.Timeout | null = null;
  private factsTimer: NodeJS.Timeout | null = null;
  private factsRunning = false;
  private readonly pendingParts = new Set<FactsPart>();
  /** The facts last saved and sent: partial re-reads start from them. */
  private facts: EngineFacts | null = null;

  constructor(
    readonly hostId: string,
    private status: { status: HostStatus; reason: string | null; since: Date },
    private readonly deps: Deps,
  ) {}

  start(): void {
    void this.connect();
  }

  stop(): void {
    this.stopped = true;
    this.generation++;
    this.teardown();
    if (this.reconnect) clearTimeout(this.reconnect);
    if (this.factsTimer) clearTimeout(this.factsTimer);
  }

  private teardown(): void {
    if (this.heartbeat) clearInterval(this.heartbeat);
    this.heartbeat = null;
    const stream = this.stream;
    this.stream = null;
    stream?.removeAllListeners?.();
    stream?.on?.('error', () => {});
    stream?.destroy?.();
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const generation = ++this.generation;
    let engine: HostEngine | undefined;
    try {
      engine = await hostEngine(this.deps, this.hostId);
      const ready = engine;
      const { facts, stream } = await withDeadline(async (signal) => {
        const api = ready.api(signal);
        await pingEngine(api);
        const facts = await readEngineFacts(api);
        const stream: EventStream = await api.events();
        return { facts, stream };
      }, this.deps.timing.connectTimeoutMs);
      if (generation !== this.generation) {
        stream.destroy?.();
        return;
      }
      this.engine = ready;
      this.follow(stream, generation);
      this.attempt = 0;
      this.startHeartbeat(ready, generation);
      await this.markUp(facts);
    } catch (error) {
      if (generation === this.generation) await this.fail(error, engine);
    }
  }

  private follow(stream: EventStream, generation: number): void {
    this.stream = stream;
    const decoder = new EventLineDecoder();
    stream.on('data', (chunk: Buffer) => {
      for (const event of decoder.push(chunk)) {
        this.deps.onUpdate({ kind: 'event', hostId: this.hostId, event });
        const parts = factsAffectedBy(event);
        if (parts.length) {
          for (const part of parts) this.pendingParts.add(part);
          this.scheduleFacts();
        }
      }
    });
    const closed = () => {
      if (generation === this.generation && !this.stopped) void this.fail(new StreamClosed());
    };
    stream.on('end', closed);
    stream.on('close', closed);
    stream.on('error', closed);
  }

  private startHeartbeat(engine: HostEngine, generation: number): void {
    let busy = false;
    this.heartbeat = setInterval(() => {
      if (busy) return;
      busy = true;
      withDeadline((signal) => pingEngine(engine.api(signal)), this.deps.timing.pingTimeoutMs)
        .catch((error: unknown) => {
          if (generation === this.generation) return this.fail(error, engine);
        })
        .finally(() => {
          busy = false;
        });
    }, this.deps.timing.heartbeatMs);
    this.heartbeat.unref();
  }

  private scheduleFacts(): void {
    if (this.factsTimer || this.factsRunning) return;
    this.factsTimer = setTimeout(() => {
      this.factsTimer = null;
      void this.refreshFacts();
    }, this.deps.timing.factsDebounceMs);
  }

  private async refreshFacts(): Promise<void> {
    const previous = this.facts;
    const parts = new Set(this.pendingParts);
    this.pendingParts.clear();
    if (!previous || parts.size === 0) return;
    this.factsRunning = true;
    const generation = this.generation;
    try {
      const engine = await hostEngine(this.deps, this.hostId);
      const update = await withDeadline((signal) => readFactsUpdate(engine.api(signal), parts), this.deps.timing.connectTimeoutMs);
      // Kept before comparing: a manager mid-election would otherwise differ (no cluster id) at each event.
      const facts = keepSwarmIdentity(previous, updateFacts(previous, update));
      if (generation === this.generation && !this.stopped && JSON.stringify(facts) !== JSON.stringify(previous)) await this.markUp(facts);
    } catch {
      // The heartbeat or the stream notices a dead engine; a failed refresh alone proves nothing.
    } finally {
      this.factsRunning = false;
      if (this.pendingParts.size) this.scheduleFacts();
    }
  }

  private async fail(error: unknown, failedEngine?: HostEngine): Promise<void> {
    this.generation++;
    const where = (failedEngine ?? this.engine)?.where ?? null;
    this.engine = null;
    this.teardown();
    // A fresh client next time: TLS sessions or an SSH connection may be stale.
    this.deps.engines.forget(this.hostId);
    // Stored as a message (its key and values), said in each reader's language when read.
    const reason = storedSaying(
      error instanceof StreamClosed
        ? where ? msg('hostText.status.streamClosedAt', { address: where.address }) : msg('hostText.status.streamClosed')
        : failureSaid(error, where),
    );
    await this.markUnreachable(reason);
    if (this.stopped) return;
    const delay = backoffDelay(this.attempt++, { baseMs: this.deps.timing.backoffBaseMs, capMs: this.deps.timing.backoffCapMs });
    if (this.reconnect) clearTimeout(this.reconnect);
    this.reconnect = setTimeout(() => void this.connect(), delay);
    this.reconnect.unref();
  }

  private async markUp(read: EngineFacts): Promise<void> {
    // A manager read mid-election (or without quorum) stays its swarm's manager.
    const facts = keepSwarmIdentity(this.facts, read);
    this.facts = facts;
    const previous = this.status.status;
    const changed = previous !== 'up';
    const now = new Date();
    if (changed) this.status = { status: 'up', reason: null, since: now };
    await this.save({
      facts: facts as unknown as Prisma.InputJsonValue,
      factsAt: now,
      ...(changed ? { status: 'up', statusReason: null, statusSince: now } : {}),
    });
    if (changed) this.emitStatus(previous);
    this.deps.onUpdate({ kind: 'facts', hostId: this.hostId, facts });
  }

  private async markUnreachable(reason: string): Promise<void> {
    const previous = this.status.status;
    const changed = previous !== 'unreachable';
    if (!changed && this.status.reason === reason) return;
    this.status = { status: 'unreachable', reason, since: changed ? new Date() : this.status.since };
    await this.save({ status: 'unreachable', statusReason: reason, statusSince: this.status.since });
    this.emitStatus(previous);
  }

  private emitStatus(previous: HostStatus): void {
    this.deps.onUpdate({ kind: 'status', hostId: this.hostId, status: this.status.status, previous, reason: this.status.reason, since: this.status.since.toISOString() });
  }

  private async save(data: Prisma.HostUpdateManyMutationInput): Promise<void> {
    // updateMany: the host may have been removed meanwhile, which is not an error here.
    await this.deps.db.host.updateMany({ where: { id: this.hostId }, data }).catch((error) => {
      log('inventory').error({ err: error }, `could not save the state of host ${this.hostId}`);
    });
  }
}
