// One place that turns a failed DigitalOcean API answer into an AppError saying what happened and
// what to do. DigitalOcean's error body is { id, message, request_id }; proxies in front of it may
// answer with HTML or nothing, so the body is read defensively.
import 'server-only';
import { AppError, type ErrorCode } from '@/lib/errors.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { type HeaderSource, headerOf, rateLimitWaitSeconds } from './read-rate-limit.ts';

export interface DigitalOceanErrorBody {
  id: string | null;
  message: string | null;
  requestId: string | null;
}

export interface ExplainContext {
  /** What the request was about, for 404s: `msg('driverText.do.what.droplet', { id })` ("droplet 1234"). */
  what?: Message | string;
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

function whenToRetry(headers: HeaderSource | undefined, nowMs: number): Message {
  const seconds = rateLimitWaitSeconds(headers, nowMs);
  if (seconds === null) return msg('driverText.do.retryMinute');
  if (seconds <= 90) return msg('driverText.do.retrySeconds', { seconds: Math.max(1, seconds) });
  const at = new Date(nowMs + seconds * 1000).toISOString().slice(11, 19);
  return msg('driverText.do.retryAt', { at, minutes: Math.ceil(seconds / 60) });
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
  const reference: Message | string = requestId ? msg('driverText.do.reference', { requestId }) : '';
  const statusLine = `${status}${STATUS_TEXT[status] ? ` ${STATUS_TEXT[status]}` : ''}`;
  // The API's own words, when it gave any, follow the status inside the parentheses.
  const plain = { hasDetail: detail ? 'yes' : 'no', detail: detail ?? '' };
  // Refusals the user acts on alone (a missing object, a rate limit) leave the request id out.
  const said = { ...plain, reference };
  const make = (code: ErrorCode, message: Message) => new AppError(code, message, { cause: { status, id: parsed.id, requestId } });

  if (status === 401) return make('PRECONDITION', msg('driverText.do.unauthorized'));
  if (status === 403) return make('PRECONDITION', msg('driverText.do.forbidden', said));
  if (status === 404) return make('NOT_FOUND', msg('driverText.do.notFound', { ...plain, what: context.what ?? msg('driverText.do.suchResource') }));
  if (status === 422) {
    const advice = detail && /droplet limit/i.test(detail) ? msg('driverText.do.adviceDropletLimit') : msg('driverText.do.adviceCorrect');
    return make('INVALID_INPUT', msg('driverText.do.unprocessable', { ...said, advice }));
  }
  if (status === 429) return make('RATE_LIMITED', msg('driverText.do.rateLimited', { ...plain, when: whenToRetry(headers, context.nowMs ?? Date.now()) }));
  if (status >= 500) return make('ENGINE_ERROR', msg('driverText.do.serverError', { ...said, statusLine }));
  if (status === 400) return make('INVALID_INPUT', msg('driverText.do.badRequest', said));
  if (status === 409) return make('CONFLICT', msg('driverText.do.conflict', said));
  return make('ENGINE_ERROR', msg('driverText.do.otherStatus', { ...said, statusLine }));
}
