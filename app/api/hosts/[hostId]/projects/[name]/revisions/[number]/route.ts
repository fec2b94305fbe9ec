// GET /api/hosts/:hostId/projects/:name/revisions/:number: one revision of a compose project kept by
// Wharf: its file, and the names of its variables and files (never their values).
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { authedRead } from '@/lib/http/authed-route.ts';
import { readProjectRevision } from '@/lib/services/compose-projects/project-revisions.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ hostId: string; name: string; number: string }>(
  (p) => ({ permission: 'container.view', target: { type: 'host', id: p.hostId } }),
  ({ rt, params }) => {
    const number = Number(params.number);
    if (!Number.isInteger(number) || number < 1) throw new AppError('NOT_FOUND', msg('compose.errors.noSuchRevision'));
    return readProjectRevision(rt, params.hostId, params.name, number);
  },
);
