// The owner of host watchers: one per registered host, started and stopped as hosts are added,
// changed and removed. Created once by the runtime.
import 'server-only';
import type { Db } from '@/lib/db/client.ts';
import type { ChangeFeed } from '@/lib/events/change-feed.ts';
import type { EngineClients } from '@/lib/services/engine/engine-clients.ts';
import type { HostStatus } from '@/lib/services/hosts/host-view.ts';
import { DEFAULT_TIMING, HostWatcher, type InventoryUpdate, type WatcherTiming } from './host-watcher.ts';
import { log } from '@/lib/observability/logger.ts';

export type InventoryDeps = { db: Db; engines: EngineClients; changes: ChangeFeed; timing?: Partial<WatcherTiming> };

export class Inventory {
  private readonly watchers = new Map<string, HostWatcher>();
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
      if (change.type === 'host.added' || change.type === 'host.updated' || change.type === 'host.engine-changed') void this.watch(change.hostId);
      if (change.type === 'host.removed') this.unwatch(change.hostId);
    });
    const hosts = await this.deps.db.host.findMany({ select: { id: true } });
    await Promise.all(hosts.map((h) => this.watch(h.id)));
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
  }

  unwatch(hostId: string): void {
    this.watchers.get(hostId)?.stop();
    this.watchers.delete(hostId);
  }

  watching(): string[] {
    return [...this.watchers.keys()];
  }

  stop(): void {
    this.unsubscribe?.();
    for (const watcher of this.watchers.values()) watcher.stop();
    this.watchers.clear();
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
