import { describe, expect, it } from 'vitest';
import { RingBuffer } from './log-ring-buffer.ts';

describe('RingBuffer', () => {
  it('keeps the newest items when pushed at the end', () => {
    const ring = new RingBuffer<number>(3);
    expect(ring.pushBack([1, 2])).toBe(0);
    expect(ring.pushBack([3, 4, 5])).toBe(2);
    expect(ring.toArray()).toEqual([3, 4, 5]);
    expect(ring.first()).toBe(3);
    expect(ring.last()).toBe(5);
    expect(ring.at(3)).toBeUndefined();
  });

  it('keeps only the last capacity items of an oversized push', () => {
    const ring = new RingBuffer<number>(3);
    ring.pushBack([1, 2, 3, 4, 5, 6, 7]);
    expect(ring.toArray()).toEqual([5, 6, 7]);
  });

  it('prepends older items, dropping the newest when full', () => {
    const ring = new RingBuffer<number>(4);
    ring.pushBack([5, 6, 7]);
    expect(ring.pushFront([3, 4])).toBe(1);
    expect(ring.toArray()).toEqual([3, 4, 5, 6]);
    expect(ring.pushFront([0, 1, 2, 2.5, 2.7])).toBe(5);
    expect(ring.toArray()).toEqual([0, 1, 2, 2.5]);
  });

  it('wraps around many times and stays bounded', () => {
    const ring = new RingBuffer<number>(1000);
    for (let i = 0; i < 100; i++) ring.pushBack(Array.from({ length: 777 }, (_, j) => i * 777 + j));
    expect(ring.length).toBe(1000);
    expect(ring.first()).toBe(100 * 777 - 1000);
    expect(ring.last()).toBe(100 * 777 - 1);
    ring.clear();
    expect(ring.length).toBe(0);
  });

  it('refuses a bad capacity', () => {
    expect(() => new RingBuffer(0)).toThrow();
  });
});
