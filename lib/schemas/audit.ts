// What the audit log's own settings and downloads accept. Shared by the form and the server.
import { z } from 'zod';
import { networkHostSchema } from './hosts.ts';
import { recordId } from './ids.ts';

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

// Forwarding destinations: a syslog receiver (RFC 5424 over TCP, TLS optional) or an HTTP
// endpoint (JSON batches, optional bearer secret). Administrators only (audit.manage).
const NO_CONTROL = /^[^\p{Cc}]*$/u;

/** Literal link-local and cloud metadata addresses: never a log receiver, often a way into the machine's credentials. */
export function isLinkLocalOrMetadata(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, '').toLowerCase();
  return /^169\.254\./.test(h) || /^fe[89ab][0-9a-f]:/.test(h) || h === 'fd00:ec2::254' || /^::ffff:169\.254\./.test(h) || h === 'metadata.google.internal';
}
const NOT_METADATA = 'Link-local and cloud metadata addresses cannot receive the audit log.';

export const destinationNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the destination a name.')
  .max(60, 'At most 60 characters.')
  .regex(NO_CONTROL, 'No control characters.');

const destinationHostSchema = networkHostSchema.refine((h) => !isLinkLocalOrMetadata(h), NOT_METADATA);

const destinationPortSchema = z.coerce
  .number({ error: 'A port is a number.' })
  .int('A port is a whole number.')
  .min(1, 'Ports run from 1 to 65535.')
  .max(65535, 'Ports run from 1 to 65535.');

const caSchema = z
  .string()
  .trim()
  .max(16_384, 'That is too long for a CA certificate.')
  .refine((pem) => pem === '' || /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/.test(pem), 'Paste the CA certificate in PEM form (-----BEGIN CERTIFICATE----- …).')
  .optional()
  .default('');

export const destinationUrlSchema = z
  .string()
  .trim()
  .min(1, 'Give the endpoint\'s URL.')
  .max(2048, 'At most 2048 characters.')
  .superRefine((raw, ctx) => {
    let url: URL;
    try {
      url = new URL(raw);
    } catch {
      ctx.addIssue({ code: 'custom', message: 'Use a full URL, e.g. https://logs.example.com/wharf.' });
      return;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') ctx.addIssue({ code: 'custom', message: 'Use an http:// or https:// URL.' });
    else if (url.username || url.password) ctx.addIssue({ code: 'custom', message: 'Put no credentials in the URL: give a bearer secret instead.' });
    else if (isLinkLocalOrMetadata(url.hostname)) ctx.addIssue({ code: 'custom', message: NOT_METADATA });
  });

const secretSchema = z.string().max(4096, 'At most 4096 characters.').regex(NO_CONTROL, 'No control characters.').optional().default('');

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
  error: 'Choose where to forward: syslog or HTTP.',
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
