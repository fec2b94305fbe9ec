// Raising an event: one outbox row (NotificationDelivery) per channel whose rules take it, written
// where the event happens, and a job on the outbox's queue for each (notification-queue.ts), which
// any replica's worker takes and sends. Raising never fails or slows the
// operation that raised it: callers do not await it, and any error is logged and dropped.
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { ruleCovers, type NotificationEvent } from '@/lib/models/notifications/notifications.ts';
import type { ServiceDeps } from '../deps.ts';
import { log } from '@/lib/observability/logger.ts';

/**
 * `notices` is the outbox's queue: the runtime and the test deps carry it, and services pass their
 * deps on whole, so it arrives here even through a narrower type. Raised without it, the rows are
 * sent by the led sweep (within NOTIFICATION_SWEEP_MS).
 */
type Deps = Pick<ServiceDeps, 'db'> & Partial<Pick<ServiceDeps, 'notices'>>;

/** The scope with the names people read (a host's and a swarm's), filled in from their ids. */
async function named(deps: Deps, event: NotificationEvent): Promise<NotificationEvent> {
  const scope = { ...event.scope };
  if (scope.hostId && !scope.hostName) scope.hostName = (await deps.db.host.findUnique({ where: { id: scope.hostId }, select: { name: true } }))?.name;
  if (scope.swarmId && !scope.swarmName) scope.swarmName = (await deps.db.swarm.findUnique({ where: { id: scope.swarmId }, select: { name: true } }))?.name;
  return { ...event, scope: Object.fromEntries(Object.entries(scope).filter(([, v]) => v !== undefined)) };
}

/**
 * Writes the deliveries of `event`: one per channel with a rule that takes it. With `dedupeKey`, a
 * channel is given the event once (the audit chain broken at the same entry, a node seen down by
 * every manager). Answers how many deliveries were written.
 */
export async function raiseNotification(deps: Deps, event: NotificationEvent, options: { dedupeKey?: string } = {}): Promise<number> {
  const rules = await deps.db.notificationRule.findMany({ where: { events: { has: event.event } }, select: { channelId: true, hostId: true, swarmId: true, stackName: true } });
  const channels = [...new Set(rules.filter((rule) => ruleCovers(rule, event.scope)).map((rule) => rule.channelId))];
  if (channels.length === 0) return 0;
  const payload = (await named(deps, event)) as unknown as Prisma.InputJsonValue;
  const written = await deps.db.notificationDelivery.createManyAndReturn({
    data: channels.map((channelId) => ({ channelId, event: event.event, payload, dedupeKey: options.dedupeKey ?? null })),
    skipDuplicates: true,
    select: { id: true },
  });
  // The rows are written: a send lost here (the database gone meanwhile) is made up by the sweep.
  await deps.notices?.enqueue(written.map((row) => row.id)).catch((error: unknown) => log('notifications').warn({ err: error }, 'a delivery could not be sent to the job queue; the sweep will'));
  return written.length;
}

/** Raises `event` without waiting: whatever happens, the caller goes on. */
export function notify(deps: Deps, event: NotificationEvent, options: { dedupeKey?: string } = {}): void {
  void raiseNotification(deps, event, options).catch((error: unknown) => log('notifications').error({ err: error }, `could not raise ${event.event}`));
}
