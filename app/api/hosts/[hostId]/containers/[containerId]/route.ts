// GET /api/hosts/:hostId/containers/:containerId: the container in detail (environment values masked).
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { authedRead } from '@/lib/http/authed-route.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { onContainer } from '@/lib/services/access/locate-target.ts';
import { readContainer } from '@/lib/services/containers/read-container.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ hostId: string; containerId: string }>(
  (p, actor) => onContainer(getRuntime(), actor, 'container.view', p),
  ({ rt, params }) => {
    if (!/^[a-f0-9]{12,64}$/.test(params.containerId)) throw new AppError('NOT_FOUND', msg('containers.errors.notFound'));
    return readContainer(rt, params);
  },
);
