// GET /api/swarms/:swarmId/stacks/:stackName/deploy: the stack's deploy under way (its step) or interrupted, else null.
import { authedRead } from '@/lib/http/authed-route.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { onStack } from '@/lib/services/access/locate-target.ts';
import { readStackDeploy } from '@/lib/services/stacks/read-stack-deploy.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ swarmId: string; stackName: string }>(
  (p, actor) => onStack(getRuntime(), actor, 'stack.view', p),
  async ({ rt, params }) => readStackDeploy(rt, params.swarmId, params.stackName, await requestLocale()),
);
