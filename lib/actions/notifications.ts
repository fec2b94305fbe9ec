'use server';
// Server actions for the Notifications page (notification.manage): thin wrappers over
// lib/services/notifications.
import { authedAction } from './action-client.ts';
import { channelRefSchema, channelSchema, ruleRefSchema, ruleSchema, updateChannelSchema } from '@/lib/schemas/notifications.ts';
import { createChannel, removeChannel, testChannel, updateChannel } from '@/lib/services/notifications/manage-channels.ts';
import { addRule, removeRule } from '@/lib/services/notifications/manage-rules.ts';

export const createChannelAction = authedAction('notification.channel.create', channelSchema, 'notification.manage', ({ rt, actor, input }) => createChannel(rt, actor, input));

export const updateChannelAction = authedAction('notification.channel.update', updateChannelSchema, 'notification.manage', ({ rt, actor, input }) => updateChannel(rt, actor, input));

export const removeChannelAction = authedAction('notification.channel.delete', channelRefSchema, 'notification.manage', ({ rt, actor, input }) => removeChannel(rt, actor, input));

export const testChannelAction = authedAction('notification.channel.test', channelRefSchema, 'notification.manage', ({ rt, actor, input }) => testChannel(rt, actor, input));

export const addRuleAction = authedAction('notification.rule.create', ruleSchema, 'notification.manage', ({ rt, actor, input }) => addRule(rt, actor, input));

export const removeRuleAction = authedAction('notification.rule.delete', ruleRefSchema, 'notification.manage', ({ rt, actor, input }) => removeRule(rt, actor, input));
