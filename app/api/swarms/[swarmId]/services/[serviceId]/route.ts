// GET /api/swarms/:swarmId/services/:serviceId: one service with its tasks and spec.
import { authedRead } from '@/lib/http/authed-route.ts';
import { readService } from '@/lib/services/swarm-services/manage-services.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ swarmId: string; serviceId: string }>((p) => ({ permission: 'service.view', target: { type: 'swarm', id: p.swarmId } }), ({ rt, params }) => readService(rt, params.swarmId, params.serviceId));
