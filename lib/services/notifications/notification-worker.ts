// The delivery worker: sends the notification outbox (NotificationDelivery rows). A due row is
// claimed by moving its next attempt past a lease (so two consoles on one database never send it
// twice at once, and a console that died mid-send leaves it to be tried again), sent with a
// timeout, then marked delivered, or given another attempt after a backoff (the audit forwarder's),
// or marked failed after the last attempt. Owned by the runtime: started with the console.
import 'server-only';
import { isDatabaseUnavailable } from '@/lib/database-unavailable.ts';
import type { NotificationEvent } from '@/lib/models/notifications/notifications.ts';
import type { ServiceDeps } from '../deps.ts';
import { DEFAULT_BACKOFF, retryDelayMs, type Backoff } from '../audit/forwarding/retry-backoff.ts';
import { openChannel, type OpenedChannel } from './channel-rows.ts';
import { sendNotification } from './send-notification.ts';
import { log } from '@/lib/observability/logger.ts';

type Deps = Pick<ServiceDeps, 'db' | 'keyring'>;

export type NotificationWorkerOptions = {
  /** How often the outbox is looked at. */
  pollMs?: number;
  /** Attempts before a delivery is marked failed. */
  maxAttempts?: number;
  backoff?: Backoff;
  timeoutMs?: number;
  /** Rows sent per round. */
  batch?: number;
};

export const NOTIFICATION_ATTEMPTS = 5;
const LEASE_MS = 60_000;
/** How long sent and failed deliveries stay in the log. */
export const KEEP_DAYS = 30;

export class NotificationWorker {
  private readonly pollMs: number;
  private readonly maxAttempts: number;
  private readonly backoff: Backoff;
  private readonly timeoutMs: number | undefined;
  private readonly batch: number;
  private readonly abort = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private started = false;
  private prunedAt = 0;

  constructor(
    private readonly deps: Deps,
    options: NotificationWorkerOptions = {},
  ) {
    this.pollMs = options.pollMs ?? 2_000;
    this.maxAttempts = options.maxAttempts ?? NOTIFICATION_ATTEMPTS;
    this.backoff = options.backoff ?? { baseMs: 5_000, maxMs: DEFAULT_BACKOFF.maxMs };
    this.timeoutMs = options.timeoutMs;
    this.batch = options.batch ?? 20;
  }

  start(): void {
    if (this.started || this.abort.signal.aborted) return;
    this.started = true;
    this.schedule(0);
  }

  async stop(): Promise<void> {
    this.abort.abort(new Error('The console is stopping.'));
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running?.catch(() => {});
  }

  private schedule(ms: number): void {
    if (this.abort.signal.aborted) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.round()
        .then(() => undefined)
        .catch((error: unknown) => {
          if (isDatabaseUnavailable(error)) log('notifications').warn('waiting for the database to answer again');
          else log('notifications').error({ err: error }, 'a delivery round failed');
        })
        .finally(() => {
          this.running = null;
          this.schedule(this.pollMs);
        });
    }, ms);
    this.timer.unref();
  }

  /** Delivered and failed rows older than KEEP_DAYS leave the log (once an hour at most). */
  private async prune(): Promise<void> {
    if (Date.now() - this.prunedAt < 3_600_000) return;
    this.prunedAt = Date.now();
    await this.deps.db.notificationDelivery.deleteMany({ where: { status: { in: ['delivered', 'failed'] }, updatedAt: { lt: new Date(Date.now() - KEEP_DAYS * 86_400_000) } } });
  }

  /** Sends what is due now, until nothing is; answers how many were attempted (tests call it directly). */
  async round(): Promise<number> {
    await this.prune();
    let attempted = 0;
    for (;;) {
      if (this.abort.signal.aborted) return attempted;
      const due = await this.deps.db.notificationDelivery.findMany({
        where: { status: 'pending', nextAttemptAt: { lte: new Date() } },
        orderBy: { nextAttemptAt: 'asc' },
        take: this.batch,
        select: { id: true, nextAttemptAt: true },
      });
      if (due.length === 0) return attempted;
      await Promise.all(due.map(async (row) => (await this.attempt(row.id, row.nextAttemptAt)) && attempted++));
    }
  }

  /** Claims the row (unless another round or console did), sends it, and records the outcome. */
  private async attempt(id: string, seen: Date): Promise<boolean> {
    const { db, keyring } = this.deps;
    const claimed = await db.notificationDelivery.updateMany({
      where: { id, status: 'pending', nextAttemptAt: seen },
      data: { nextAttemptAt: new Date(Date.now() + LEASE_MS), attempts: { increment: 1 } },
    });
    if (claimed.count === 0) return false;
    const row = await db.notificationDelivery.findUnique({ where: { id }, include: { channel: true } });
    if (!row) return false;
    let channel: OpenedChannel;
    try {
      channel = openChannel(keyring, row.channel);
    } catch {
      // Sealed with a key this console no longer holds: no attempt can succeed.
      await db.notificationDelivery.updateMany({ where: { id }, data: { status: 'failed', lastAnswer: "The channel's URL or secret cannot be opened with this console's keys: save the channel again." } });
      return true;
    }
    const verdict = await sendNotification(channel, row.payload as unknown as NotificationEvent, { timeoutMs: this.timeoutMs, signal: this.abort.signal });
    if (this.abort.signal.aborted && !verdict.delivered) return true; // tried again after the restart
    const last = row.attempts >= this.maxAttempts;
    await db.notificationDelivery.updateMany({
      where: { id },
      data: verdict.delivered
        ? { status: 'delivered', lastAnswer: verdict.answer }
        : last
          ? { status: 'failed', lastAnswer: `${verdict.answer} (gave up after ${row.attempts} attempts)` }
          : { lastAnswer: verdict.answer, nextAttemptAt: new Date(Date.now() + retryDelayMs(row.attempts, this.backoff)) },
    });
    return true;
  }
}
