// GET /api/hosts/:hostId/images/prune-plan?mode=dangling|unused: what an image prune would remove, and the space.
import { authedRead } from '@/lib/http/authed-route.ts';
import { planPrune } from '@/lib/services/containers/read-host-resources.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ hostId: string }>((p) => ({ permission: 'container.view', target: { type: 'host', id: p.hostId } }), ({ rt, params, url }) =>
  planPrune(rt, params.hostId, { kind: 'images', mode: url.searchParams.get('mode') === 'unused' ? 'unused' : 'dangling' }),
);
