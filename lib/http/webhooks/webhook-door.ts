// The door of POST /api/hooks/<secret>: the secret in the path is the only credential (no cookie,
// no token). Calls are limited per client address before anything is looked up, and per webhook
// after; the body is read against its schema; then the webhook is found by the SHA-256 of its
// secret — a wrong secret and a deleted webhook are the same single lookup, answered with the same
// 404 — and run as its creator (lib/services/webhooks/fire-webhook.ts). Answers are JSON like the
// API's; the secret is never logged.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { chooseLocale } from '@/lib/i18n/locales.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { spokenBody } from '@/lib/i18n/render-message.ts';
import { apiError } from '@/lib/http/api/api-door.ts';
import { CLIENT_IP_HEADER } from '@/lib/http/client-address.ts';
import { webhookCallSchema } from '@/lib/schemas/webhooks.ts';
import { parseInput } from '@/lib/schemas/parse-input.ts';
import type { ServiceDeps } from '@/lib/services/deps.ts';
import { findWebhook, runWebhook } from '@/lib/services/webhooks/fire-webhook.ts';
import { RateWindow } from './rate-window.ts';

const MAX_BODY = 64 * 1024;

/** Calls per minute: from one address (any webhook, or none), and to one webhook. */
export type WebhookLimits = { perAddress: RateWindow; perWebhook: RateWindow };
export const WEBHOOK_LIMITS = { perAddressPerMinute: 30, perWebhookPerMinute: 10 } as const;
const newLimits = (): WebhookLimits => ({ perAddress: new RateWindow(WEBHOOK_LIMITS.perAddressPerMinute, 60_000), perWebhook: new RateWindow(WEBHOOK_LIMITS.perWebhookPerMinute, 60_000) });

const LIMITS = Symbol.for('wharf.webhook-limits');
/** The limits of one console (kept on its deps, so each test's console counts on its own). */
export function webhookLimitsOf(deps: object): WebhookLimits {
  const holder = deps as { [LIMITS]?: WebhookLimits };
  return (holder[LIMITS] ??= newLimits());
}

/** The answer for a secret that names no webhook: the same for a wrong secret and a deleted webhook. */
export const WEBHOOK_MISSING = msg('webhooks.errors.missing');

function limited(retryAfterSeconds: number): AppError {
  return Object.assign(new AppError('RATE_LIMITED', msg('webhooks.errors.rateLimited', { seconds: retryAfterSeconds })), { retryAfterSeconds });
}

async function callOf(request: Request): Promise<unknown> {
  const text = await request.text();
  if (text.length > MAX_BODY) throw new AppError('INVALID_INPUT', msg('apiTokens.api.bodyTooLarge'));
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError('INVALID_INPUT', msg('apiTokens.api.notJson'), { fieldErrors: { _: [issueText('apiTokens.api.sendObject')] } });
  }
}

export async function serveWebhook(deps: ServiceDeps, request: Request, secret: string, limits: WebhookLimits = webhookLimitsOf(deps), now: () => number = Date.now): Promise<Response> {
  const locale = chooseLocale({ acceptLanguage: request.headers.get('accept-language') });
  const ip = request.headers.get(CLIENT_IP_HEADER);
  try {
    const byAddress = limits.perAddress.take(ip ?? 'unknown', now());
    if (!byAddress.allowed) throw limited(byAddress.retryAfterSeconds);
    const call = parseInput(webhookCallSchema, await callOf(request));
    const row = await findWebhook(deps.db, secret);
    if (!row) throw new AppError('NOT_FOUND', WEBHOOK_MISSING);
    const byWebhook = limits.perWebhook.take(row.id, now());
    if (!byWebhook.allowed) throw limited(byWebhook.retryAfterSeconds);
    const outcome = await runWebhook(deps, row, call, ip);
    return Response.json(spokenBody(outcome, locale) ?? null, { status: 200, headers: { 'Cache-Control': 'no-store' } });
  } catch (error) {
    const wait = (error as { retryAfterSeconds?: number }).retryAfterSeconds;
    return apiError(error, locale, wait ? { 'Retry-After': String(wait) } : {});
  }
}
