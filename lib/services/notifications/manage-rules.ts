// Notification rules (notification.manage): which events go to a channel, optionally narrowed to a
// host, a swarm or a stack on a swarm. Added and removed, each audited.
import 'server-only';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { newId } from '@/lib/db/new-id.ts';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import type { RuleInput } from '@/lib/schemas/notifications.ts';
import type { ServiceDeps } from '../deps.ts';
import { readChannel } from './channel-rows.ts';

type Deps = Pick<ServiceDeps, 'db'>;

const describeScope = (rule: Pick<RuleInput, 'hostId' | 'swarmId' | 'stackName'>) =>
  rule.hostId ? `host ${rule.hostId}` : rule.stackName ? `stack ${rule.stackName} on swarm ${rule.swarmId}` : rule.swarmId ? `swarm ${rule.swarmId}` : 'everywhere';

export async function addRule(deps: Deps, actor: Actor, input: RuleInput): Promise<{ id: string }> {
  const channel = await readChannel(deps, input.channelId);
  const id = newId();
  return audited(deps.db, subjectOf(actor), 'notification.rule.create', { type: 'notification-channel', id: channel.id, name: channel.name }, async () => {
    if (input.hostId && !(await deps.db.host.findUnique({ where: { id: input.hostId }, select: { id: true } }))) {
      throw new AppError('NOT_FOUND', msg('notifications.errors.hostNotFound'), { fieldErrors: { hostId: [issueText('notifications.errors.hostNotFound')] } });
    }
    if (input.swarmId && !(await deps.db.swarm.findUnique({ where: { id: input.swarmId }, select: { id: true } }))) {
      throw new AppError('NOT_FOUND', msg('notifications.errors.swarmNotFound'), { fieldErrors: { swarmId: [issueText('notifications.errors.swarmNotFound')] } });
    }
    await deps.db.notificationRule.create({ data: { id, channelId: channel.id, events: input.events, hostId: input.hostId, swarmId: input.swarmId, stackName: input.stackName } });
    return { id };
  }, () => ({ message: `${input.events.join(', ')} (${describeScope(input)})` }));
}

export async function removeRule(deps: Deps, actor: Actor, input: { ruleId: string }): Promise<void> {
  const rule = await deps.db.notificationRule.findUnique({ where: { id: input.ruleId }, include: { channel: { select: { id: true, name: true } } } });
  if (!rule) throw new AppError('NOT_FOUND', msg('notifications.errors.ruleNotFound'));
  await audited(deps.db, subjectOf(actor), 'notification.rule.delete', { type: 'notification-channel', id: rule.channel.id, name: rule.channel.name }, async () => {
    await deps.db.notificationRule.deleteMany({ where: { id: rule.id } });
  }, () => ({ message: `${rule.events.join(', ')} (${describeScope(rule)})` }));
}
