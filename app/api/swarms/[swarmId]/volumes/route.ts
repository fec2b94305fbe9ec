// GET /api/swarms/:swarmId/volumes: every registered node's local volumes and the containers using them.
import { authedRead } from '@/lib/http/authed-route.ts';
import { listSwarmVolumes } from '@/lib/services/swarm-services/node-volumes.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ swarmId: string }>((p) => ({ permission: 'service.view', target: { type: 'swarm', id: p.swarmId } }), ({ rt, params }) => listSwarmVolumes(rt, params.swarmId));
