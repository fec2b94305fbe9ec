import { describe, expect, it } from 'vitest';
import { splitIntoBatches } from './forward-batches.ts';
import { retryDelayMs } from './retry-backoff.ts';

describe('batches', () => {
  const size = (s: string) => s.length;

  it('keep the order and stop at the item limit', () => {
    expect(splitIntoBatches(['a', 'b', 'c', 'd', 'e'], size, { maxItems: 2, maxBytes: 100 })).toEqual([['a', 'b'], ['c', 'd'], ['e']]);
  });

  it('stop before the byte limit, and send an item bigger than the limit alone', () => {
    expect(splitIntoBatches(['aaa', 'bb', 'c', 'dddddd', 'e'], size, { maxItems: 10, maxBytes: 5 })).toEqual([['aaa', 'bb'], ['c'], ['dddddd'], ['e']]);
  });

  it('make no batch of nothing', () => {
    expect(splitIntoBatches([], size, { maxItems: 2, maxBytes: 5 })).toEqual([]);
  });
});

describe('retry backoff', () => {
  const backoff = { baseMs: 1000, maxMs: 60_000 };

  it('doubles per failure between half and all of the ceiling', () => {
    expect(retryDelayMs(1, backoff, () => 0)).toBe(500);
    expect(retryDelayMs(1, backoff, () => 1)).toBe(1000);
    expect(retryDelayMs(3, backoff, () => 1)).toBe(4000);
    expect(retryDelayMs(3, backoff, () => 0)).toBe(2000);
  });

  it('never waits longer than the maximum, however many failures', () => {
    expect(retryDelayMs(7, backoff, () => 1)).toBe(60_000);
    expect(retryDelayMs(10_000, backoff, () => 1)).toBe(60_000);
  });

  it('does not wait before the first try', () => {
    expect(retryDelayMs(0, backoff, () => 1)).toBe(0);
  });
});
