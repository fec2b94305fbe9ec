// GET /api/swarms: the swarms the user may see.
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { authedRead } from '@/lib/http/authed-route.ts';
import { listSwarms } from '@/lib/services/swarms/list-swarms.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead(() => ({ permission: 'swarm.view', target: ANYWHERE }), ({ rt, actor }) => listSwarms(rt, actor));
