// GET /api/hosts/:hostId/cli-bundles: the docker CLI bundles issued for this host (never a key),
// for those who manage it.
import { authedRead } from '@/lib/http/authed-route.ts';
import { listHostBundles } from '@/lib/services/hosts/lifecycle/read-cli-bundles.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ hostId: string }>(
  (params) => ({ permission: 'host.update', target: { type: 'host', id: params.hostId } }),
  ({ rt, params }) => listHostBundles(rt, params.hostId),
);
