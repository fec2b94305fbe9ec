// GET /api/provision/jobs/:jobId: one run with its steps and their logs.
import { authedRead } from '@/lib/http/authed-route.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { readProvisionJob } from '@/lib/services/hosts/provision/read-provision-jobs.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ jobId: string }>('host.create', async ({ rt, params }) => readProvisionJob(rt, params.jobId, await requestLocale()));
