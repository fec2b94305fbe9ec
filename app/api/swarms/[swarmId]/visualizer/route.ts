// GET /api/swarms/:swarmId/visualizer: nodes as columns with their current tasks.
import { authedRead } from '@/lib/http/authed-route.ts';
import { readVisualizer } from '@/lib/services/swarms/read-swarm.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ swarmId: string }>(
  (p) => ({ permission: 'swarm.view', target: { type: 'swarm', id: p.swarmId } }),
  ({ rt, params }) => readVisualizer(rt, params.swarmId),
);
