// A Compose project's logs: every container of the project on its host, merged. A follow opens
// one engine stream per container and writes each line into one multiplexed stream, named by its
// container (encodeLineFrame), so the follow, history and download readers take it like an
// engine's own. History reads each container's history and merges them by timestamp.
// Authorization is the caller's (the socket door: container.logs on the project).
import 'server-only';
import { PassThrough } from 'node:stream';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { COMPOSE_PROJECT_LABEL } from '@/lib/models/containers/container-views.ts';
import { mergeByTime } from '@/lib/models/logs/merge-log-lines.ts';
import type { LogLine, LogQuery } from '@/lib/realtime/stream-protocol.ts';
import type { ServiceDeps } from '@/lib/services/deps.ts';
import { hostEngine } from '@/lib/services/engine/index.ts';
import { lineReader, MAX_HISTORY_LINES, openEngineLogStream, readLogHistory, type EngineLogStream, type HistoryResult } from './container-logs.ts';
import { encodeLineFrame } from './log-frames.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;
type ProjectSource = { kind: 'project'; hostId: string; project: string };

/** The most containers one merged read opens streams to (each is an engine connection). */
export const MAX_PROJECT_LOG_CONTAINERS = 64;

type Member = { id: string; name: string };

/** The project's containers on its host, oldest name first (one-off `run` containers too: they are the project's). */
async function projectContainers(deps: Deps, source: ProjectSource): Promise<Member[]> {
  const engine = await hostEngine(deps, source.hostId);
  const rows = await engine.call(msg('engineText.doing.readProjectContainers', { name: source.project }), (api) => api.listContainers({ all: true, filters: { label: [`${COMPOSE_PROJECT_LABEL}=${source.project}`] } }));
  if (rows.length === 0) throw new AppError('NOT_FOUND', msg('streams.errors.projectEmpty', { project: source.project }));
  if (rows.length > MAX_PROJECT_LOG_CONTAINERS) throw new AppError('PRECONDITION', msg('streams.errors.projectTooMany', { project: source.project, count: rows.length, max: MAX_PROJECT_LOG_CONTAINERS }));
  return rows.map((r) => ({ id: r.Id, name: (r.Names?.[0] ?? r.Id.slice(0, 12)).replace(/^\//, '') })).sort((a, b) => a.name.localeCompare(b.name));
}

const memberQuery = (query: LogQuery, hostId: string, member: Member): LogQuery => ({ ...query, source: { kind: 'container', hostId, containerId: member.id } });

/**
 * One stream of every container's lines, each framed with its container's name. It ends when every
 * container's stream has ended; pausing it pauses every container's stream (the browser is behind).
 */
export async function openProjectLogStream(deps: Deps, query: LogQuery & { source: ProjectSource }, options: { follow: boolean; sinceParam?: string; signal?: AbortSignal }): Promise<EngineLogStream> {
  const { hostId } = query.source;
  const members = await projectContainers(deps, query.source);
  const streams = await Promise.all(members.map(async (member) => ({ member, stream: await openEngineLogStream(deps, memberQuery(query, hostId, member), options) })));
  const merged = new PassThrough();
  let open = streams.length;
  for (const { member, stream } of streams) {
    const reader = lineReader(stream, (line) => {
      if (!merged.write(encodeLineFrame(line, member.name))) stream.raw.pause();
    });
    merged.on('drain', () => stream.raw.resume());
    stream.raw.on('data', (chunk: Buffer) => reader.push(chunk));
    const ended = () => {
      reader.end();
      if (--open === 0) merged.end();
    };
    stream.raw.once('end', ended);
    // A container removed mid-follow ends its part; the others go on.
    stream.raw.once('error', ended);
  }
  merged.once('close', () => {
    for (const { stream } of streams) stream.raw.destroy();
  });
  const created = streams.map((s) => s.stream.createdAt).filter((c): c is string => c !== null).sort();
  return { raw: merged, tty: false, details: true, hostId, createdAt: created[0] ?? null };
}

/** History of every container (older pages before `until`, or a search), merged by time, the last `limit`. */
export async function readProjectHistory(deps: Deps, query: LogQuery & { source: ProjectSource }, options: { limit: number; filter?: string; signal?: AbortSignal }): Promise<HistoryResult> {
  const { hostId } = query.source;
  const members = await projectContainers(deps, query.source);
  const parts = await Promise.all(members.map(async (member) => ({ member, result: await readLogHistory(deps, memberQuery(query, hostId, member), options) })));
  const named = parts.map(({ member, result }) => result.lines.map((line): LogLine => ({ ...line, container: member.name })));
  const lines = mergeByTime(named);
  const limit = Math.max(1, Math.min(MAX_HISTORY_LINES, Math.floor(options.limit)));
  return {
    lines: lines.slice(Math.max(0, lines.length - limit)),
    scanned: parts.reduce((sum, p) => sum + p.result.scanned, 0),
    complete: parts.every((p) => p.result.complete),
  };
}
