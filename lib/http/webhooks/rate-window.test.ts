import { describe, expect, it } from 'vitest';
import { RateWindow } from './rate-window.ts';

describe('RateWindow', () => {
  it('lets `limit` calls through per window, then says how long to wait', () => {
    const window = new RateWindow(2, 60_000);
    expect(window.take('a', 0)).toEqual({ allowed: true });
    expect(window.take('a', 10_000)).toEqual({ allowed: true });
    expect(window.take('a', 20_000)).toEqual({ allowed: false, retryAfterSeconds: 40 });
    // The oldest call leaves the window: one more may pass.
    expect(window.take('a', 60_001)).toEqual({ allowed: true });
    expect(window.take('a', 60_002)).toMatchObject({ allowed: false });
  });

  it('counts each key on its own', () => {
    const window = new RateWindow(1, 1000);
    expect(window.take('a', 0).allowed).toBe(true);
    expect(window.take('b', 0).allowed).toBe(true);
    expect(window.take('a', 1).allowed).toBe(false);
  });

  it('refused calls do not extend the wait', () => {
    const window = new RateWindow(1, 1000);
    window.take('a', 0);
    for (let t = 100; t < 1000; t += 100) expect(window.take('a', t).allowed).toBe(false);
    expect(window.take('a', 1000).allowed).toBe(true);
  });

  it('forgets the least recently seen key beyond its capacity', () => {
    const window = new RateWindow(1, 60_000, 2);
    window.take('a', 0);
    window.take('b', 1);
    window.take('c', 2);
    expect(window.take('a', 3).allowed).toBe(true);
    expect(window.take('c', 4).allowed).toBe(false);
  });
});
