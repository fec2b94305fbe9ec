// Sends one notification to one channel: the request its kind is sent (built by the pure payload
// builders), POSTed once through the audit forwarder's HTTP sender with the registry address guard's
// lookup (never a metadata, link-local or unspecified address, however the name resolves), no
// redirect followed. Answers whether the endpoint took it and its answer in one line; never throws.
import 'server-only';
import { buildNotificationRequest, judgeAnswer, type AnswerVerdict } from '@/lib/models/notifications/notification-payloads.ts';
import type { NotificationEvent } from '@/lib/models/notifications/notifications.ts';
import { postBody } from '../audit/forwarding/deliver.ts';
import { explainDeliveryError } from '../audit/forwarding/explain-delivery-error.ts';
import { guardedLookup, refusedLiteral } from '../registries/registry-http.ts';
import { hmacSha256, type OpenedChannel } from './channel-rows.ts';

export const NOTIFICATION_TIMEOUT_MS = 10_000;

export type SendOptions = { timeoutMs?: number; signal?: AbortSignal; nowMs?: number };

export async function sendNotification(channel: OpenedChannel, event: NotificationEvent, options: SendOptions = {}): Promise<AnswerVerdict> {
  const request = buildNotificationRequest(channel.kind, channel.url, channel.secret, event, { nowMs: options.nowMs ?? Date.now(), hmac: hmacSha256 });
  // The answer names the channel by its hint: the URL's path and query may carry a token.
  const where = channel.urlHint;
  try {
    const url = new URL(request.url);
    const refused = refusedLiteral(url);
    if (refused) throw refused;
    const answer = await postBody(url, Buffer.from(request.body, 'utf8'), { ...request.headers, 'User-Agent': 'Wharf notifications' }, {
      timeoutMs: options.timeoutMs ?? NOTIFICATION_TIMEOUT_MS,
      signal: options.signal,
      lookup: guardedLookup,
    });
    return judgeAnswer(channel.kind, answer.status, answer.body);
  } catch (error) {
    return { delivered: false, answer: explainDeliveryError(error, where) };
  }
}
