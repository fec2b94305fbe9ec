// The owner of live engine clients, one per host, created on first use and dropped when the
// host changes or goes away. Created once by the runtime; nothing else caches clients.
import 'server-only';
import type { Db } from '@/lib/db/client.ts';
import type { Keyring } from '@/lib/crypto/secret-box.ts';
import type { ChangeFeed } from '@/lib/events/change-feed.ts';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { specOfHost } from '@/lib/services/hosts/host-connection.ts';
import type { ConnectionSpec } from '../../models/hosts/connection-spec.ts';
import { createEngineClient, type EngineClient } from './create-engine-client.ts';
import type { EngineCallObserver } from './observe-engine-calls.ts';

export type HostClient = EngineClient & { spec: ConnectionSpec; hostName: string };

export class EngineClients {
  private readonly clients = new Map<string, HostClient>();
  private readonly unsubscribe: () => void;

  /** Told of every engine call made through hostEngine() (the console's metrics). */
  readonly observer: EngineCallObserver | undefined;

  constructor(private readonly deps: { db: Db; keyring: Keyring; changes: ChangeFeed; observer?: EngineCallObserver }) {
    this.observer = deps.observer;
    this.unsubscribe = deps.changes.subscribe((change) => {
      if (change.type === 'host.updated' || change.type === 'host.removed') this.forget(change.hostId);
    });
  }

  async get(hostId: string): Promise<HostClient> {
    const cached = this.clients.get(hostId);
    if (cached) return cached;
    const host = await this.deps.db.host.findUnique({ where: { id: hostId } });
    if (!host) throw new AppError('NOT_FOUND', msg('engineText.hostGone'));
    const spec = specOfHost(this.deps.keyring, host);
    const client: HostClient = { ...createEngineClient(spec), spec, hostName: host.name };
    // Another caller may have raced us here; keep the first client.
    const winner = this.clients.get(hostId);
    if (winner) {
      client.close();
      return winner;
    }
    this.clients.set(hostId, client);
    return client;
  }

  forget(hostId: string): void {
    this.clients.get(hostId)?.close();
    this.clients.delete(hostId);
  }

  close(): void {
    this.unsubscribe();
    for (const client of this.clients.values()) client.close();
    this.clients.clear();
  }
}
