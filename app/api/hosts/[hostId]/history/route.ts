// GET /api/hosts/:hostId/history?range=hour|day: the host's CPU, memory, network and disk history.
import { authedRead } from '@/lib/http/authed-route.ts';
import { historyPlan } from '@/lib/models/history/history-math.ts';
import { historyRangeOf } from '@/lib/schemas/history.ts';
import { readHostHistory } from '@/lib/services/history/read-history.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ hostId: string }>(
  (params) => ({ permission: 'host.view', target: { type: 'host', id: params.hostId } }),
  async ({ rt, params, url }) => readHostHistory(rt, historyPlan(rt.config.historyIntervalSeconds), params.hostId, historyRangeOf(url)),
);
