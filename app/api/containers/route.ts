// GET /api/containers[?host=ID]: containers of every host the user may see (or one), each host's
// listing outcome beside them.
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { authedRead } from '@/lib/http/authed-route.ts';
import { listContainers } from '@/lib/services/containers/list-containers.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead(() => ({ permission: 'container.view', target: ANYWHERE }), ({ rt, actor, url }) => {
  const host = url.searchParams.get('host');
  return listContainers(rt, actor, host && /^[a-z0-9]{10,40}$/.test(host) ? { hostId: host } : {});
});
