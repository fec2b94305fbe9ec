// One place that turns a failed DigitalOcean API answer into an AppError saying what happened and
// what to do. DigitalOcean's error body is { id, message, request_id }; proxies in front of it may
// answer with HTML or nothing, so the body is read defensively.
import 'server-only';
import { AppError, type ErrorCode } from '@/lib/errors.ts';
import { type HeaderSource, headerOf, rateLimitWaitSeconds } from './read-rate-limit.ts';

export interface DigitalOceanErrorBody {
  id: string | null;
  message: string | null;
  requestId: string | null;
}

export interface ExplainContext {
  /** What the request was about, for 404s: "droplet 1234", "SSH key 12". */
  what?: string;
  /** For 429s: the clock to count the wait from (defaults to Date.now()). */
  nowMs?: number;
}

const MAX_DETAIL = 300;

/** The API's { id, message, request_id }, from a parsed body or its text. */
export function readErrorBody(body: unknown): DigitalOceanErrorBody {
  let value = body;
  if (typeof value === 'string') {
    try {
      value = JSON.parse(value);
    } catch {
      value = null;
    }
  }
  const record = value && typeof value === 'object' && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
  const text = (key: string) => (typeof record[key] === 'string' && (record[key] as string).trim() !== '' ? (record[key] as string).trim() : null);
  return { id: text('id'), message: text('message'), requestId: text('request_id') };
}

/** The API's message, one line, bounded, without a final full stop (we add our own punctuation). */
function detailOf(message: string | null): string | null {
  if (!message) return null;
  let line = message.replace(/\s+/g, ' ').trim();
  if (line.length > MAX_DETAIL) line = `${line.slice(0, MAX_DETAIL - 1)}…`;
  return line.replace(/[.\s]+$/, '') || null;
}

function whenToRetry(headers: HeaderSource | undefined, nowMs: number): string {
  const seconds = rateLimitWaitSeconds(headers, nowMs);
  if (seconds === null) return 'try again in a minute';
  if (seconds <= 90) return `try again in ${Math.max(1, seconds)} s`;
  const at = new Date(nowMs + seconds * 1000).toISOString().slice(11, 19);
  return `try again after ${at} UTC (in about ${Math.ceil(seconds / 60)} min)`;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  412: 'Precondition Failed',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function explainDigitalOceanError(status: number, body: unknown, headers?: HeaderSource, context: ExplainContext = {}): AppError {
  const parsed = readErrorBody(body);
  const detail = detailOf(parsed.message);
  const requestId = parsed.requestId ?? headerOf(headers, 'x-request-id') ?? null;
  const reference = requestId ? ` (DigitalOcean request id ${requestId})` : '';
  const statusLine = `${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ''}`;
  const make = (code: ErrorCode, message: string) => new AppError(code, message, { cause: { status, id: parsed.id, requestId } });

  if (status === 401) {
    return make('PRECONDITION', 'DigitalOcean refused the API token (401 Unauthorized): check the token and its scopes. It may have been revoked or expired; create a new one under API → Tokens in the DigitalOcean control panel.');
  }
  if (status === 403) {
    return make(
      'PRECONDITION',
      `DigitalOcean did not allow this (403 Forbidden${detail ? `: ${detail}` : ''}). The token may be read-only or lack a scope Wharf needs (droplets, SSH keys, actions, regions, sizes, images), or the account may be locked; use a token with write access to droplets and SSH keys${reference}.`,
    );
  }
  if (status === 404) {
    return make('NOT_FOUND', `DigitalOcean has no ${context.what ?? 'such resource'} (404 Not Found${detail ? `: ${detail}` : ''}); it may have been deleted outside Wharf.`);
  }
  if (status === 422) {
    const advice = detail && /droplet limit/i.test(detail) ? 'Delete droplets that are no longer needed, or ask DigitalOcean to raise the account\'s droplet limit' : 'Correct that and try again';
    return make('INVALID_INPUT', `DigitalOcean refused the request: ${detail ?? 'it could not process it (422 Unprocessable Entity)'}. ${advice}${reference}.`);
  }
  if (status === 429) {
    return make('RATE_LIMITED', `DigitalOcean's API rate limit is reached (429 Too Many Requests${detail ? `: ${detail}` : ''}); ${whenToRetry(headers, context.nowMs ?? Date.now())}. The limit is per account, so other tools using it count too.`);
  }
  if (status >= 500) {
    return make('ENGINE_ERROR', `DigitalOcean's API failed (${statusLine}${detail ? `: ${detail}` : ''}). This is on DigitalOcean's side and usually passes; try again in a few minutes${reference}.`);
  }
  if (status === 400) {
    return make('INVALID_INPUT', `DigitalOcean could not read the request (400 Bad Request${detail ? `: ${detail}` : ''})${reference}.`);
  }
  if (status === 409) {
    return make('CONFLICT', `DigitalOcean refused the request because of a conflict (409${detail ? `: ${detail}` : ''}); try again once the other change is done${reference}.`);
  }
  return make('ENGINE_ERROR', `DigitalOcean answered HTTP ${statusLine}${detail ? `: ${detail}` : ''}${reference}.`);
}
