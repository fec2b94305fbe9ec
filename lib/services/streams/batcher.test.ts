import { describe, expect, it } from 'vitest';
import { createBatcher } from './batcher.ts';

function manualClock() {
  const tasks: { fn: () => void; cancelled: boolean }[] = [];
  return {
    schedule: (fn: () => void) => {
      const task = { fn, cancelled: false };
      tasks.push(task);
      return { cancel: () => void (task.cancelled = true) };
    },
    tick: () => {
      for (const task of tasks.splice(0)) if (!task.cancelled) task.fn();
    },
    pending: () => tasks.filter((t) => !t.cancelled).length,
  };
}

describe('createBatcher', () => {
  it('sends what arrived within an interval as one batch', () => {
    const clock = manualClock();
    const batches: number[][] = [];
    const batcher = createBatcher<number>({ onFlush: (b) => batches.push(b), schedule: clock.schedule });
    for (let i = 0; i < 100; i++) batcher.push(i);
    expect(batches).toEqual([]);
    expect(clock.pending()).toBe(1);
    clock.tick();
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(100);
  });

  it('sends a full batch at once and keeps order', () => {
    const clock = manualClock();
    const batches: number[][] = [];
    const batcher = createBatcher<number>({ maxItems: 10, onFlush: (b) => batches.push(b), schedule: clock.schedule });
    for (let i = 0; i < 25; i++) batcher.push(i);
    expect(batches.map((b) => b.length)).toEqual([10, 10]);
    clock.tick();
    expect(batches.flat()).toEqual([...Array(25).keys()]);
    expect(batcher.size).toBe(0);
  });

  it('50,000 items in one interval make at most a few messages', () => {
    const clock = manualClock();
    let messages = 0;
    const batcher = createBatcher<number>({ onFlush: () => messages++, schedule: clock.schedule });
    for (let i = 0; i < 50_000; i++) batcher.push(i);
    clock.tick();
    expect(messages).toBe(25);
  });

  it('flushes on close and then ignores pushes', () => {
    const clock = manualClock();
    const batches: number[][] = [];
    const batcher = createBatcher<number>({ onFlush: (b) => batches.push(b), schedule: clock.schedule });
    batcher.push(1);
    batcher.close();
    batcher.push(2);
    clock.tick();
    expect(batches).toEqual([[1]]);
  });

  it('sends nothing when empty', () => {
    const clock = manualClock();
    const batches: number[][] = [];
    const batcher = createBatcher<number>({ onFlush: (b) => batches.push(b), schedule: clock.schedule });
    batcher.flush();
    clock.tick();
    expect(batches).toEqual([]);
  });
});
