// What each channel kind is sent for an event, and how its answer is read. Pure: the HMAC is given
// (the server passes node:crypto's), so the same code is checked by unit tests against vectors
// computed independently.
//
// - webhook: the event as JSON; `X-Wharf-Timestamp` (Unix seconds) and, with a secret,
//   `X-Wharf-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>">` (the timestamp is
//   signed so a captured request cannot be replayed later; README "Notifications" says how to verify).
// - slack: `text` (the fallback) and one mrkdwn section block.
// - dingtalk: msgtype markdown; with a secret, DingTalk's `timestamp` (ms) and `sign` query
//   parameters: base64 HMAC-SHA256 keyed by the secret of "<timestamp>\n<secret>".
// - wecom: msgtype markdown.
// - feishu: msg_type text; with a secret, Feishu's `timestamp` (s) and `sign` body fields: base64
//   HMAC-SHA256 keyed by "<timestamp>\n<secret>" of an empty message.
import type { ChannelKind, NotificationEvent } from './notifications.ts';

export type Hmac = (key: string, message: string, encoding: 'hex' | 'base64') => string;

export type OutboundRequest = { url: string; headers: Record<string, string>; body: string };

export const SIGNATURE_HEADER = 'X-Wharf-Signature';
export const TIMESTAMP_HEADER = 'X-Wharf-Timestamp';
export const EVENT_HEADER = 'X-Wharf-Event';

const EVENT_WORDS: Record<NotificationEvent['event'], string> = {
  'deploy.finished': 'Deploy finished',
  'deploy.failed': 'Deploy failed',
  'node.down': 'Node down',
  'host.unreachable': 'Host unreachable',
  'container.died': 'Container died',
  'update.available': 'Update available',
  'audit.chain-broken': 'Audit chain broken',
};

/** "Host web-1 · Swarm prod · Stack shop", what the event concerns. */
export function scopeLine(event: NotificationEvent): string {
  const { hostName, hostId, swarmName, swarmId, stackName } = event.scope;
  const parts: string[] = [];
  if (hostName ?? hostId) parts.push(`Host ${hostName ?? hostId}`);
  if (swarmName ?? swarmId) parts.push(`Swarm ${swarmName ?? swarmId}`);
  if (stackName) parts.push(`Stack ${stackName}`);
  return parts.join(' · ');
}

const heading = (event: NotificationEvent) => `${event.test ? '[Test] ' : ''}Wharf: ${EVENT_WORDS[event.event]}`;

/** The lines every chat message carries: the title, the detail, where, and when. */
function lines(event: NotificationEvent): string[] {
  return [event.title, event.text, scopeLine(event), event.at].filter((line) => line !== '');
}

/** Slack reads &, < and > as markup (`<!channel>` pings everyone): names in events are escaped. */
const slackEscape = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');

/** Markdown for DingTalk and WeCom: a bold heading, then one paragraph a line. */
export function markdownText(event: NotificationEvent): string {
  return [`**${heading(event)}**`, ...lines(event)].join('\n\n');
}

export function plainText(event: NotificationEvent): string {
  return [heading(event), ...lines(event)].join('\n');
}

export function webhookBody(event: NotificationEvent): string {
  return JSON.stringify({ source: 'wharf', ...event });
}

/** The value of X-Wharf-Signature for a body sent at `timestamp` (Unix seconds). */
export function wharfSignature(hmac: Hmac, secret: string, timestamp: string, body: string): string {
  return `sha256=${hmac(secret, `${timestamp}.${body}`, 'hex')}`;
}

/** DingTalk's `sign` (before URL encoding) for `timestampMs`. */
export const dingTalkSign = (hmac: Hmac, secret: string, timestampMs: string): string => hmac(secret, `${timestampMs}\n${secret}`, 'base64');

/** Feishu's `sign` for `timestampSeconds`: the string to sign is the key, the message is empty. */
export const feishuSign = (hmac: Hmac, secret: string, timestampSeconds: string): string => hmac(`${timestampSeconds}\n${secret}`, '', 'base64');

const JSON_HEADERS = { 'Content-Type': 'application/json; charset=utf-8' };

/** The request a channel of `kind` at `url` is sent for `event` at `nowMs`. */
export function buildNotificationRequest(kind: ChannelKind, url: string, secret: string | null, event: NotificationEvent, options: { nowMs: number; hmac: Hmac }): OutboundRequest {
  const seconds = String(Math.floor(options.nowMs / 1000));
  switch (kind) {
    case 'webhook': {
      const body = webhookBody(event);
      const headers: Record<string, string> = { ...JSON_HEADERS, [EVENT_HEADER]: event.event, [TIMESTAMP_HEADER]: seconds };
      if (secret) headers[SIGNATURE_HEADER] = wharfSignature(options.hmac, secret, seconds, body);
      return { url, headers, body };
    }
    case 'slack': {
      const text = [`*${slackEscape(heading(event))}*`, ...lines(event).map(slackEscape)].join('\n');
      return { url, headers: JSON_HEADERS, body: JSON.stringify({ text: slackEscape(`${heading(event)}: ${event.title}`), blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] }) };
    }
    case 'dingtalk': {
      let target = url;
      if (secret) {
        const signed = new URL(url);
        const ms = String(options.nowMs);
        signed.searchParams.set('timestamp', ms);
        signed.searchParams.set('sign', dingTalkSign(options.hmac, secret, ms));
        target = signed.toString();
      }
      return { url: target, headers: JSON_HEADERS, body: JSON.stringify({ msgtype: 'markdown', markdown: { title: heading(event), text: markdownText(event) } }) };
    }
    case 'wecom':
      return { url, headers: JSON_HEADERS, body: JSON.stringify({ msgtype: 'markdown', markdown: { content: markdownText(event) } }) };
    case 'feishu': {
      const signature = secret ? { timestamp: seconds, sign: feishuSign(options.hmac, secret, seconds) } : {};
      return { url, headers: JSON_HEADERS, body: JSON.stringify({ ...signature, msg_type: 'text', content: { text: plainText(event) } }) };
    }
  }
}

/** Whether the endpoint took the message, and the answer in one line for the delivery log. */
export type AnswerVerdict = { delivered: boolean; answer: string };

const ANSWER_CHARS = 300;

/**
 * Reads an endpoint's answer: a 2xx for webhooks and Slack; DingTalk and WeCom also answer 200 when
 * they refuse, with a non-zero `errcode`, and Feishu with a non-zero `code` (a wrong signature, a
 * blocked keyword): those are failures.
 */
export function judgeAnswer(kind: ChannelKind, status: number, body: string): AnswerVerdict {
  const text = body.replace(/\s+/g, ' ').trim().slice(0, ANSWER_CHARS);
  const answer = `HTTP ${status}${text ? `: ${text}` : ''}`;
  if (status < 200 || status > 299) return { delivered: false, answer };
  if (kind === 'dingtalk' || kind === 'wecom' || kind === 'feishu') {
    type Coded = { errcode?: unknown; code?: unknown; StatusCode?: unknown } | null;
    let parsed: Coded;
    try {
      parsed = JSON.parse(body) as Coded;
    } catch {
      return { delivered: false, answer };
    }
    const code = kind === 'feishu' ? (parsed?.code ?? parsed?.StatusCode) : parsed?.errcode;
    return { delivered: code === 0, answer };
  }
  return { delivered: true, answer };
}
