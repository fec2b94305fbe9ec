// GET /api/hosts/:hostId/projects: the host's compose projects (Wharf's and the Compose CLI's) with
// their services: those the reader's grants reach (the host's, or a project's; owners applied).
import { authedRead } from '@/lib/http/authed-route.ts';
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import { listProjects } from '@/lib/services/compose-projects/read-projects.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ hostId: string }>(() => ({ permission: 'container.view', target: ANYWHERE }), ({ rt, actor, params }) => listProjects(rt, params.hostId, actor));
