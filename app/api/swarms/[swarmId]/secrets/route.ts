// GET /api/swarms/:swarmId/secrets: the swarm's secrets and the services that use them.
import { authedRead } from '@/lib/http/authed-route.ts';
import { listSwarmObjects } from '@/lib/services/swarm-services/swarm-objects.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ swarmId: string }>((p) => ({ permission: 'service.view', target: { type: 'swarm', id: p.swarmId } }), ({ rt, params }) => listSwarmObjects(rt, params.swarmId, 'secret'));
