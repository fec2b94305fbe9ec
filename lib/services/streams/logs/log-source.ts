// The one way the socket handlers open or read a log source: a container's or a service's logs
// come from one engine stream, a Compose project's from every container's, merged.
import 'server-only';
import type { LogQuery, LogSource } from '@/lib/realtime/stream-protocol.ts';
import { openEngineLogStream, readLogHistory, type EngineLogStream, type HistoryResult } from './container-logs.ts';
import { openProjectLogStream, readProjectHistory } from './project-logs.ts';

type Deps = Parameters<typeof openEngineLogStream>[0];
type ProjectQuery = LogQuery & { source: Extract<LogSource, { kind: 'project' }> };

const isProject = (query: LogQuery): query is ProjectQuery => query.source.kind === 'project';

export function openLogStream(deps: Deps, query: LogQuery, options: { follow: boolean; signal?: AbortSignal }): Promise<EngineLogStream> {
  return isProject(query) ? openProjectLogStream(deps, query, options) : openEngineLogStream(deps, query, options);
}

export function readHistory(deps: Deps, query: LogQuery, options: { limit: number; filter?: string; signal?: AbortSignal }): Promise<HistoryResult> {
  return isProject(query) ? readProjectHistory(deps, query, options) : readLogHistory(deps, query, options);
}
