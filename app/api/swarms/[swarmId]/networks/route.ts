// GET /api/swarms/:swarmId/networks: the swarm-scoped networks and the services attached to them.
import { authedRead } from '@/lib/http/authed-route.ts';
import { listSwarmNetworks } from '@/lib/services/swarm-services/swarm-objects.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ swarmId: string }>((p) => ({ permission: 'service.view', target: { type: 'swarm', id: p.swarmId } }), ({ rt, params }) => listSwarmNetworks(rt, params.swarmId));
