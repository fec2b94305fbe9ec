// GET /api/hosts/:hostId: one host's view.
import { authedRead } from '@/lib/http/authed-route.ts';
import { getHost } from '@/lib/services/hosts/read-hosts.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ hostId: string }>(
  (params) => ({ permission: 'host.view', target: { type: 'host', id: params.hostId } }),
  async ({ rt, params }) => getHost(rt, params.hostId, await requestLocale()),
);
