// GET /api/hosts/:hostId/projects/:name: one compose project, its file (Wharf's), services and revisions.
import { authedRead } from '@/lib/http/authed-route.ts';
import { readProjectDetail } from '@/lib/services/compose-projects/read-projects.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ hostId: string; name: string }>(
  (p) => ({ permission: 'container.view', target: { type: 'host', id: p.hostId } }),
  async ({ rt, params }) => readProjectDetail(rt, params.hostId, params.name, await requestLocale()),
);
