// GET /api/swarms/:swarmId/nodes/:nodeId: one node, raw and readable, with its tasks.
import { authedRead } from '@/lib/http/authed-route.ts';
import { readNode } from '@/lib/services/swarms/read-swarm.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ swarmId: string; nodeId: string }>(
  (p) => ({ permission: 'swarm.view', target: { type: 'swarm', id: p.swarmId } }),
  ({ rt, params }) => readNode(rt, params.swarmId, params.nodeId),
);
