// /api/v1 endpoints for outbound notifications: channels, their rules and the delivery log, each
// the one service call of the Notifications page's route or server action (notification.manage,
// administrators). A channel's URL is answered only as its hint and its secret never (a secret
// Wharf generates is answered once, as on the page).
import 'server-only';
import { z } from 'zod';
import * as out from '@/lib/schemas/api-responses.ts';
import { channelRefSchema, channelSchema, ruleRefSchema, ruleSchema, updateChannelSchema } from '@/lib/schemas/notifications.ts';
import { readChannel, toChannelView } from '@/lib/services/notifications/channel-rows.ts';
import { listNotifications } from '@/lib/services/notifications/list-notifications.ts';
import { createChannel, removeChannel, testChannel, updateChannel } from '@/lib/services/notifications/manage-channels.ts';
import { addRule, removeRule } from '@/lib/services/notifications/manage-rules.ts';
import { endpoint } from './endpoint.ts';

const manage = () => ({ permission: 'notification.manage' as const });
const none = z.object({});
const tag = 'Notifications';

export const NOTIFICATION_ENDPOINTS = [
  endpoint({ method: 'GET', path: '/notifications/channels', operationId: 'listChannels', summary: 'The notification channels (a URL only as its hint, never a secret)', tag, input: none, list: 'door', output: out.channelViewSchema,
    check: manage, run: async ({ deps }) => (await listNotifications(deps)).channels }),
  endpoint({ method: 'POST', path: '/notifications/channels', operationId: 'createChannel', summary: 'Add a channel (its URL and secret are sealed)', tag, input: channelSchema, output: out.savedChannelSchema, status: 201,
    check: manage, run: ({ deps, actor, input }) => createChannel(deps, actor, input) }),
  endpoint({ method: 'GET', path: '/notifications/channels/{channelId}', operationId: 'getChannel', summary: 'One channel', tag, input: channelRefSchema, output: out.channelViewSchema,
    check: manage, run: async ({ deps, input }) => toChannelView(await readChannel(deps, input.channelId)) }),
  endpoint({ method: 'PUT', path: '/notifications/channels/{channelId}', operationId: 'updateChannel', summary: 'Change a channel (an empty URL or secret keeps the saved one)', tag, input: updateChannelSchema, output: out.savedChannelSchema,
    check: manage, run: ({ deps, actor, input }) => updateChannel(deps, actor, input) }),
  endpoint({ method: 'DELETE', path: '/notifications/channels/{channelId}', operationId: 'removeChannel', summary: 'Remove a channel with its rules', tag, input: channelRefSchema, output: out.emptySchema,
    check: manage, run: async ({ deps, actor, input }) => (await removeChannel(deps, actor, input), {}) }),
  endpoint({ method: 'POST', path: '/notifications/channels/{channelId}/test', operationId: 'testChannel', summary: 'Send a test event now; the answer says whether the endpoint took it', tag, input: channelRefSchema, output: out.verdictSchema,
    check: manage, run: ({ deps, actor, input }) => testChannel(deps, actor, input) }),
  endpoint({ method: 'GET', path: '/notifications/rules', operationId: 'listRules', summary: 'The rules: which events go to which channel, for what', tag, input: none, list: 'door', output: out.ruleViewSchema,
    check: manage, run: async ({ deps }) => (await listNotifications(deps)).rules }),
  endpoint({ method: 'POST', path: '/notifications/rules', operationId: 'createRule', summary: 'Send events to a channel, for everything or narrowed to a host, a swarm or a stack', tag, input: z.object({}), body: ruleSchema, output: out.createdSchema, status: 201,
    check: manage, run: ({ deps, actor, input }) => addRule(deps, actor, input) }),
  endpoint({ method: 'DELETE', path: '/notifications/rules/{ruleId}', operationId: 'removeRule', summary: 'Remove a rule', tag, input: ruleRefSchema, output: out.emptySchema,
    check: manage, run: async ({ deps, actor, input }) => (await removeRule(deps, actor, input), {}) }),
  endpoint({ method: 'GET', path: '/notifications/deliveries', operationId: 'listDeliveries', summary: 'The delivery log, newest first (the latest 200)', tag, input: none, list: 'door', output: out.deliverySchema,
    check: manage, run: async ({ deps }) => (await listNotifications(deps)).deliveries }),
];
