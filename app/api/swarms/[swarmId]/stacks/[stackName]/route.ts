// GET /api/swarms/:swarmId/stacks/:stackName: services, tasks, networks, secrets, configs, revisions.
import { authedRead } from '@/lib/http/authed-route.ts';
import { readStack } from '@/lib/services/stacks/read-stacks.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ swarmId: string; stackName: string }>(
  (p) => ({ permission: 'stack.view', target: { type: 'swarm', id: p.swarmId } }),
  ({ rt, params }) => readStack(rt, params.swarmId, params.stackName),
);
