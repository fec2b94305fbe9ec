// What the Notifications page and its doors accept: channels (a kind, a URL, an optional signing
// secret, pasted or generated) and rules (events, optionally narrowed to a host, a swarm or a stack).
// Administrators (notification.manage). Where a URL leads is judged by the service, by address.
import { z } from 'zod';
import { issueText } from '@/lib/i18n/message.ts';
import { CHANNEL_KINDS, NOTIFICATION_EVENTS } from '@/lib/models/notifications/notifications.ts';
import { endpointUrlSchema } from './endpoint-url.ts';
import { hostIdSchema, recordId, swarmIdSchema } from './ids.ts';
import { stackNameSchema } from './stacks.ts';

const NO_CONTROL = /^[^\p{Cc}]*$/u;

export const channelNameSchema = z
  .string()
  .trim()
  .min(1, issueText('notifications.errors.name'))
  .max(60, issueText('notifications.errors.atMost', { max: '60' }))
  .regex(NO_CONTROL, issueText('notifications.errors.noControl'));

export const channelUrlSchema = endpointUrlSchema({
  required: issueText('notifications.errors.url'),
  tooLong: issueText('notifications.errors.atMost', { max: '2048' }),
  fullUrl: issueText('notifications.errors.fullUrl'),
  httpUrl: issueText('notifications.errors.httpUrl'),
  noCredentials: issueText('notifications.errors.noCredentials'),
});

const secretSchema = z.string().trim().max(512, issueText('notifications.errors.atMost', { max: '512' })).regex(NO_CONTROL, issueText('notifications.errors.noControl')).optional().default('');

const channelFields = {
  name: channelNameSchema,
  kind: z.enum(CHANNEL_KINDS, { error: issueText('notifications.errors.kind') }),
  /** The signing secret as given (DingTalk's and Feishu's bot setting, or a webhook's own); sealed, never shown again. */
  secret: secretSchema,
  /** Webhooks: Wharf makes a secret and answers it once. */
  generateSecret: z.boolean().optional().default(false),
};

export const channelSchema = z.object({ ...channelFields, url: channelUrlSchema });
export type ChannelInput = z.infer<typeof channelSchema>;

export const channelIdSchema = recordId('a channel id');

/** Editing: an empty URL or secret keeps the saved one (they are never shown); `clearSecret` removes the secret. */
export const updateChannelSchema = z.object({
  ...channelFields,
  channelId: channelIdSchema,
  url: z.union([z.literal(''), channelUrlSchema]).optional().default(''),
  clearSecret: z.boolean().optional().default(false),
});
export type UpdateChannelInput = z.infer<typeof updateChannelSchema>;

export const channelRefSchema = z.object({ channelId: channelIdSchema });

export const RULE_SCOPES = ['global', 'host', 'swarm', 'stack'] as const;

export const ruleSchema = z
  .object({
    channelId: channelIdSchema,
    events: z.array(z.enum(NOTIFICATION_EVENTS)).min(1, issueText('notifications.errors.events')).max(NOTIFICATION_EVENTS.length),
    scope: z.enum(RULE_SCOPES).optional().default('global'),
    hostId: z.union([z.literal(''), hostIdSchema]).optional().default(''),
    swarmId: z.union([z.literal(''), swarmIdSchema]).optional().default(''),
    stackName: z.union([z.literal(''), stackNameSchema]).optional().default(''),
  })
  .superRefine((rule, ctx) => {
    if (rule.scope === 'host' && !rule.hostId) ctx.addIssue({ code: 'custom', path: ['hostId'], message: issueText('notifications.errors.chooseHost') });
    if ((rule.scope === 'swarm' || rule.scope === 'stack') && !rule.swarmId) ctx.addIssue({ code: 'custom', path: ['swarmId'], message: issueText('notifications.errors.chooseSwarm') });
    if (rule.scope === 'stack' && !rule.stackName) ctx.addIssue({ code: 'custom', path: ['stackName'], message: issueText('notifications.errors.stackName') });
  })
  .transform((rule) => ({
    channelId: rule.channelId,
    events: [...new Set(rule.events)],
    hostId: rule.scope === 'host' ? rule.hostId : null,
    swarmId: rule.scope === 'swarm' || rule.scope === 'stack' ? rule.swarmId : null,
    stackName: rule.scope === 'stack' ? rule.stackName : null,
  }));
export type RuleInput = z.infer<typeof ruleSchema>;

export const ruleRefSchema = z.object({ ruleId: recordId('a rule id') });
