// POST /api/hooks/<secret>: an inbound webhook redeploys its service or stack. The secret is the
// credential; the webhook door (lib/http/webhooks/webhook-door.ts) limits, reads the body, finds
// the webhook by the secret's hash and runs it as its creator. Only POST is answered.
import { serveWebhook } from '@/lib/http/webhooks/webhook-door.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';

export const dynamic = 'force-dynamic';

export async function POST(request: Request, context: { params: Promise<{ secret: string }> }): Promise<Response> {
  return serveWebhook(getRuntime(), request, (await context.params).secret);
}
