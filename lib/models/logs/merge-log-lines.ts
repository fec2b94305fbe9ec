// Lines of several streams (a Compose project's containers) in one time order. Each stream's own
// order is kept as it is (lines with the same instant, or without a timestamp, stay where their
// stream put them); across streams the earlier timestamp comes first, and at the same instant
// the stream given first. Pure; the server's merged logs use it for history pages and for each
// batch of a follow.
import type { LogLine } from '@/lib/realtime/stream-protocol.ts';
import { isTimestamp, tsToNanos } from './log-timestamps.ts';

const nanosOf = (line: LogLine): bigint | null => (line.ts && isTimestamp(line.ts) ? tsToNanos(line.ts) : null);

/** A k-way merge of streams each already in time order. */
export function mergeByTime(streams: readonly (readonly LogLine[])[]): LogLine[] {
  const next = streams.map(() => 0);
  const out: LogLine[] = [];
  const total = streams.reduce((sum, s) => sum + s.length, 0);
  while (out.length < total) {
    let pick = -1;
    let pickNanos: bigint | null = null;
    for (let i = 0; i < streams.length; i++) {
      const line = streams[i][next[i]];
      if (!line) continue;
      const nanos = nanosOf(line);
      // A line without a time goes out as soon as its stream reaches it.
      if (nanos === null) {
        pick = i;
        break;
      }
      if (pick === -1 || (pickNanos !== null && nanos < pickNanos)) {
        pick = i;
        pickNanos = nanos;
      }
    }
    out.push(streams[pick][next[pick]++]);
  }
  return out;
}

/** One batch of a merged follow in time order: lines grouped by their container, then merged. */
export function orderBatch(lines: readonly LogLine[]): LogLine[] {
  const byContainer = new Map<string, LogLine[]>();
  for (const line of lines) {
    const key = line.container ?? '';
    const group = byContainer.get(key);
    if (group) group.push(line);
    else byContainer.set(key, [line]);
  }
  return byContainer.size <= 1 ? [...lines] : mergeByTime([...byContainer.values()]);
}
