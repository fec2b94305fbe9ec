// Input shapes for inbound webhooks: the service or stack a page manages them on, and the JSON body
// a webhook call may carry (a service: a new image tag; a stack: new values of variables its latest
// revision already has). An empty body redeploys as things are.
import { z } from 'zod';
import { issueText } from '@/lib/i18n/message.ts';
import { IMAGE_TAG } from '@/lib/models/webhooks/webhooks.ts';
import { deployStackSchema } from './stacks.ts';

export { serviceRefSchema as serviceWebhookSchema } from './services.ts';
export { stackRefSchema as stackWebhookSchema } from './stacks.ts';

export const webhookCallSchema = z.strictObject({
  tag: z.string().regex(IMAGE_TAG, issueText('webhooks.errors.tagRule')).optional(),
  variables: deployStackSchema.shape.variables.unwrap().unwrap().optional(),
});
export type WebhookCall = z.infer<typeof webhookCallSchema>;
