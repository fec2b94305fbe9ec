// GET /api/hosts/:hostId/images: the host's images and the containers that use them.
import { authedRead } from '@/lib/http/authed-route.ts';
import { listHostImages } from '@/lib/services/containers/read-host-resources.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ hostId: string }>((p) => ({ permission: 'container.view', target: { type: 'host', id: p.hostId } }), ({ rt, params }) => listHostImages(rt, params.hostId));
