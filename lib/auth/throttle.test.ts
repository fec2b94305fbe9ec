import { describe, expect, it } from 'vitest';
import { THROTTLE, decide, throttledMessage } from '@/lib/auth/throttle.ts';

const NOW = new Date('2026-03-01T12:00:00.000Z');
const WINDOW = 15 * 60_000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);
/** `count` failures, newest first, the newest `newestAgoMs` ago and each `stepMs` older than the last. */
const failures = (count: number, newestAgoMs: number, stepMs = 1000) => Array.from({ length: count }, (_, i) => ago(newestAgoMs + i * stepMs));

describe('throttle.decide', () => {
  it('uses a 15-minute window, 5 failures per username and 30 per address', () => {
    expect(THROTTLE).toEqual({ windowMs: WINDOW, perUsername: 5, perIp: 30 });
  });

  it('allows with no failures', () => {
    expect(decide({ byUsername: [], byIp: [] }, NOW)).toEqual({ allowed: true });
  });

  it('allows under the per-username limit', () => {
    expect(decide({ byUsername: failures(4, 0), byIp: failures(4, 0) }, NOW)).toEqual({ allowed: true });
  });

  it('locks at the per-username limit until the 5th newest failure leaves the window', () => {
    // Newest 10 s ago, then 20 s, 30 s, 40 s, 50 s ago: the 5th newest is 50 s old.
    const byUsername = failures(5, 10_000, 10_000);
    expect(decide({ byUsername, byIp: byUsername }, NOW)).toEqual({ allowed: false, retryAfterSeconds: (WINDOW - 50_000) / 1000 });
  });

  it('uses the limit-th newest failure, not the oldest, when more are passed', () => {
    const byUsername = [...failures(5, 60_000, 60_000), ago(14 * 60_000 + 59_000)];
    // 5th newest is 300 s old: locked for 900 - 300 = 600 s.
    expect(decide({ byUsername, byIp: [] }, NOW)).toEqual({ allowed: false, retryAfterSeconds: 600 });
  });

  it('rounds a partial second of waiting up', () => {
    const byUsername = failures(5, 0, 1);
    // 5th newest is 4 ms old: WINDOW - 4 ms = 899.996 s -> 900 s.
    expect(decide({ byUsername, byIp: [] }, NOW)).toEqual({ allowed: false, retryAfterSeconds: 900 });
    const barely = [...failures(4, 0), ago(WINDOW - 1)];
    expect(decide({ byUsername: barely, byIp: [] }, NOW)).toEqual({ allowed: false, retryAfterSeconds: 1 });
  });

  it('allows again exactly when the 5th newest failure reaches the window edge', () => {
    const byUsername = [...failures(4, 0), ago(WINDOW)];
    expect(decide({ byUsername, byIp: [] }, NOW)).toEqual({ allowed: true });
  });

  it('allows when the 5th newest failure is older than the window', () => {
    const byUsername = [...failures(4, 0), ago(WINDOW + 1)];
    expect(decide({ byUsername, byIp: [] }, NOW)).toEqual({ allowed: true });
  });

  it('allows 29 failures from one address and locks at 30', () => {
    expect(decide({ byUsername: [], byIp: failures(29, 0) }, NOW)).toEqual({ allowed: true });
    const byIp = failures(30, 1000, 1000);
    // 30th newest is 30 s old.
    expect(decide({ byUsername: [], byIp }, NOW)).toEqual({ allowed: false, retryAfterSeconds: 870 });
  });

  it('the per-address lock ends exactly at the window edge of its 30th newest failure', () => {
    const byIp = [...failures(29, 0), ago(WINDOW)];
    expect(decide({ byUsername: [], byIp }, NOW)).toEqual({ allowed: true });
  });

  it('the longer wait wins when both limits are hit (username longer)', () => {
    const byUsername = failures(5, 0, 1000); // 5th newest 4 s old -> 896 s
    const byIp = failures(30, 60_000, 10_000); // 30th newest 60 + 290 = 350 s old -> 550 s
    expect(decide({ byUsername, byIp }, NOW)).toEqual({ allowed: false, retryAfterSeconds: 896 });
  });

  it('the longer wait wins when both limits are hit (address longer)', () => {
    const byUsername = failures(5, 600_000, 1000); // 5th newest 604 s old -> 296 s
    const byIp = failures(30, 0, 1000); // 30th newest 29 s old -> 871 s
    expect(decide({ byUsername, byIp }, NOW)).toEqual({ allowed: false, retryAfterSeconds: 871 });
  });

  it('locks on the address alone when the username is under its limit', () => {
    expect(decide({ byUsername: failures(1, 0), byIp: failures(30, 0) }, NOW).allowed).toBe(false);
  });

  it('an expired username lock does not hide an active address lock', () => {
    const byUsername = [...failures(4, 0), ago(WINDOW + 5000)];
    const byIp = failures(30, 0, 1000);
    expect(decide({ byUsername, byIp }, NOW)).toEqual({ allowed: false, retryAfterSeconds: 871 });
  });

  it('depends only on the given now, not the wall clock', () => {
    const byUsername = failures(5, 0, 1000);
    const later = new Date(NOW.getTime() + 100_000);
    expect(decide({ byUsername, byIp: [] }, later)).toEqual({ allowed: false, retryAfterSeconds: 796 });
  });
});

describe('throttledMessage (case 43)', () => {
  it('says in whole minutes when to try again, never less than one', () => {
    expect(throttledMessage(900)).toBe('Too many sign-in attempts. Try again in 15 minutes.');
    expect(throttledMessage(61)).toBe('Too many sign-in attempts. Try again in 2 minutes.');
    expect(throttledMessage(60)).toBe('Too many sign-in attempts. Try again in 1 minute.');
    expect(throttledMessage(1)).toBe('Too many sign-in attempts. Try again in 1 minute.');
  });
});
