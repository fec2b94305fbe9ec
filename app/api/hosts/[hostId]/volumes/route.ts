// GET /api/hosts/:hostId/volumes: the host's volumes and the containers that use them.
import { authedRead } from '@/lib/http/authed-route.ts';
import { listHostVolumes } from '@/lib/services/containers/read-host-resources.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ hostId: string }>((p) => ({ permission: 'container.view', target: { type: 'host', id: p.hostId } }), ({ rt, params }) => listHostVolumes(rt, params.hostId));
