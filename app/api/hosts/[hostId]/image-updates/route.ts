// GET /api/hosts/:hostId/image-updates[?container=ID]: whether the registry has a newer image for
// each container of the host (or one), asked after the list has rendered.
import { authedRead } from '@/lib/http/authed-route.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { spokenChecks } from '@/lib/models/registries/image-updates.ts';
import { checkHostContainers } from '@/lib/services/registries/check-workload-updates.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ hostId: string }>(
  (p) => ({ permission: 'container.view', target: { type: 'host', id: p.hostId } }),
  async ({ rt, actor, params, url }) => {
    const container = url.searchParams.get('container');
    const checks = await checkHostContainers(rt, actor, { hostId: params.hostId, ...(container && /^[a-f0-9]{12,64}$/.test(container) ? { containerId: container } : {}) });
    const locale = await requestLocale();
    return spokenChecks(checks, (m) => renderMessage(m, locale));
  },
);
