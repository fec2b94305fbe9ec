// GET /api/swarms/:swarmId/image-updates[?service=ID]: whether the registry has a newer image for
// each service the user may see (or one), asked after the list has rendered.
import { authedRead } from '@/lib/http/authed-route.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { spokenChecks } from '@/lib/models/registries/image-updates.ts';
import { checkSwarmServices } from '@/lib/services/registries/check-workload-updates.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ swarmId: string }>(
  (p) => ({ permission: 'service.view', target: { type: 'in-swarm', id: p.swarmId } }),
  async ({ rt, actor, params, url }) => {
    const service = url.searchParams.get('service');
    const checks = await checkSwarmServices(rt, actor, { swarmId: params.swarmId, ...(service && /^[a-z0-9]{10,40}$/.test(service) ? { serviceId: service } : {}) });
    const locale = await requestLocale();
    return spokenChecks(checks, (m) => renderMessage(m, locale));
  },
);
