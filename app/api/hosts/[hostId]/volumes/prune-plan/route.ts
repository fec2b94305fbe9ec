// GET /api/hosts/:hostId/volumes/prune-plan?mode=anonymous|unused: what a volume prune would remove.
import { authedRead } from '@/lib/http/authed-route.ts';
import { planPrune } from '@/lib/services/containers/read-host-resources.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ hostId: string }>((p) => ({ permission: 'container.view', target: { type: 'host', id: p.hostId } }), ({ rt, params, url }) =>
  planPrune(rt, params.hostId, { kind: 'volumes', mode: url.searchParams.get('mode') === 'unused' ? 'unused' : 'anonymous' }),
);
