// GET /api/swarms/:swarmId/services: every service on the swarm the user may see (the swarm's, or
// its stacks' when their grants are on stacks), with replicas and update progress.
import { authedRead } from '@/lib/http/authed-route.ts';
import { listSwarmServices } from '@/lib/services/swarm-services/manage-services.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ swarmId: string }>((p) => ({ permission: 'service.view', target: { type: 'in-swarm', id: p.swarmId } }), ({ rt, actor, params }) => listSwarmServices(rt, params.swarmId, actor));
