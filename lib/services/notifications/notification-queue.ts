// The notification outbox (NotificationDelivery rows) sent through the console's job queue
// (lib/jobs/job-queue.ts): raising an event writes its rows and sends one `notification-send` job
// per row (raise-notification.ts); any replica's worker takes it and claims the row by moving its
// next attempt past a lease (so two replicas never send it at once, and one that died mid-send
// leaves it to be tried again), sends it with a timeout, then marks it delivered, or gives it
// another attempt after a backoff (the audit forwarder's) as a job that starts then, or marks it
// failed after the last attempt. The sweep (run by the replica leading `notifications.sweep`)
// sends a job for each due pending row that has none (rows raised before a restart, a send lost
// while the database was away, a lease run out) and removes old rows.
//
// Towards the endpoint a delivery is sent once, unless a replica dies after sending and before
// recording it: the row is then sent again when its lease runs out (at least once).
import 'server-only';
import type { JobQueue } from '@/lib/jobs/job-queue.ts';
import type { NotificationEvent } from '@/lib/models/notifications/notifications.ts';
import type { ServiceDeps } from '../deps.ts';
import { DEFAULT_BACKOFF, retryDelayMs, type Backoff } from '../audit/forwarding/retry-backoff.ts';
import { openChannel, type OpenedChannel } from './channel-rows.ts';
import { sendNotification } from './send-notification.ts';

type Deps = Pick<ServiceDeps, 'db' | 'keyring'>;

export const NOTIFICATION_QUEUE = 'notification-send';

export type NotificationSendOptions = {
  /** Attempts before a delivery is marked failed. */
  maxAttempts?: number;
  backoff?: Backoff;
  timeoutMs?: number;
};

export const NOTIFICATION_ATTEMPTS = 5;
export const NOTIFICATION_BACKOFF: Backoff = { baseMs: 5_000, maxMs: DEFAULT_BACKOFF.maxMs };
const LEASE_MS = 60_000;
/** How long sent and failed deliveries stay in the log. */
export const KEEP_DAYS = 30;
/** How often the led sweep looks for due rows without a job. */
export const NOTIFICATION_SWEEP_MS = 15_000;

export type NotificationQueue = {
  /** Sends a job for each delivery (its row written), to be taken at `startAfter` (now when not given). */
  enqueue(deliveryIds: string[], startAfter?: Date): Promise<void>;
  /** Sends a job for each due pending row that has none; answers how many were sent. */
  sweep(): Promise<number>;
};

/** Defines the outbox's queue on `jobs`: a job is a delivery's id, taken by claiming and sending its row. */
export function defineNotificationQueue(deps: Deps, jobs: JobQueue, options: NotificationSendOptions = {}): NotificationQueue {
  const settings = { maxAttempts: options.maxAttempts ?? NOTIFICATION_ATTEMPTS, backoff: options.backoff ?? NOTIFICATION_BACKOFF, timeoutMs: options.timeoutMs };
  const enqueue = async (deliveryIds: string[], startAfter?: Date) => {
    for (const deliveryId of deliveryIds) await jobs.send(NOTIFICATION_QUEUE, { deliveryId }, { singletonKey: deliveryId, startAfter });
  };
  // `short`: one waiting job per delivery, so the sweep and a retry never pile jobs up for one row.
  jobs.define<{ deliveryId: string }>(
    NOTIFICATION_QUEUE,
    async ({ deliveryId }) => {
      const retryAt = await attemptDelivery(deps, deliveryId, settings);
      if (retryAt) await enqueue([deliveryId], retryAt);
    },
    { policy: 'short', batchSize: 8 },
  );
  return {
    enqueue,
    async sweep() {
      await pruneDeliveries(deps);
      const due = await deps.db.notificationDelivery.findMany({ where: { status: 'pending', nextAttemptAt: { lte: new Date() } }, orderBy: { nextAttemptAt: 'asc' }, take: 500, select: { id: true } });
      if (due.length === 0) return 0;
      const waiting = await jobs.keysWaiting(NOTIFICATION_QUEUE);
      const missing = due.map((row) => row.id).filter((id) => !waiting.has(id));
      await enqueue(missing);
      return missing.length;
    },
  };
}

let prunedAt = 0;
/** Delivered and failed rows older than KEEP_DAYS leave the log (once an hour at most). */
async function pruneDeliveries(deps: Pick<Deps, 'db'>): Promise<void> {
  if (Date.now() - prunedAt < 3_600_000) return;
  prunedAt = Date.now();
  await deps.db.notificationDelivery.deleteMany({ where: { status: { in: ['delivered', 'failed'] }, updatedAt: { lt: new Date(Date.now() - KEEP_DAYS * 86_400_000) } } });
}

/**
 * Claims the delivery (unless it is not due, or another replica did), sends it, and records the
 * outcome. Answers when to try again (a failed attempt before the last), otherwise null.
 */
export async function attemptDelivery(deps: Deps, id: string, settings: { maxAttempts: number; backoff: Backoff; timeoutMs?: number }): Promise<Date | null> {
  const { db, keyring } = deps;
  const due = await db.notificationDelivery.findFirst({ where: { id, status: 'pending', nextAttemptAt: { lte: new Date() } }, select: { nextAttemptAt: true } });
  if (!due) return null;
  const claimed = await db.notificationDelivery.updateMany({
    where: { id, status: 'pending', nextAttemptAt: due.nextAttemptAt },
    data: { nextAttemptAt: new Date(Date.now() + LEASE_MS), attempts: { increment: 1 } },
  });
  if (claimed.count === 0) return null;
  const row = await db.notificationDelivery.findUnique({ where: { id }, include: { channel: true } });
  if (!row) return null;
  let channel: OpenedChannel;
  try {
    channel = openChannel(keyring, row.channel);
  } catch {
    // Sealed with a key this console no longer holds: no attempt can succeed.
    await db.notificationDelivery.updateMany({ where: { id }, data: { status: 'failed', lastAnswer: "The channel's URL or secret cannot be opened with this console's keys: save the channel again." } });
    return null;
  }
  const verdict = await sendNotification(channel, row.payload as unknown as NotificationEvent, { timeoutMs: settings.timeoutMs });
  const last = row.attempts >= settings.maxAttempts;
  const retryAt = verdict.delivered || last ? null : new Date(Date.now() + retryDelayMs(row.attempts, settings.backoff));
  await db.notificationDelivery.updateMany({
    where: { id },
    data: verdict.delivered
      ? { status: 'delivered', lastAnswer: verdict.answer }
      : retryAt
        ? { lastAnswer: verdict.answer, nextAttemptAt: retryAt }
        : { status: 'failed', lastAnswer: `${verdict.answer} (gave up after ${row.attempts} attempts)` },
  });
  return retryAt;
}
