import { describe, expect, it } from 'vitest';
import type { LogLine } from '@/lib/realtime/stream-protocol.ts';
import { mergeByTime, orderBatch } from './merge-log-lines.ts';

const line = (ts: string, text: string, container?: string): LogLine => ({ ts, stream: 'stdout', text, ...(container ? { container } : {}) });

describe('mergeByTime', () => {
  it('interleaves streams by timestamp, to the nanosecond', () => {
    const a = [line('2026-12-07T10:00:00.000000001Z', 'a1'), line('2026-12-07T10:00:00.000000003Z', 'a2')];
    const b = [line('2026-12-07T10:00:00.000000002Z', 'b1'), line('2026-12-07T10:00:01Z', 'b2')];
    expect(mergeByTime([a, b]).map((l) => l.text)).toEqual(['a1', 'b1', 'a2', 'b2']);
  });

  it('compares instants across offsets, not text', () => {
    const a = [line('2026-12-07T11:00:00+01:00', 'a-at-10')];
    const b = [line('2026-12-07T09:30:00Z', 'b-at-0930')];
    expect(mergeByTime([a, b]).map((l) => l.text)).toEqual(['b-at-0930', 'a-at-10']);
  });

  it('keeps the first stream first at the same instant, and each stream in its own order', () => {
    const ts = '2026-12-07T10:00:00Z';
    const a = [line(ts, 'a1'), line(ts, 'a2')];
    const b = [line(ts, 'b1')];
    expect(mergeByTime([a, b]).map((l) => l.text)).toEqual(['a1', 'a2', 'b1']);
  });

  it('lets a line without a timestamp out as soon as its stream reaches it', () => {
    const a = [line('2026-12-07T10:00:05Z', 'a1')];
    const b = [line('', 'b-untimed'), line('2026-12-07T10:00:01Z', 'b1')];
    expect(mergeByTime([a, b]).map((l) => l.text)).toEqual(['b-untimed', 'b1', 'a1']);
  });

  it('returns every line once, whatever the lengths (and nothing for no streams)', () => {
    expect(mergeByTime([])).toEqual([]);
    expect(mergeByTime([[], [line('2026-12-07T10:00:00Z', 'x')], []]).map((l) => l.text)).toEqual(['x']);
  });
});

describe('orderBatch', () => {
  it('puts a batch whose containers wrote out of order in time order, each container keeping its own order', () => {
    const batch = [line('2026-12-07T10:00:02Z', 'web-2', 'web'), line('2026-12-07T10:00:03Z', 'web-3', 'web'), line('2026-12-07T10:00:01Z', 'db-1', 'db'), line('2026-12-07T10:00:04Z', 'db-4', 'db')];
    expect(orderBatch(batch).map((l) => l.text)).toEqual(['db-1', 'web-2', 'web-3', 'db-4']);
  });

  it('leaves a batch of one source as it came', () => {
    const batch = [line('2026-12-07T10:00:02Z', 'second'), line('2026-12-07T10:00:01Z', 'first-but-later')];
    expect(orderBatch(batch).map((l) => l.text)).toEqual(['second', 'first-but-later']);
  });
});
