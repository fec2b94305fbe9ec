// What the audit log's own settings and downloads accept. Shared by the form and the server.
import { z } from 'zod';
import { issueText } from '@/lib/i18n/message.ts';
import { endpointUrlSchema } from './endpoint-url.ts';
import { networkHostSchema } from './hosts.ts';
import { recordId } from './ids.ts';

export const AUDIT_RETENTION_MAX_DAYS = 36_500;

/** How long entries are kept: a number of days, or null to keep every entry (the default). */
export const auditRetentionSchema = z.object({
  days: z
    .number({ error: issueText('audit.errors.retentionNumber') })
    .int(issueText('audit.errors.retentionWhole'))
    .min(1, issueText('audit.errors.retentionMin'))
    .max(AUDIT_RETENTION_MAX_DAYS, issueText('audit.errors.retentionMax', { max: String(AUDIT_RETENTION_MAX_DAYS) }))
    .nullable(),
});
export type AuditRetention = z.infer<typeof auditRetentionSchema>;

// Forwarding destinations: a syslog receiver (RFC 5424 over TCP, TLS optional) or an HTTP
// endpoint (JSON batches, optional bearer secret). Administrators only (audit.manage).
const NO_CONTROL = /^[^\p{Cc}]*$/u;

/** Literal link-local and cloud metadata addresses: never a log receiver, often a way into the machine's credentials. */
export function isLinkLocalOrMetadata(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return /^169\.254\./.test(h) || /^fe[89ab][0-9a-f]:/.test(h) || h === 'fd00:ec2::254' || /^::ffff:169\.254\./.test(h) || h === 'metadata.google.internal';
}
const NOT_METADATA = issueText('audit.errors.notMetadata');

export const destinationNameSchema = z
  .string()
  .trim()
  .min(1, issueText('audit.errors.destinationName'))
  .max(60, issueText('audit.errors.atMost', { max: 60 }))
  .regex(NO_CONTROL, issueText('audit.errors.noControl'));

const destinationHostSchema = networkHostSchema.refine((h) => !isLinkLocalOrMetadata(h), NOT_METADATA);

const destinationPortSchema = z.coerce
  .number({ error: issueText('audit.errors.portNumber') })
  .int(issueText('audit.errors.portWhole'))
  .min(1, issueText('audit.errors.portRange'))
  .max(65535, issueText('audit.errors.portRange'));

const caSchema = z
  .string()
  .trim()
  .max(16_384, issueText('audit.errors.caTooLong'))
  .refine((pem) => pem === '' || /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/.test(pem), issueText('audit.errors.caPem'))
  .optional()
  .default('');

export const destinationUrlSchema = endpointUrlSchema(
  {
    required: issueText('audit.errors.endpointUrl'),
    tooLong: issueText('audit.errors.atMost', { max: '2048' }),
    fullUrl: issueText('audit.errors.fullUrl'),
    httpUrl: issueText('audit.errors.httpUrl'),
    noCredentials: issueText('audit.errors.noCredentials'),
  },
  (url) => (isLinkLocalOrMetadata(url.hostname) ? NOT_METADATA : null),
);

const secretSchema = z.string().max(4096, issueText('audit.errors.atMost', { max: '4096' })).regex(NO_CONTROL, issueText('audit.errors.noControl')).optional().default('');

export const syslogDestinationSchema = z.object({
  kind: z.literal('syslog'),
  name: destinationNameSchema,
  host: destinationHostSchema,
  port: destinationPortSchema,
  tls: z.boolean().optional().default(false),
  ca: caSchema,
  enabled: z.boolean().optional().default(true),
});
export const httpDestinationSchema = z.object({
  kind: z.literal('http'),
  name: destinationNameSchema,
  url: destinationUrlSchema,
  /** Sent as `Authorization: Bearer …`; sealed at rest, never shown again. */
  secret: secretSchema,
  ca: caSchema,
  enabled: z.boolean().optional().default(true),
});

export const auditDestinationSchema = z.discriminatedUnion('kind', [syslogDestinationSchema, httpDestinationSchema], {
  error: issueText('audit.errors.chooseKind'),
});
export type AuditDestinationInput = z.infer<typeof auditDestinationSchema>;

export const auditDestinationIdSchema = recordId('a destination id');

/** Editing: the same fields; a blank secret keeps the stored one unless `clearSecret`. */
export const updateAuditDestinationSchema = z.discriminatedUnion('kind', [
  syslogDestinationSchema.extend({ destinationId: auditDestinationIdSchema }),
  httpDestinationSchema.extend({ destinationId: auditDestinationIdSchema, clearSecret: z.boolean().optional().default(false) }),
]);
export type UpdateAuditDestinationInput = z.infer<typeof updateAuditDestinationSchema>;

export const auditDestinationRefSchema = z.object({ destinationId: auditDestinationIdSchema });
export const auditDestinationEnabledSchema = z.object({ destinationId: auditDestinationIdSchema, enabled: z.boolean() });
