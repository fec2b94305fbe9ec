// GET /api/swarms/:swarmId/services/:serviceId: one service with its tasks and spec.
import { authedRead } from '@/lib/http/authed-route.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { onService } from '@/lib/services/access/locate-target.ts';
import { readService } from '@/lib/services/swarm-services/manage-services.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ swarmId: string; serviceId: string }>((p, actor) => onService(getRuntime(), actor, ['service.view'], p), ({ rt, params }) => readService(rt, params.swarmId, params.serviceId));
