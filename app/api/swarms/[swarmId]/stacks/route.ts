// GET /api/swarms/:swarmId/stacks: stacks on the swarm, deployed by Wharf or by the CLI.
import { authedRead } from '@/lib/http/authed-route.ts';
import { listStacks } from '@/lib/services/stacks/read-stacks.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ swarmId: string }>(
  (p) => ({ permission: 'stack.view', target: { type: 'in-swarm', id: p.swarmId } }),
  ({ rt, actor, params }) => listStacks(rt, params.swarmId, actor),
);
