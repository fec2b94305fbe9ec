// GET /api/swarms/:swarmId: the cluster, its nodes and quorum, through a manager.
import { authedRead } from '@/lib/http/authed-route.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { readSwarmOverview } from '@/lib/services/swarms/read-swarm.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ swarmId: string }>(
  (p) => ({ permission: 'swarm.view', target: { type: 'swarm', id: p.swarmId } }),
  async ({ rt, params }) => readSwarmOverview(rt, params.swarmId, await requestLocale()),
);
