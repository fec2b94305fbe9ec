'use server';
// Server actions for inbound webhooks: make (or regenerate) and delete the webhook of a service
// (service.manage on it) or of a stack (stack.deploy on it). Thin wrappers over lib/services/webhooks.
import type { Actor } from '@/lib/auth/actor.ts';
import { serviceWebhookSchema, stackWebhookSchema } from '@/lib/schemas/webhooks.ts';
import { onService, onStack as locatedStack } from '@/lib/services/access/locate-target.ts';
import { createWebhook, deleteWebhook } from '@/lib/services/webhooks/manage-webhooks.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { authedAction } from './action-client.ts';

const onOneService = (input: { swarmId: string; serviceId: string }, actor: Actor) => onService(getRuntime(), actor, ['service.manage'], input);
/** On the stack as located (with its owner). */
const onStack = (input: { swarmId: string; stackName: string }, actor: Actor) => locatedStack(getRuntime(), actor, 'stack.deploy', input);

export const createServiceWebhookAction = authedAction('webhook.create.service', serviceWebhookSchema, onOneService, ({ rt, actor, input }) => createWebhook(rt, actor, { kind: 'service', ...input }));
export const deleteServiceWebhookAction = authedAction('webhook.delete.service', serviceWebhookSchema, onOneService, ({ rt, actor, input }) => deleteWebhook(rt, actor, { kind: 'service', ...input }));
export const createStackWebhookAction = authedAction('webhook.create.stack', stackWebhookSchema, onStack, ({ rt, actor, input }) => createWebhook(rt, actor, { kind: 'stack', ...input }));
export const deleteStackWebhookAction = authedAction('webhook.delete.stack', stackWebhookSchema, onStack, ({ rt, actor, input }) => deleteWebhook(rt, actor, { kind: 'stack', ...input }));
