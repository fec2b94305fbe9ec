// GET /api/cloud/credentials: saved cloud accounts by name and token hint (never the token).
import { authedRead } from '@/lib/http/authed-route.ts';
import { listCloudCredentials } from '@/lib/services/hosts/cloud/cloud-credentials.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead('host.create', ({ rt }) => listCloudCredentials(rt));
