// Carries the change feed between the console replicas sharing one Postgres: what this replica
// publishes is sent with NOTIFY on `wharf_changes`, and what the others publish arrives by LISTEN
// and is delivered to the subscribers here. Payloads are kinds and ids (lib/events/relayed-change.ts);
// receivers re-read what they need. While the connection is down, changes are missed: after it is
// back, `resync` lets the owner catch up (the inventory reconciles its hosts). Owned by the runtime.
import 'server-only';
import pg from 'pg';
import type { Logger } from '@/lib/observability/logger.ts';
import type { Change, ChangeFeed } from './change-feed.ts';
import { decodeRelayed, encodeRelayed } from './relayed-change.ts';

export const CHANGES_CHANNEL = 'wharf_changes';
const RECONNECT_MS = 2000;

export type ChangeRelayOptions = { databaseUrl: string; replicaId: string; changes: ChangeFeed; log: Logger; resync?: () => void };

export class ChangeRelay {
  private client: pg.Client | null = null;
  private stopped = false;
  private reconnect: NodeJS.Timeout | null = null;
  private detach: (() => void) | null = null;

  constructor(private readonly options: ChangeRelayOptions) {}

  /** Listens before returning, so nothing another replica publishes after start is missed. */
  async start(): Promise<void> {
    this.detach = this.options.changes.relayTo((change) => this.send(change));
    if (!(await this.connect())) this.scheduleReconnect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.detach?.();
    if (this.reconnect) clearTimeout(this.reconnect);
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => {});
  }

  private send(change: Change): void {
    const payload = encodeRelayed(this.options.replicaId, change);
    if (payload === null) {
      this.options.log.error({ change: change.type }, 'a change too big for NOTIFY was not sent to the other replicas');
      return;
    }
    // The pg client queues queries in order: changes reach the others in the order they were published.
    void this.client?.query('SELECT pg_notify($1, $2)', [CHANGES_CHANNEL, payload]).catch((error: unknown) => {
      this.options.log.warn({ err: error, change: change.type }, 'a change could not be sent to the other replicas');
    });
  }

  private async connect(): Promise<boolean> {
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: `wharf-changes:${this.options.replicaId}`, keepAlive: true });
    client.on('notification', (message) => {
      const change = decodeRelayed(message.payload, this.options.replicaId);
      if (change) this.options.changes.deliver(change);
    });
    const lost = () => {
      if (this.client !== client || this.stopped) return;
      this.client = null;
      this.options.log.warn('the change relay lost its connection; reconnecting');
      void client.end().catch(() => {});
      this.scheduleReconnect();
    };
    client.on('error', lost);
    client.on('end', lost);
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
    } catch (error) {
      this.options.log.warn({ err: error }, 'the change relay could not listen; trying again');
      await client.end().catch(() => {});
      return false;
    }
    if (this.stopped) {
      await client.end().catch(() => {});
      return true;
    }
    this.client = client;
    return true;
  }

  private scheduleReconnect(): void {
    if (this.stopped || this.reconnect) return;
    this.reconnect = setTimeout(() => {
      this.reconnect = null;
      void this.connect().then((connected) => {
        if (!connected) this.scheduleReconnect();
        // Changes published while this replica was not listening were missed: catch up.
        else this.options.resync?.();
      });
    }, RECONNECT_MS);
    this.reconnect.unref();
  }
}
