// What the Notifications page shows: the channels (no URL beyond its hint, no secret), their rules
// with the names of what they are narrowed to, and the newest deliveries (the delivery log).
import 'server-only';
import { isNotificationEvent, type DeliveryStatus, type DeliveryView, type NotificationEvent, type NotificationsView, type RuleView } from '@/lib/models/notifications/notifications.ts';
import type { ServiceDeps } from '../deps.ts';
import { toChannelView } from './channel-rows.ts';

const LOG_ROWS = 200;

export async function listNotifications(deps: Pick<ServiceDeps, 'db'>): Promise<NotificationsView> {
  const { db } = deps;
  const [channels, rules, deliveries] = await Promise.all([
    db.notificationChannel.findMany({ orderBy: { name: 'asc' } }),
    db.notificationRule.findMany({ orderBy: { createdAt: 'asc' } }),
    db.notificationDelivery.findMany({ orderBy: [{ createdAt: 'desc' }, { id: 'desc' }], take: LOG_ROWS }),
  ]);
  const hostIds = [...new Set(rules.flatMap((r) => (r.hostId ? [r.hostId] : [])))];
  const swarmIds = [...new Set(rules.flatMap((r) => (r.swarmId ? [r.swarmId] : [])))];
  const [hosts, swarms] = await Promise.all([
    hostIds.length ? db.host.findMany({ where: { id: { in: hostIds } }, select: { id: true, name: true } }) : [],
    swarmIds.length ? db.swarm.findMany({ where: { id: { in: swarmIds } }, select: { id: true, name: true } }) : [],
  ]);
  const hostName = new Map(hosts.map((h) => [h.id, h.name]));
  const swarmName = new Map(swarms.map((s) => [s.id, s.name]));
  const ruleViews: RuleView[] = rules.map((r) => ({
    id: r.id,
    channelId: r.channelId,
    events: r.events.filter(isNotificationEvent),
    hostId: r.hostId,
    swarmId: r.swarmId,
    stackName: r.stackName,
    scopeName: r.hostId ? (hostName.get(r.hostId) ?? r.hostId) : r.swarmId ? `${swarmName.get(r.swarmId) ?? r.swarmId}${r.stackName ? ` / ${r.stackName}` : ''}` : null,
  }));
  const deliveryViews: DeliveryView[] = deliveries.map((d) => {
    const payload = d.payload as Partial<NotificationEvent> | null;
    return {
      id: d.id,
      channelId: d.channelId,
      event: isNotificationEvent(d.event) ? d.event : 'deploy.finished',
      title: typeof payload?.title === 'string' ? payload.title : d.event,
      test: payload?.test === true,
      status: (['pending', 'delivered', 'failed'].includes(d.status) ? d.status : 'pending') as DeliveryStatus,
      attempts: d.attempts,
      lastAnswer: d.lastAnswer,
      createdAt: d.createdAt.toISOString(),
      updatedAt: d.updatedAt.toISOString(),
      nextAttemptAt: d.status === 'pending' ? d.nextAttemptAt.toISOString() : null,
    };
  });
  return { channels: channels.map(toChannelView), rules: ruleViews, deliveries: deliveryViews };
}

export type ScopeChoices = { hosts: { id: string; name: string }[]; swarms: { id: string; name: string }[] };

/** The hosts and swarms a rule may be narrowed to. */
export async function listScopeChoices(deps: Pick<ServiceDeps, 'db'>): Promise<ScopeChoices> {
  const [hosts, swarms] = await Promise.all([
    deps.db.host.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
    deps.db.swarm.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } }),
  ]);
  return { hosts, swarms };
}
