// GET /api/registries/:registryId/repositories?last=: a page of the registry's catalog.
import { authedRead } from '@/lib/http/authed-route.ts';
import { listRepositories } from '@/lib/services/registries/browse-registry.ts';
import { pageMarker } from '@/lib/schemas/registries.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ registryId: string }>(
  (p) => ({ permission: 'registry.view', target: { type: 'registry', id: p.registryId } }),
  ({ rt, params, url }) => listRepositories(rt, params.registryId, pageMarker(url.searchParams.get('last'))),
);
