// The HTTP side of the DigitalOcean client: one JSON request with the bearer token, waits and
// retries on rate limiting (and on 5xx for reads), errors mapped by explainDigitalOceanError, and
// list endpoints followed page by page. The token is never logged and never left in an error.
import 'server-only';
import type { LogLine } from '../step-io.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { AppError } from '@/lib/errors.ts';
import { explainDigitalOceanError } from './explain-digitalocean-error.ts';
import { rateLimitWaitSeconds } from './read-rate-limit.ts';
import { abortError, sleepAbortably } from '@/lib/timing/wait-abortably.ts';

export interface TransportOptions {
  /** Already checked with checkApiToken. */
  token: string;
  baseUrl: string;
  signal?: AbortSignal;
  log?: (line: LogLine) => void;
  /** Per request, default 30 s. */
  timeoutMs?: number;
  /** Retries after a 429, default 3. */
  rateLimitRetries?: number;
  /** Longest wait for a 429 before giving up at once, default 60 s. */
  maxRateLimitWaitSeconds?: number;
  /** Retries of a GET or DELETE after a 5xx, default 2. */
  serverErrorRetries?: number;
}

export interface CallOptions {
  body?: unknown;
  /** Another signal to honour for this call (a step's). */
  signal?: AbortSignal;
  /** Where this call logs its waits (a step's log); defaults to the transport's. */
  log?: (line: LogLine) => void;
  /** What the request is about, for a 404's message. */
  what?: Message | string;
  /** Answer 404 with { status: 404, body: null } instead of throwing. */
  allowNotFound?: boolean;
}

export interface TransportResponse<T> {
  status: number;
  body: T | null;
  headers: Headers;
}

export interface Transport {
  readonly host: string;
  request<T>(method: string, path: string, options?: CallOptions): Promise<TransportResponse<T>>;
  /** Every item of a paginated list, following links.pages.next. */
  listAll<T>(path: string, key: string, options?: CallOptions & { perPage?: number }): Promise<T[]>;
}

const MAX_PAGES = 500;
const UNKNOWN_RATE_LIMIT_WAIT_SECONDS = 5;

