// GET /api/swarms/:swarmId/stacks/:stackName: services, tasks, networks, secrets, configs, revisions.
import { authedRead } from '@/lib/http/authed-route.ts';
import { stackTarget } from '@/lib/models/access/containment.ts';
import { readStack } from '@/lib/services/stacks/read-stacks.ts';
import { requestLocale } from '@/lib/i18n/next/request-locale.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ swarmId: string; stackName: string }>(
  (p) => ({ permission: 'stack.view', target: stackTarget(p.swarmId, p.stackName) }),
  async ({ rt, params }) => readStack(rt, params.swarmId, params.stackName, await requestLocale()),
);
