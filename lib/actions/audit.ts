'use server';
// Server actions for the audit log's own settings: thin wrappers over lib/services/audit.
import { authedAction } from './action-client.ts';
import { auditRetentionSchema } from '@/lib/schemas/audit.ts';
import { changeAuditRetention } from '@/lib/services/audit/audit-retention.ts';

export const changeAuditRetentionAction = authedAction('audit.retention.change', auditRetentionSchema, 'audit.manage', async ({ rt, actor, input }) => {
  const { retention, pruned } = await changeAuditRetention(rt, actor, input);
  return { days: retention.days, removed: pruned.removed };
});
