// GET /api/swarms/:swarmId/nodes/:nodeId/history?range=hour|day: the node's history, which is its
// registered host's (null when no registered host runs the node). The node page's permission.
import { authedRead } from '@/lib/http/authed-route.ts';
import { historyPlan } from '@/lib/models/history/history-math.ts';
import { historyRangeOf } from '@/lib/schemas/history.ts';
import { readNodeHistory } from '@/lib/services/history/read-history.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ swarmId: string; nodeId: string }>(
  (p) => ({ permission: 'swarm.view', target: { type: 'swarm', id: p.swarmId } }),
  async ({ rt, params, url }) => readNodeHistory(rt, historyPlan(rt.config.historyIntervalSeconds), params.nodeId, historyRangeOf(url)),
);
