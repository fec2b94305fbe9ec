// Reading logs from engines: a container's (from its host) or a service's (all tasks merged, from
// a manager picked by callManager, each line tagged with its task and node). Lines are always
// read with timestamps (resume, older pages). Nothing is kept: lines flow from the engine's
// stream to the caller, and history reads hold at most `limit` lines.
import 'server-only';
import type { Readable } from 'node:stream';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { LogLine, LogQuery } from '@/lib/realtime/stream-protocol.ts';
import type { ServiceDeps } from '@/lib/services/deps.ts';
import { callManager, hostEngine, type LogRequest } from '@/lib/services/engine/index.ts';
import { createFrameDemuxer, createLineSplitter, engineParamBefore, isTimestamp, parseLogLine, tsToEngineParam, tsToNanos } from './log-frames.ts';
import { RingBuffer } from '@/lib/models/logs/log-ring-buffer.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;

/** The most lines one history read holds. Queries are checked by their schema (lib/schemas/streams.ts) at the door. */
export const MAX_HISTORY_LINES = 5000;

export type EngineLogStream = {
  /** The engine's raw stream (multiplexed unless tty). */
  raw: Readable;
  tty: boolean;
  /** Service streams carry details (task, node). */
  details: boolean;
  /** Where the stream comes from, for messages. */
  hostId: string;
  /** When the container or service was created: no line is older. */
  createdAt: string | null;
};

function engineOptions(query: LogQuery, follow: boolean, sinceParam?: string): LogRequest {
  return {
    follow,
    stdout: query.stdout,
    stderr: query.stderr,
    timestamps: true,
    ...(sinceParam ? { since: sinceParam } : query.since ? { since: tsToEngineParam(query.since) } : {}),
    ...(query.until ? { until: tsToEngineParam(query.until) } : {}),
    ...(query.tail !== undefined ? { tail: String(query.tail) } : { tail: 'all' }),
  };
}

/** Opens the engine's log stream for a source. Authorization is the caller's (the socket handler or route). */
export async function openEngineLogStream(deps: Deps, query: LogQuery, options: { follow: boolean; sinceParam?: string; signal?: AbortSignal }): Promise<EngineLogStream> {
  const { source } = query;
  if (source.kind === 'project') throw new Error('A project has no single engine stream: open it with openLogStream (log-source.ts).');
  const request = engineOptions(query, options.follow, options.sinceParam);
  if (source.kind === 'container') {
    const engine = await hostEngine(deps, source.hostId);
    return engine.call(msg('engineText.doing.readContainerLogs', { name: source.containerId.slice(0, 12) }), async (api) => {
      const info = await api.inspectContainer(source.containerId);
      const raw = await api.containerLogs(source.containerId, request);
      return { raw, tty: info.Config?.Tty === true, details: false, hostId: source.hostId, createdAt: info.Created ?? null };
    }, { signal: options.signal });
  }
  // A manager is picked (and failed over) with a cheap read; the stream is then opened on it
  // alone, so no second stream is left open by a hedged read.
  const { value: service, via } = await callManager(deps, source.swarmId, { write: false, doing: msg('engineText.doing.readServiceLogs', { name: source.serviceId }) }, async (api) => {
    const spec = (await api.inspectService(source.serviceId)) as { CreatedAt?: string; Spec: { TaskTemplate?: { ContainerSpec?: { TTY?: boolean } } } };
    return { tty: spec.Spec.TaskTemplate?.ContainerSpec?.TTY === true, createdAt: spec.CreatedAt ?? null };
  });
  const engine = await hostEngine(deps, via.hostId);
  const raw = await engine.call(msg('engineText.doing.readServiceLogs', { name: source.serviceId }), (api) => api.serviceLogs(source.serviceId, { ...request, details: true }), { signal: options.signal });
  return { raw, tty: service.tty, details: true, hostId: via.hostId, createdAt: service.createdAt };
}

/** Turns an engine log stream into parsed lines, in order, stream by stream. */
export function lineReader(stream: Pick<EngineLogStream, 'tty' | 'details'>, onLine: (line: LogLine) => void) {
  const splitters = {
    stdout: createLineSplitter((raw) => onLine(parseLogLine(raw, 'stdout', stream.details))),
    stderr: createLineSplitter((raw) => onLine(parseLogLine(raw, 'stderr', stream.details))),
  };
  const demux = createFrameDemuxer((kind, payload) => splitters[kind].push(payload));
  return {
    push: (chunk: Buffer) => (stream.tty ? splitters.stdout.push(chunk) : demux.push(chunk)),
    end: () => {
      splitters.stdout.end();
      splitters.stderr.end();
    },
  };
}

