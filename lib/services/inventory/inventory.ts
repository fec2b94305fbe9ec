// The owner of host watchers: one per registered host, started and stopped as hosts are added,
// changed and removed. Created once by the runtime. With replicas sharing one database, each host
// is watched by the one replica leading its role `host:<id>` (an advisory lock per host, see
// lib/runtime/leadership.ts): hosts spread over the replicas as they start, and a host whose
// replica dies is taken over by another within seconds, one host at a time.
import 'server-only';
import type { Db } from '@/lib/db/client.ts';
import type { ChangeFeed } from '@/lib/events/change-feed.ts';
import type { EngineClients } from '@/lib/services/engine/engine-clients.ts';
import type { HostStatus } from '@/lib/services/hosts/host-view.ts';
import { DEFAULT_TIMING, HostWatcher, type InventoryUpdate, type WatcherTiming } from './host-watcher.ts';
import { log } from '@/lib/observability/logger.ts';

/** Who watches which host among replicas (lib/runtime/leadership.ts): a role per host. */
export type HostLeadership = {
  lead(name: string, role: { start(): void | Promise<void>; stop(): void | Promise<void> }): void;
  resign(name: string): Promise<void>;
  holds(name: string): boolean;
};

/** What else runs for a host while this replica watches it (the history sampler), started and stopped with its watcher. */
export type HostCompanion = { start(): void; stop(): void };

/** `leadership`: watch only the hosts this replica leads; without it, every host (one console).
 * `companions`: made for each host watched here, so they run on exactly one replica too. */
export type InventoryDeps = { db: Db; engines: EngineClients; changes: ChangeFeed; timing?: Partial<WatcherTiming>; leadership?: HostLeadership; companions?: (hostId: string) => HostCompanion[] };

export const hostRole = (hostId: string) => `host:${hostId}`;

export class Inventory {
  private readonly watchers = new Map<string, HostWatcher>();
  private readonly companions = new Map<string, HostCompanion[]>();
  private readonly listeners = new Set<(update: InventoryUpdate) => void>();
  private unsubscribe: (() => void) | null = null;
  private readonly timing: WatcherTiming;

  constructor(private readonly deps: InventoryDeps) {
    this.timing = { ...DEFAULT_TIMING, ...deps.timing };
  }

  onUpdate(listener: (update: InventoryUpdate) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async start(): Promise<void> {
    this.unsubscribe = this.deps.changes.subscribe((change) => {
      if (change.type === 'host.added' || change.type === 'host.updated' || change.type === 'host.engine-changed') void this.follow(change.hostId, change.type !== 'host.added');
      if (change.type === 'host.removed') void this.forget(change.hostId);
    });
    await this.reconcile();
  }

  /** Follows every stored host and forgets the others: at start, and after missed changes (the relay reconnected). */
  async reconcile(): Promise<void> {
    const hosts = await this.deps.db.host.findMany({ select: { id: true } });
    const present = new Set(hosts.map((h) => h.id));
    for (const hostId of this.followed) if (!present.has(hostId)) await this.forget(hostId);
    await Promise.all(hosts.map((h) => this.follow(h.id, false)));
  }

  private readonly followed = new Set<string>();

  /** Watches a host here (or asks for its role); `restart`: its stored state changed, so a watcher here starts again. */
  private async follow(hostId: string, restart: boolean): Promise<void> {
    const { leadership } = this.deps;
    const known = this.followed.has(hostId);
    this.followed.add(hostId);
    if (!leadership) {
      if (restart || !known || !this.watchers.has(hostId)) await this.watch(hostId);
      return;
    }
    const role = hostRole(hostId);
    if (!known) leadership.lead(role, { start: () => this.watch(hostId), stop: () => this.unwatch(hostId) });
    else if (restart && leadership.holds(role)) await this.watch(hostId);
  }

  private async forget(hostId: string): Promise<void> {
    this.followed.delete(hostId);
    this.unwatch(hostId);
    await this.deps.leadership?.resign(hostRole(hostId));
  }

  /** Starts (or restarts) watching a host from its stored state. */
  async watch(hostId: string): Promise<void> {
    this.unwatch(hostId);
    const host = await this.deps.db.host.findUnique({ where: { id: hostId }, select: { status: true, statusReason: true, statusSince: true } });
    if (!host || this.watchers.has(hostId)) return;
    const watcher = new HostWatcher(
      hostId,
      { status: host.status as HostStatus, reason: host.statusReason, since: host.statusSince },
      { db: this.deps.db, engines: this.deps.engines, timing: this.timing, onUpdate: (u) => this.emit(u) },
    );
    this.watchers.set(hostId, watcher);
    watcher.start();
    const companions = this.deps.companions?.(hostId) ?? [];
    this.companions.set(hostId, companions);
    for (const companion of companions) companion.start();
  }

  unwatch(hostId: string): void {
    this.watchers.get(hostId)?.stop();
    this.watchers.delete(hostId);
    for (const companion of this.companions.get(hostId) ?? []) companion.stop();
    this.companions.delete(hostId);
  }

  watching(): string[] {
    return [...this.watchers.keys()];
  }

  stop(): void {
    this.unsubscribe?.();
    for (const hostId of this.followed) void this.deps.leadership?.resign(hostRole(hostId));
    this.followed.clear();
    for (const watcher of this.watchers.values()) watcher.stop();
    this.watchers.clear();
    for (const companion of [...this.companions.values()].flat()) companion.stop();
    this.companions.clear();
  }

  private emit(update: InventoryUpdate): void {
    for (const listener of this.listeners) {
      try {
        listener(update);
      } catch (error) {
        log('inventory').error({ err: error }, 'a listener failed');
      }
    }
  }
}
