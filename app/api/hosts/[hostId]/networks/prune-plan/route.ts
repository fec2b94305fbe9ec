// GET /api/hosts/:hostId/networks/prune-plan: the unused local networks a prune would remove.
import { authedRead } from '@/lib/http/authed-route.ts';
import { planPrune } from '@/lib/services/containers/read-host-resources.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ hostId: string }>((p) => ({ permission: 'container.view', target: { type: 'host', id: p.hostId } }), ({ rt, params }) => planPrune(rt, params.hostId, { kind: 'networks' }));
