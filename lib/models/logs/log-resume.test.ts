import { describe, expect, it } from 'vitest';
import type { LogLine } from '@/lib/realtime/stream-protocol.ts';
import { advanceCursor, createSeenFilter, dropSeen } from './log-resume.ts';

const at = (s: number, n = 0) => `2026-11-22T20:00:${String(s).padStart(2, '0')}.${String(n).padStart(9, '0')}Z`;
const line = (ts: string, text: string, stream: LogLine['stream'] = 'stdout'): LogLine => ({ ts, stream, text });

describe('resume after a reconnect', () => {
  // What the engine holds; the client saw the first `k` lines, then asks since=<last ts>.
  const history = [line(at(1), 'a'), line(at(2), 'b'), line(at(2), 'b'), line(at(2), 'c', 'stderr'), line(at(3), 'd'), line(at(3, 5), 'e')];
  const sinceInclusive = (ts: string) => history.filter((l) => l.ts >= ts);

  it('gives every line exactly once whatever the cut', () => {
    for (let k = 1; k <= history.length; k++) {
      const seen = history.slice(0, k);
      const cursor = advanceCursor(null, seen)!;
      const again = sinceInclusive(cursor.ts);
      expect([...seen, ...dropSeen(cursor, again)]).toEqual(history);
      const filter = createSeenFilter(cursor);
      expect([...seen, ...again.filter(filter)]).toEqual(history);
    }
  });

  it('keeps identical lines at the same timestamp that were not seen yet', () => {
    const cursor = advanceCursor(null, [line(at(2), 'b')])!;
    expect(dropSeen(cursor, [line(at(2), 'b'), line(at(2), 'b')])).toEqual([line(at(2), 'b')]);
  });

  it('drops lines before the cursor (a since rounded down by the engine)', () => {
    const cursor = advanceCursor(null, [line(at(5), 'x')])!;
    expect(dropSeen(cursor, [line(at(4), 'old'), line(at(5), 'x'), line(at(6), 'new')])).toEqual([line(at(6), 'new')]);
  });

  it('compares timestamps as instants, not strings', () => {
    const cursor = advanceCursor(null, [line('2026-11-22T20:00:02.5Z', 'x')])!;
    expect(dropSeen(cursor, [line('2026-11-22T20:00:02.500000000Z', 'x'), line('2026-11-22T20:00:02.500000001Z', 'y')])).toEqual([line('2026-11-22T20:00:02.500000001Z', 'y')]);
  });

  it('keeps lines without a timestamp and ignores them in the cursor', () => {
    const cursor = advanceCursor(null, [line(at(1), 'a'), line('', 'raw')]);
    expect(cursor).toEqual({ ts: at(1), seenAtTs: ['stdout||a'] });
    expect(dropSeen(cursor, [line('', 'raw')])).toEqual([line('', 'raw')]);
    expect(dropSeen(null, history)).toEqual(history);
  });

  it('tells service lines of different tasks apart', () => {
    const a = { ...line(at(1), 'same'), task: 't1' };
    const b = { ...line(at(1), 'same'), task: 't2' };
    expect(dropSeen(advanceCursor(null, [a]), [a, b])).toEqual([b]);
  });

  it('advances a cursor across batches', () => {
    let cursor = advanceCursor(null, [line(at(1), 'a'), line(at(2), 'b')]);
    cursor = advanceCursor(cursor, [line(at(2), 'c')]);
    expect(cursor).toEqual({ ts: at(2), seenAtTs: ['stdout||b', 'stdout||c'] });
  });
});
