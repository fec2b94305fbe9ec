'use server';
// Server actions for the audit log's own settings: thin wrappers over lib/services/audit.
import { authedAction } from './action-client.ts';
import {
  auditDestinationEnabledSchema,
  auditDestinationRefSchema,
  auditDestinationSchema,
  auditRetentionSchema,
  updateAuditDestinationSchema,
} from '@/lib/schemas/audit.ts';
import { changeAuditRetention } from '@/lib/services/audit/audit-retention.ts';
import {
  createAuditDestination,
  removeAuditDestination,
  sendAuditDestinationTest,
  setAuditDestinationEnabled,
  updateAuditDestination,
} from '@/lib/services/audit/forwarding/audit-destinations.ts';

export const changeAuditRetentionAction = authedAction('audit.retention.change', auditRetentionSchema, 'audit.manage', async ({ rt, actor, input }) => {
  const { retention, pruned } = await changeAuditRetention(rt, actor, input);
  return { days: retention.days, removed: pruned.removed };
});

export const createAuditDestinationAction = authedAction('audit.destination.create', auditDestinationSchema, 'audit.manage', ({ rt, actor, input }) =>
  createAuditDestination(rt, actor, input),
);

export const updateAuditDestinationAction = authedAction('audit.destination.update', updateAuditDestinationSchema, 'audit.manage', ({ rt, actor, input }) =>
  updateAuditDestination(rt, actor, input),
);

export const setAuditDestinationEnabledAction = authedAction('audit.destination.enable', auditDestinationEnabledSchema, 'audit.manage', ({ rt, actor, input }) =>
  setAuditDestinationEnabled(rt, actor, input),
);

export const removeAuditDestinationAction = authedAction('audit.destination.delete', auditDestinationRefSchema, 'audit.manage', ({ rt, actor, input }) =>
  removeAuditDestination(rt, actor, input),
);

export const testAuditDestinationAction = authedAction('audit.destination.test', auditDestinationRefSchema, 'audit.manage', ({ rt, actor, input }) =>
  sendAuditDestinationTest(rt, actor, input),
);
