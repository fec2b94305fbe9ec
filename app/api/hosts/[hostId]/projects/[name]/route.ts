// GET /api/hosts/:hostId/projects/:name: one compose project, its file (Wharf's), services and revisions.
import { authedRead } from '@/lib/http/authed-route.ts';
import { readProjectDetail } from '@/lib/services/compose-projects/read-projects.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { onProject } from '@/lib/services/access/locate-target.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ hostId: string; name: string }>(
  (p, actor) => onProject(getRuntime(), actor, 'container.view', p),
  async ({ rt, params }) => readProjectDetail(rt, params.hostId, params.name, await requestLocale()),
);
