// GET /api/registries/:registryId/tags?repository=&last=: a page of a repository's tags, described.
import { authedRead } from '@/lib/http/authed-route.ts';
import { parseInput } from '@/lib/schemas/parse-input.ts';
import { browseTagsSchema, pageMarker } from '@/lib/schemas/registries.ts';
import { listTags } from '@/lib/services/registries/browse-registry.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ registryId: string }>(
  (p) => ({ permission: 'registry.view', target: { type: 'registry', id: p.registryId } }),
  ({ rt, params, url }) => {
    const input = parseInput(browseTagsSchema, { registryId: params.registryId, repository: url.searchParams.get('repository') ?? '' });
    return listTags(rt, input.registryId, input.repository, pageMarker(url.searchParams.get('last')));
  },
);
