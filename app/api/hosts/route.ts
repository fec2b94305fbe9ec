// GET /api/hosts: the hosts the user may see.
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { authedRead } from '@/lib/http/authed-route.ts';
import { listHosts } from '@/lib/services/hosts/read-hosts.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead(() => ({ permission: 'host.view', target: ANYWHERE }), async ({ rt, actor }) => listHosts(rt, actor, await requestLocale()));
