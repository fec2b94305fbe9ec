// GET /api/registries: the registries the user may see.
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { authedRead } from '@/lib/http/authed-route.ts';
import { listRegistries } from '@/lib/services/registries/browse-registry.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead(() => ({ permission: 'registry.view', target: ANYWHERE }), ({ rt, actor }) => listRegistries(rt, actor));
