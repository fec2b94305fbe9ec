// GET /api/swarms/:swarmId/stacks/:stackName/revisions/:number: one revision's file, and the
// names of its variables and files (never their values).
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { authedRead } from '@/lib/http/authed-route.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { onStack } from '@/lib/services/access/locate-target.ts';
import { readRevision } from '@/lib/services/stacks/stack-revisions.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ swarmId: string; stackName: string; number: string }>(
  (p, actor) => onStack(getRuntime(), actor, 'stack.view', p),
  async ({ rt, params }) => {
    const number = Number(params.number);
    if (!Number.isInteger(number) || number < 1) throw new AppError('NOT_FOUND', msg('stacks.errors.noSuchRevision'));
    return readRevision(rt, params.swarmId, params.stackName, number, await requestLocale());
  },
);
