import { describe, expect, it } from 'vitest';
import { ProbeBudget } from './probe-budget.ts';

describe('ProbeBudget', () => {
  it('allows a number of probes per user in a sliding window, then says when to try again', () => {
    let now = 1_000_000;
    const budget = new ProbeBudget({ perWindow: 3, windowMs: 60_000 }, () => now);
    for (let i = 0; i < 3; i++) {
      expect(budget.take('u1')).toEqual({ allowed: true });
      now += 10_000;
    }
    expect(budget.take('u1')).toEqual({ allowed: false, retryAfterSeconds: 30 });
    // Another user has a budget of their own.
    expect(budget.take('u2')).toEqual({ allowed: true });
    // A refusal spends nothing: once the first probe leaves the window, one more is allowed.
    now += 30_001;
    expect(budget.take('u1')).toEqual({ allowed: true });
    expect(budget.take('u1').allowed).toBe(false);
  });
});
