// What a log download asks for, read from its query string and checked by the log query schema:
// stdout, stderr (1/0, default both), timestamps (1/0, default 1), since, until (RFC 3339), tail.
import 'server-only';
import type { LogQuery, LogSource } from '@/lib/realtime/stream-protocol.ts';
import { parseInput } from '@/lib/schemas/parse-input.ts';
import { logQuerySchema } from '@/lib/schemas/streams.ts';

export function logDownloadQuery<S extends LogSource>(url: URL, source: S): { query: Omit<LogQuery, 'source'> & { source: S }; timestamps: boolean } {
  const flag = (name: string, fallback: boolean) => (url.searchParams.has(name) ? url.searchParams.get(name) === '1' : fallback);
  const tail = url.searchParams.get('tail');
  const query = parseInput(logQuerySchema, {
    source,
    stdout: flag('stdout', true),
    stderr: flag('stderr', true),
    since: url.searchParams.get('since') ?? undefined,
    until: url.searchParams.get('until') ?? undefined,
    tail: tail === null || tail === '' ? undefined : Number(tail),
  });
  return { query: { ...query, source }, timestamps: flag('timestamps', true) };
}
