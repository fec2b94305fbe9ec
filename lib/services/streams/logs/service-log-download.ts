// A service's logs as a text file: every task merged, as the logs page shows them, each line named
// by its task and node the way the CLI names them (`demo_worker.1@lab-1`), read from the service's
// task list at the start of the download. Lines stream from the engine; nothing is held.
import 'server-only';
import { taskLabel, taskNames } from '@/lib/models/logs/task-label.ts';
import type { LogQuery, LogSource } from '@/lib/realtime/stream-protocol.ts';
import { readService } from '@/lib/services/swarm-services/manage-services.ts';
import { logText, openEngineLogStream } from './container-logs.ts';

type Deps = Parameters<typeof readService>[0];

export type LogDownload = { filename: string; chunks: AsyncGenerator<string> };

const stampNow = () => new Date().toISOString().replace(/[:.]/g, '-');

/** Opens the download of a service's logs. Authorization is the caller's (the route's door). */
export async function downloadServiceLogs(deps: Deps, query: Omit<LogQuery, 'source'> & { source: Extract<LogSource, { kind: 'service' }> }, options: { timestamps: boolean; signal?: AbortSignal }): Promise<LogDownload> {
  const { service, tasks } = await readService(deps, query.source.swarmId, query.source.serviceId);
  const names = taskNames(tasks, tasks.flatMap((t) => (t.nodeId && t.hostname ? [[t.nodeId, t.hostname] as const] : [])));
  const stream = await openEngineLogStream(deps, query, { follow: false, signal: options.signal });
  return {
    filename: `${service.name}-logs-${stampNow()}.txt`,
    chunks: logText(stream, { timestamps: options.timestamps, streamNames: query.stdout && query.stderr, lineLabel: (line) => taskLabel(line, names) }),
  };
}
