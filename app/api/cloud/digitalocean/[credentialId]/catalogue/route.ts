// GET /api/cloud/digitalocean/:credentialId/catalogue: regions, sizes and images from the API.
import { authedRead } from '@/lib/http/authed-route.ts';
import { readDigitalOceanCatalogue } from '@/lib/services/hosts/cloud/read-digitalocean-catalogue.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ credentialId: string }>('host.create', ({ rt, params }) => readDigitalOceanCatalogue(rt, params.credentialId));
