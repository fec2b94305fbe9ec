import { describe, expect, it } from 'vitest';
import { headerOf, rateLimitWaitSeconds, readRateLimit } from './read-rate-limit.ts';

const NOW = Date.UTC(2026, 0, 10, 12, 0, 0);
const epoch = (ms: number) => String(Math.floor(ms / 1000));

describe('headerOf', () => {
  it('reads fetch Headers and plain records case-insensitively', () => {
    expect(headerOf(new Headers({ 'Retry-After': '3' }), 'retry-after')).toBe('3');
    expect(headerOf({ 'RateLimit-Remaining': '7' }, 'ratelimit-remaining')).toBe('7');
    expect(headerOf({ 'set-cookie': ['a', 'b'] }, 'Set-Cookie')).toBe('a');
    expect(headerOf(undefined, 'x')).toBeUndefined();
  });
});

describe('readRateLimit', () => {
  it('parses the three headers', () => {
    expect(readRateLimit({ 'ratelimit-limit': '5000', 'ratelimit-remaining': '4816', 'ratelimit-reset': '1444931833' })).toEqual({
      limit: 5000,
      remaining: 4816,
      resetAt: 1444931833000,
    });
  });

  it('gives null for missing or garbled values', () => {
    expect(readRateLimit({ 'ratelimit-limit': 'lots' })).toEqual({ limit: null, remaining: null, resetAt: null });
  });
});

describe('rateLimitWaitSeconds', () => {
  it('prefers Retry-After in seconds', () => {
    expect(rateLimitWaitSeconds({ 'retry-after': '7', 'ratelimit-reset': epoch(NOW + 120_000) }, NOW)).toBe(7);
  });

  it('reads Retry-After as an HTTP date', () => {
    expect(rateLimitWaitSeconds({ 'retry-after': new Date(NOW + 4_500).toUTCString() }, NOW)).toBe(4);
    expect(rateLimitWaitSeconds({ 'retry-after': new Date(NOW - 10_000).toUTCString() }, NOW)).toBe(0);
  });

  it('falls back to ratelimit-reset', () => {
    expect(rateLimitWaitSeconds({ 'ratelimit-reset': epoch(NOW + 42_000) }, NOW)).toBe(42);
    expect(rateLimitWaitSeconds({ 'ratelimit-reset': epoch(NOW - 42_000) }, NOW)).toBe(0);
  });

  it('is null when nothing says', () => {
    expect(rateLimitWaitSeconds({}, NOW)).toBeNull();
    expect(rateLimitWaitSeconds({ 'retry-after': 'soon' }, NOW)).toBeNull();
  });
});
