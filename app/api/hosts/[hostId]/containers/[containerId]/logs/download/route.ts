// GET: a container's logs as a text file, streamed from the engine (never held in memory).
// Same door as every read: session, ids, then authorize() for container.logs on the container
// (its host, or its swarm and stack when it is a task).
// Query: stdout, stderr (1/0, default both), timestamps (1/0, default 1), since, until (RFC 3339), tail.
import { authedDownload } from '@/lib/http/authed-route.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { onContainer } from '@/lib/services/access/locate-target.ts';
import { parseInput } from '@/lib/schemas/parse-input.ts';
import { logQuerySchema } from '@/lib/schemas/streams.ts';
import { logText, openEngineLogStream } from '@/lib/services/streams/logs/container-logs.ts';

type Params = { hostId: string; containerId: string };

export const GET = authedDownload<Params>(
  (p, actor) => onContainer(getRuntime(), actor, 'container.logs', p),
  async ({ rt, params: { hostId, containerId }, url, signal }) => {
    const flag = (name: string, fallback: boolean) => (url.searchParams.has(name) ? url.searchParams.get(name) === '1' : fallback);
    const tail = url.searchParams.get('tail');
    const query = parseInput(logQuerySchema, {
      source: { kind: 'container', hostId, containerId },
      stdout: flag('stdout', true),
      stderr: flag('stderr', true),
      since: url.searchParams.get('since') ?? undefined,
      until: url.searchParams.get('until') ?? undefined,
      tail: tail === null || tail === '' ? undefined : Number(tail),
    });
    const engineStream = await openEngineLogStream(rt, query, { follow: false, signal });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    return {
      filename: `${containerId.slice(0, 12)}-logs-${stamp}.txt`,
      contentType: 'text/plain; charset=utf-8',
      chunks: logText(engineStream, { timestamps: flag('timestamps', true), streamNames: query.stdout && query.stderr }),
    };
  },
);
