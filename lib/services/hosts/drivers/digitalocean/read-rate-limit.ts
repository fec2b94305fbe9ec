// DigitalOcean's rate-limit headers: every answer carries ratelimit-limit, ratelimit-remaining and
// ratelimit-reset (epoch seconds when the oldest counted request expires); a 429 also carries
// Retry-After (seconds, or an HTTP date) for the short per-minute burst limit.
import 'server-only';

export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

export function headerOf(headers: HeaderSource | undefined, name: string): string | undefined {
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(name) ?? undefined;
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers as Record<string, string | string[] | undefined>)) {
    if (key.toLowerCase() === wanted) return Array.isArray(value) ? value[0] : value;
  }
  return undefined;
}

export interface RateLimitState {
  limit: number | null;
  remaining: number | null;
  /** Epoch milliseconds, or null. */
  resetAt: number | null;
}

const intOf = (value: string | undefined): number | null => {
  if (value === undefined || !/^\s*\d+\s*$/.test(value)) return null;
  return Number(value);
};

export function readRateLimit(headers: HeaderSource | undefined): RateLimitState {
  const reset = intOf(headerOf(headers, 'ratelimit-reset'));
  return { limit: intOf(headerOf(headers, 'ratelimit-limit')), remaining: intOf(headerOf(headers, 'ratelimit-remaining')), resetAt: reset === null ? null : reset * 1000 };
}

/**
 * Whole seconds to wait before retrying a 429, from Retry-After (seconds or HTTP date) or else
 * ratelimit-reset; null when neither says. Never negative.
 */
export function rateLimitWaitSeconds(headers: HeaderSource | undefined, nowMs: number): number | null {
  const retryAfter = headerOf(headers, 'retry-after')?.trim();
  if (retryAfter) {
    const seconds = intOf(retryAfter);
    if (seconds !== null) return seconds;
    const date = Date.parse(retryAfter);
    if (!Number.isNaN(date)) return Math.max(0, Math.ceil((date - nowMs) / 1000));
  }
  const { resetAt } = readRateLimit(headers);
  if (resetAt !== null) return Math.max(0, Math.ceil((resetAt - nowMs) / 1000));
  return null;
}
