// Raising an event: one outbox row (NotificationDelivery) per channel whose rules take it, written
// where the event happens; the delivery worker sends them. Raising never fails or slows the
// operation that raised it: callers do not await it, and any error is logged and dropped.
import 'server-only';
import type { Prisma } from '@/lib/generated/prisma/client.ts';
import { ruleCovers, type NotificationEvent } from '@/lib/models/notifications/notifications.ts';
import type { ServiceDeps } from '../deps.ts';
import { log } from '@/lib/observability/logger.ts';

type Deps = Pick<ServiceDeps, 'db'>;

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
  const written = await deps.db.notificationDelivery.createMany({
    data: channels.map((channelId) => ({ channelId, event: event.event, payload, dedupeKey: options.dedupeKey ?? null })),
    skipDuplicates: true,
  });
  return written.count;
}

/** Raises `event` without waiting: whatever happens, the caller goes on. */
export function notify(deps: Deps, event: NotificationEvent, options: { dedupeKey?: string } = {}): void {
  void raiseNotification(deps, event, options).catch((error: unknown) => log('notifications').error({ err: error }, `could not raise ${event.event}`));
}
