// GET /api/swarms/:swarmId/services/:serviceId/history?range=hour|day: the sum of its tasks' containers.
import { authedRead } from '@/lib/http/authed-route.ts';
import { historyPlan } from '@/lib/models/history/history-math.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { historyRangeOf } from '@/lib/schemas/history.ts';
import { onService } from '@/lib/services/access/locate-target.ts';
import { readServiceHistory } from '@/lib/services/history/read-history.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ swarmId: string; serviceId: string }>(
  (p, actor) => onService(getRuntime(), actor, ['service.view'], p),
  async ({ rt, params, url }) => readServiceHistory(rt, historyPlan(rt.config.historyIntervalSeconds), params.serviceId, historyRangeOf(url)),
);
