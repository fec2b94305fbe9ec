// GET /api/registries/:registryId/usage: the stacks whose services take images from the registry.
import { authedRead } from '@/lib/http/authed-route.ts';
import { readRegistryUsage } from '@/lib/services/registries/browse-registry.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ registryId: string }>(
  (p) => ({ permission: 'registry.view', target: { type: 'registry', id: p.registryId } }),
  ({ rt, params }) => readRegistryUsage(rt, params.registryId),
);
