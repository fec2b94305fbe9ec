// GET: a service's logs (every task merged) as a text file, streamed from a manager, each line
// named by its task and node. The same door as the service's logs page: service.view and
// container.logs on the service (its swarm, and its stack when it has one).
// Query: stdout, stderr (1/0, default both), timestamps (1/0, default 1), since, until (RFC 3339), tail.
import { authedDownload } from '@/lib/http/authed-route.ts';
import { logDownloadQuery } from '@/lib/http/log-download-query.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { onService } from '@/lib/services/access/locate-target.ts';
import { downloadServiceLogs } from '@/lib/services/streams/logs/service-log-download.ts';

type Params = { swarmId: string; serviceId: string };

export const GET = authedDownload<Params>(
  (p, actor) => onService(getRuntime(), actor, ['service.view', 'container.logs'], p),
  async ({ rt, params: { swarmId, serviceId }, url, signal }) => {
    const { query, timestamps } = logDownloadQuery(url, { kind: 'service', swarmId, serviceId });
    const { filename, chunks } = await downloadServiceLogs(rt, query, { timestamps, signal });
    return { filename, contentType: 'text/plain; charset=utf-8', chunks };
  },
);
