// GET /api/hosts/:hostId/projects/:name/revisions/:number: one revision of a compose project kept by
// Wharf: its file, and the names of its variables and files (never their values).
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { authedRead } from '@/lib/http/authed-route.ts';
import { readProjectRevision } from '@/lib/services/compose-projects/project-revisions.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { onProject } from '@/lib/services/access/locate-target.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ hostId: string; name: string; number: string }>(
  (p, actor) => onProject(getRuntime(), actor, 'container.view', p),
  ({ rt, params }) => {
    const number = Number(params.number);
    if (!Number.isInteger(number) || number < 1) throw new AppError('NOT_FOUND', msg('compose.errors.noSuchRevision'));
    return readProjectRevision(rt, params.hostId, params.name, number);
  },
);
