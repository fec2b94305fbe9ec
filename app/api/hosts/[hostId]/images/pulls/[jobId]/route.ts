// GET /api/hosts/:hostId/images/pulls/:jobId[?wait=ms]: the progress of a pull (or push) started by
// an action; with `wait`, a running job is answered when it ends or after that long (a long poll).
import { authedRead } from '@/lib/http/authed-route.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { pullJobWaitMs } from '@/lib/schemas/containers.ts';
import { awaitPullJob } from '@/lib/services/containers/pull-image.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ hostId: string; jobId: string }>(
  (p) => ({ permission: 'container.view', target: { type: 'host', id: p.hostId } }),
  async ({ rt, params, url, signal }) => awaitPullJob(rt, params, pullJobWaitMs(url.searchParams.get('wait')), await requestLocale(), signal),
);
