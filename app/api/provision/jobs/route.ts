// GET /api/provision/jobs: the latest provisioning runs (for users who may provision hosts).
import { authedRead } from '@/lib/http/authed-route.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { listProvisionJobs } from '@/lib/services/hosts/provision/read-provision-jobs.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead('host.create', async ({ rt }) => listProvisionJobs(rt, {}, await requestLocale()));
