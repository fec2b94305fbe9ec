// GET: a container's logs as a text file, streamed from the engine (never held in memory).
// Same door as every read: session, ids, then authorize() for container.logs on the container
// (its host, or its swarm and stack when it is a task).
// Query: stdout, stderr (1/0, default both), timestamps (1/0, default 1), since, until (RFC 3339), tail.
import { authedDownload } from '@/lib/http/authed-route.ts';
import { logDownloadQuery } from '@/lib/http/log-download-query.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { onContainer } from '@/lib/services/access/locate-target.ts';
import { logText, openEngineLogStream } from '@/lib/services/streams/logs/container-logs.ts';

type Params = { hostId: string; containerId: string };

export const GET = authedDownload<Params>(
  (p, actor) => onContainer(getRuntime(), actor, 'container.logs', p),
  async ({ rt, params: { hostId, containerId }, url, signal }) => {
    const { query, timestamps } = logDownloadQuery(url, { kind: 'container', hostId, containerId });
    const engineStream = await openEngineLogStream(rt, query, { follow: false, signal });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return {
      filename: `${containerId.slice(0, 12)}-logs-${stamp}.txt`,
      contentType: 'text/plain; charset=utf-8',
      chunks: logText(engineStream, { timestamps, streamNames: query.stdout && query.stderr }),
    };
  },
);
