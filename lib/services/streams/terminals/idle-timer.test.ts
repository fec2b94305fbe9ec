import { afterEach, describe, expect, it, vi } from 'vitest';
import { IdleTimer, describeIdle } from './idle-timer.ts';

describe('idle timer', () => {
  afterEach(() => vi.useRealTimers());

  it('says how long in minutes or seconds', () => {
    expect(describeIdle(15 * 60_000)).toBe('15 min');
    expect(describeIdle(1500)).toBe('2 s');
  });

  it('fires once after the last touch, never after stop', () => {
    vi.useFakeTimers();
    const fired: string[] = [];
    const timer = new IdleTimer(1_000, (m) => fired.push(m));
    timer.touch();
    vi.advanceTimersByTime(800);
    timer.touch();
    vi.advanceTimersByTime(800);
    expect(fired).toEqual([]);
    vi.advanceTimersByTime(300);
    expect(fired).toEqual(['Closed after 1 s without activity.']);

    const other = new IdleTimer(1_000, (m) => fired.push(m));
    other.touch();
    other.stop();
    other.touch();
    vi.advanceTimersByTime(5_000);
    expect(fired).toHaveLength(1);
  });
});
