// GET: the audit forwarding destinations with their state (delivered through, backlog, last
// error), for the Audit page's live view. Administrators (audit.manage); no secret is in it.
import { authedRead } from '@/lib/http/authed-route.ts';
import { listAuditDestinations } from '@/lib/services/audit/forwarding/audit-destinations.ts';

export const GET = authedRead('audit.manage', ({ rt }) => listAuditDestinations(rt));