export function createTransport(options: TransportOptions): Transport {
  let base: URL;
  try {
    base = new URL(options.baseUrl);
    if (base.protocol !== 'https:' && base.protocol !== 'http:') throw new Error('protocol');
  } catch {
    throw new AppError('PRECONDITION', msg('driverText.do.badApiUrl'));
  }
  const basePath = base.pathname.replace(/\/+$/, '');
  const host = base.host;
  const token = options.token;
  const timeoutMs = options.timeoutMs ?? 30_000;
  const rateLimitRetries = options.rateLimitRetries ?? 3;
  const maxWait = options.maxRateLimitWaitSeconds ?? 60;
  const serverErrorRetries = options.serverErrorRetries ?? 2;

  const scrub = (text: string) => (token ? text.split(token).join('[token]') : text);
  const scrubbed = (error: AppError) =>
    error.message.includes(token) ? new AppError(error.code, scrub(error.message), { fieldErrors: error.fieldErrors, cause: error.cause }) : error;

  const userSignals = (call?: CallOptions) => [options.signal, call?.signal].filter((signal): signal is AbortSignal => signal !== undefined);
  const throwIfAborted = (signals: AbortSignal[]) => {
    const aborted = signals.find((signal) => signal.aborted);
    if (aborted) throw abortError(aborted);
  };

  async function once(method: string, path: string, call: CallOptions | undefined) {
    const signals = userSignals(call);
    throwIfAborted(signals);
    const timeout = AbortSignal.timeout(timeoutMs);
    let response: Response;
    try {
      response = await fetch(`${base.origin}${basePath}${path}`, {
        method,
        headers: {
          Authorization: `Bearer ${token}`,
          Accept: 'application/json',
          'Content-Type': 'application/json',
        },
        body: call?.body !== undefined ? JSON.stringify(call.body) : undefined,
        signal: AbortSignal.any([...signals, timeout]),
        redirect: 'manual',
      });
    } catch (error) {
      throwIfAborted(signals);
      if (timeout.aborted) {
        throw new AppError('ENGINE_UNREACHABLE', msg('driverText.do.noAnswer', { host, seconds: Math.round(timeoutMs / 1000) }));
      }
      const cause = (error as { cause?: { code?: string; message?: string } }).cause;
      const reason = cause?.code ?? cause?.message ?? (error as Error).message ?? 'network error';
      throw new AppError('ENGINE_UNREACHABLE', msg('driverText.do.unreachable', { host, reason: scrub(String(reason)) }), { cause: error });
    }
    let text: string;
    try {
      text = await response.text();
    } catch (error) {
      throwIfAborted(signals);
      throw new AppError('ENGINE_UNREACHABLE', msg('driverText.do.broken', { host }), { cause: error });
    }
    let body: unknown = null;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = text;
      }
    }
    return { status: response.status, body, headers: response.headers };
  }

  async function request<T>(method: string, path: string, call?: CallOptions): Promise<TransportResponse<T>> {
    const log = call?.log ?? options.log ?? (() => {});
    const signal = AbortSignal.any(userSignals(call));
    let rateLimited = 0;
    let failed = 0;
    for (;;) {
      const answer = await once(method, path, call);
      const { status, body, headers } = answer;
      if (status >= 200 && status < 300) {
        if (typeof body === 'string') throw new AppError('ENGINE_ERROR', msg('driverText.do.notJson', { host, request: `${method} ${path.split('?')[0]}` }));
        return { status, body: body as T | null, headers };
      }
      if (status === 404 && call?.allowNotFound) return { status, body: null, headers };
      if (status === 429 && rateLimited < rateLimitRetries) {
        const wait = rateLimitWaitSeconds(headers, Date.now()) ?? UNKNOWN_RATE_LIMIT_WAIT_SECONDS;
        if (wait <= maxWait) {
          rateLimited += 1;
          const seconds = Math.max(1, wait);
          log(msg('driverText.log.rateLimitRetry', { seconds }));
          await sleepAbortably(seconds * 1000, signal);
          continue;
        }
      }
      if (status >= 500 && (method === 'GET' || method === 'DELETE') && failed < serverErrorRetries) {
        failed += 1;
        const seconds = failed;
        log(msg('driverText.log.serverErrorRetry', { status: String(status), request: `${method} ${path.split('?')[0]}`, seconds }));
        await sleepAbortably(seconds * 1000, signal);
        continue;
      }
      throw scrubbed(explainDigitalOceanError(status, body, headers, { what: call?.what }));
    }
  }

  /** A next-page link as a path under the base URL (the API gives absolute links on its own host). */
  function pathOfLink(link: string): string {
    const url = new URL(link, base);
    const pathname = basePath && url.pathname.startsWith(`${basePath}/`) ? url.pathname.slice(basePath.length) : url.pathname;
    return `${pathname}${url.search}`;
  }

  async function listAll<T>(path: string, key: string, call: CallOptions & { perPage?: number } = {}): Promise<T[]> {
    const perPage = Math.min(200, Math.max(1, Math.floor(call.perPage ?? 200)));
    let next: string | null = `${path}${path.includes('?') ? '&' : '?'}per_page=${perPage}`;
    const seen = new Set<string>();
    const items: T[] = [];
    while (next) {
      if (seen.has(next) || seen.size >= MAX_PAGES) throw new AppError('ENGINE_ERROR', msg('driverText.do.tooManyPages', { host, path: path.split('?')[0], pages: seen.size }));
      seen.add(next);
      const { body }: TransportResponse<Record<string, unknown>> = await request<Record<string, unknown>>('GET', next, call);
      const page = body?.[key];
      if (!Array.isArray(page)) throw new AppError('ENGINE_ERROR', msg('driverText.do.noList', { host, path: path.split('?')[0], key }));
      items.push(...(page as T[]));
      const link: unknown = (body as { links?: { pages?: { next?: unknown } } }).links?.pages?.next;
      next = typeof link === 'string' && link !== '' ? pathOfLink(link) : null;
    }
    return items;
  }

  return { host, request, listAll };
}
