import { describe, expect, it } from 'vitest';
import { reconnectsAfterDrop, retriesRefusal, retryDelayMs, RETRY_FIRST_MS, RETRY_MAX_MS } from './reconnect-policy.ts';

describe('reconnect policy', () => {
  it('tries a refusal again only when the server marked it retryable (no database), never a missing session', () => {
    expect(retriesRefusal({ data: { retry: true } })).toBe(true);
    expect(retriesRefusal({ data: { retry: false } })).toBe(false);
    expect(retriesRefusal({})).toBe(false);
    expect(retriesRefusal({ data: null })).toBe(false);
    expect(retriesRefusal({ data: 'retry' })).toBe(false);
  });

  it('connects again after the server dropped the socket, unless it ended the session first', () => {
    expect(reconnectsAfterDrop('io server disconnect', false)).toBe(true);
    expect(reconnectsAfterDrop('io server disconnect', true)).toBe(false);
    // socket.io retries these itself, and a disconnect of our own is meant.
    expect(reconnectsAfterDrop('transport close', false)).toBe(false);
    expect(reconnectsAfterDrop('ping timeout', false)).toBe(false);
    expect(reconnectsAfterDrop('io client disconnect', false)).toBe(false);
  });

  it('waits longer after each try, up to a ceiling, with jitter either side', () => {
    const middle = () => 0.5;
    expect([0, 1, 2, 3, 4, 5, 50].map((attempt) => retryDelayMs(attempt, middle))).toEqual([1000, 2000, 4000, 8000, 15000, 15000, 15000]);
    expect(retryDelayMs(0, () => 0)).toBe(RETRY_FIRST_MS * 0.8);
    expect(retryDelayMs(0, () => 0.999999)).toBeLessThanOrEqual(RETRY_FIRST_MS * 1.2);
    expect(retryDelayMs(20, () => 0.999999)).toBeLessThanOrEqual(RETRY_MAX_MS * 1.2);
    expect(retryDelayMs(-3, middle)).toBe(RETRY_FIRST_MS);
  });
});
