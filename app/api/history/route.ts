// GET /api/history: the dashboard's last hour of CPU and memory, summed over the hosts the reader may see.
import { authedRead } from '@/lib/http/authed-route.ts';
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { historyPlan } from '@/lib/models/history/history-math.ts';
import { readOverviewHistory } from '@/lib/services/history/read-history.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead(
  () => ({ permission: 'host.view', target: ANYWHERE }),
  async ({ rt, actor }) => readOverviewHistory(rt, historyPlan(rt.config.historyIntervalSeconds), actor),
);
