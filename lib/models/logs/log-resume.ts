// Resuming a log stream after a reconnect with no gap and no duplicate. The client asks again
// with since=<last timestamp seen> (the engine's since is inclusive), and drops what it already
// has: every line before that timestamp, and the lines at exactly that timestamp it has seen
// (several lines can share one timestamp, so the content tells them apart).
import type { LogLine } from '@/lib/realtime/stream-protocol.ts';
import { tsToNanos } from './log-timestamps.ts';

/** Where a reader is: the last timestamp seen and the lines seen at it (as keys). */
export type ResumeCursor = { ts: string; seenAtTs: string[] };

export const lineKey = (line: Pick<LogLine, 'stream' | 'text' | 'task'>): string => `${line.stream}|${line.task ?? ''}|${line.text}`;

const nanosOf = (ts: string): bigint | null => {
  try {
    return tsToNanos(ts);
  } catch {
    return null;
  }
};

/** The cursor after reading `lines` (in order) from `cursor`. */
export function advanceCursor(cursor: ResumeCursor | null, lines: readonly LogLine[]): ResumeCursor | null {
  let current = cursor ? { ts: cursor.ts, seenAtTs: [...cursor.seenAtTs] } : null;
  let currentNanos = current ? nanosOf(current.ts) : null;
  for (const line of lines) {
    const nanos = nanosOf(line.ts);
    if (nanos === null) continue;
    if (current && currentNanos !== null && nanos === currentNanos) current.seenAtTs.push(lineKey(line));
    else if (currentNanos === null || nanos > currentNanos) {
      current = { ts: line.ts, seenAtTs: [lineKey(line)] };
      currentNanos = nanos;
    }
  }
  return current;
}

/**
 * Drops from `lines` (read with since=cursor.ts) what the cursor says was seen already. A line
 * at the cursor's timestamp is dropped as often as it was seen (identical lines may repeat).
 */
export function dropSeen(cursor: ResumeCursor | null, lines: readonly LogLine[]): LogLine[] {
  if (!cursor) return [...lines];
  const at = nanosOf(cursor.ts);
  if (at === null) return [...lines];
  const remaining = new Map<string, number>();
  for (const key of cursor.seenAtTs) remaining.set(key, (remaining.get(key) ?? 0) + 1);
  const kept: LogLine[] = [];
  for (const line of lines) {
    const nanos = nanosOf(line.ts);
    if (nanos === null) {
      kept.push(line);
      continue;
    }
    if (nanos < at) continue;
    if (nanos === at) {
      const key = lineKey(line);
      const left = remaining.get(key) ?? 0;
      if (left > 0) {
        remaining.set(key, left - 1);
        continue;
      }
    }
    kept.push(line);
  }
  return kept;
}

/** A streaming version of dropSeen, for lines that arrive one by one after a resume. */
export function createSeenFilter(cursor: ResumeCursor | null): (line: LogLine) => boolean {
  if (!cursor) return () => true;
  const at = nanosOf(cursor.ts);
  if (at === null) return () => true;
  const remaining = new Map<string, number>();
  for (const key of cursor.seenAtTs) remaining.set(key, (remaining.get(key) ?? 0) + 1);
  let past = false;
  return (line) => {
    if (past) return true;
    const nanos = nanosOf(line.ts);
    if (nanos === null) return true;
    if (nanos < at) return false;
    if (nanos > at) {
      past = true;
      return true;
    }
    const key = lineKey(line);
    const left = remaining.get(key) ?? 0;
    if (left > 0) {
      remaining.set(key, left - 1);
      return false;
    }
    return true;
  };
}