/** Reads a whole (non-follow) stream line by line; resolves when it ends. */
async function readAll(stream: EngineLogStream, onLine: (line: LogLine) => void | boolean): Promise<void> {
  let stop = false;
  const reader = lineReader(stream, (line) => {
    if (!stop && onLine(line) === false) stop = true;
  });
  try {
    for await (const chunk of stream.raw) {
      reader.push(chunk as Buffer);
      if (stop) break;
    }
    reader.end();
  } finally {
    stream.raw.destroy();
  }
}

export type HistoryResult = { lines: LogLine[]; scanned: number; complete: boolean };

/**
 * Reads history without following, for a text search (`filter`, case-insensitive) or for the page
 * of older lines before `until`. Keeps only the last `limit` matches while scanning, so memory is
 * bounded whatever the history's size.
 *
 * The engine applies `tail` before `until` (tail counts from the end of the whole log), so the
 * lines before `until` are found by widening a since/until window instead: 1 s, then doubling,
 * until `limit` lines are found or the window reaches the container's start.
 */
export async function readLogHistory(deps: Deps, query: LogQuery, options: { limit: number; filter?: string; signal?: AbortSignal }): Promise<HistoryResult> {
  const limit = Math.max(1, Math.min(MAX_HISTORY_LINES, Math.floor(options.limit)));
  const needle = options.filter?.toLowerCase();
  if (needle !== undefined && needle.length > 500) throw new AppError('INVALID_INPUT', msg('streams.errors.filterTooLong'));
  const matches = (line: LogLine) => needle === undefined || needle === '' || line.text.toLowerCase().includes(needle);

  if (!query.until || query.since || query.tail !== undefined) {
    const ring = new RingBuffer<LogLine>(limit);
    let scanned = 0;
    const stream = await openEngineLogStream(deps, query, { follow: false, signal: options.signal });
    await readAll(stream, (line) => {
      scanned++;
      if (matches(line)) ring.pushBack([line]);
    });
    return { lines: ring.toArray(), scanned, complete: true };
  }

  const until = query.until;
  const untilNanos = tsToNanos(until);
  let windowNanos = 1_000_000_000n;
  let scanned = 0;
  for (let round = 0; round < 30; round++) {
    const ring = new RingBuffer<LogLine>(limit);
    const sinceParam = engineParamBefore(until, windowNanos);
    const stream = await openEngineLogStream(deps, query, { follow: false, sinceParam, signal: options.signal });
    let found = 0;
    await readAll(stream, (line) => {
      scanned++;
      if (!line.ts || tsToNanos(line.ts) > untilNanos) return;
      if (matches(line)) {
        ring.pushBack([line]);
        found++;
      }
    });
    const reachedStart = sinceParam.startsWith('0.') || windowNanos > untilNanos || (stream.createdAt !== null && isTimestamp(stream.createdAt) && untilNanos - windowNanos <= tsToNanos(stream.createdAt));
    if (found >= limit || reachedStart) return { lines: ring.toArray(), scanned, complete: reachedStart && found < limit };
    windowNanos *= 4n;
  }
  return { lines: [], scanned, complete: true };
}

/** Renders a (non-follow) stream as text, chunk by chunk, for a download: `[<ts> ][<stream> ][<task> ]<text>`.
 * Reading waits for the consumer (pull), so a slow download holds one chunk, never the history. */
export async function* logText(stream: EngineLogStream, options: { timestamps: boolean; streamNames: boolean; lineLabel?: (line: LogLine) => string | null }): AsyncGenerator<string> {
  let out: string[] = [];
  const label = (line: LogLine) => options.lineLabel?.(line) ?? (line.task ? line.task.slice(0, 12) : null);
  const format = (line: LogLine) => {
    const prefix = label(line);
    return `${options.timestamps && line.ts ? `${line.ts} ` : ''}${options.streamNames ? `${line.stream} ` : ''}${prefix ? `${prefix} ` : ''}${line.text}\n`;
  };
  const reader = lineReader(stream, (line) => out.push(format(line)));
  try {
    for await (const chunk of stream.raw) {
      reader.push(chunk as Buffer);
      if (out.length) {
        const text = out.join('');
        out = [];
        yield text;
      }
    }
    reader.end();
    if (out.length) yield out.join('');
  } finally {
    stream.raw.destroy();
  }
}
