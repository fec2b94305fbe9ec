// GET /api/hosts/:hostId/networks: the host's networks and the containers that use them.
import { authedRead } from '@/lib/http/authed-route.ts';
import { listHostNetworks } from '@/lib/services/containers/read-host-resources.ts';

export const dynamic = 'force-dynamic';

export const GET = authedRead<{ hostId: string }>((p) => ({ permission: 'container.view', target: { type: 'host', id: p.hostId } }), ({ rt, params }) => listHostNetworks(rt, params.hostId));
