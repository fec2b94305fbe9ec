// What the audit log's own settings and downloads accept. Shared by the form and the server.
import { z } from 'zod';

export const AUDIT_RETENTION_MAX_DAYS = 36_500;

/** How long entries are kept: a number of days, or null to keep every entry (the default). */
export const auditRetentionSchema = z.object({
  days: z
    .number({ error: 'Enter a whole number of days, or leave it empty to keep every entry.' })
    .int('Enter a whole number of days.')
    .min(1, 'Keep entries for at least 1 day.')
    .max(AUDIT_RETENTION_MAX_DAYS, `At most ${AUDIT_RETENTION_MAX_DAYS} days (100 years).`)
    .nullable(),
});
export type AuditRetention = z.infer<typeof auditRetentionSchema>;
