// GET: the audit chain check (case 46): "intact through entry N" or the first broken entry.
import { authedRead } from '@/lib/http/authed-route.ts';
import { verifyAuditChain } from '@/lib/services/audit/verify-audit-chain.ts';

export const GET = authedRead('audit.view', ({ rt }) => verifyAuditChain(rt));
