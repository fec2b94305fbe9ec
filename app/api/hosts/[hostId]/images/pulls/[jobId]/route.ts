// GET /api/hosts/:hostId/images/pulls/:jobId: the progress of a pull started by pullImageAction.
import { authedRead } from '@/lib/http/authed-route.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { readPullJob } from '@/lib/services/containers/pull-image.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ hostId: string; jobId: string }>((p) => ({ permission: 'container.view', target: { type: 'host', id: p.hostId } }), async ({ rt, params }) => readPullJob(rt, params, await requestLocale()));
