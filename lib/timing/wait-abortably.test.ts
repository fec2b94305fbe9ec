import { describe, expect, it, vi } from 'vitest';
import { AppError } from '@/lib/errors.ts';
import { abortError, backoffDelayMs, sleepAbortably } from './wait-abortably.ts';

describe('backoffDelayMs', () => {
  it('grows from the initial delay and stops at the cap', () => {
    const backoff = { initialMs: 1000, factor: 1.5, maxMs: 5000 };
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelayMs(n, backoff))).toEqual([1000, 1500, 2250, 3375, 5000, 5000]);
  });

  it('treats attempts below 1 as the first', () => {
    expect(backoffDelayMs(0)).toBe(backoffDelayMs(1));
  });
});

describe('sleepAbortably', () => {
  it('resolves after the delay', async () => {
    await expect(sleepAbortably(5)).resolves.toBeUndefined();
  });

  it('rejects at once with the abort reason when cancelled', async () => {
    const controller = new AbortController();
    const reason = new AppError('CONFLICT', 'Cancelled by alice');
    // With the clock frozen, the 10 s sleep can only end by the abort.
    vi.useFakeTimers();
    try {
      const sleeping = sleepAbortably(10_000, controller.signal);
      controller.abort(reason);
      await expect(sleeping).rejects.toBe(reason);
    } finally {
      vi.useRealTimers();
    }
  });

  it('rejects straight away on an aborted signal, with a plain error for a non-Error reason', async () => {
    await expect(sleepAbortably(10, AbortSignal.abort('stop'))).rejects.toThrow('Cancelled');
    expect(abortError(AbortSignal.abort(new Error('x'))).message).toBe('x');
  });
});
