// GET /api/hosts/:hostId/projects: the host's compose projects (Wharf's and the Compose CLI's) with their services.
import { authedRead } from '@/lib/http/authed-route.ts';
import { listProjects } from '@/lib/services/compose-projects/read-projects.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ hostId: string }>((p) => ({ permission: 'container.view', target: { type: 'host', id: p.hostId } }), ({ rt, params }) => listProjects(rt, params.hostId));
