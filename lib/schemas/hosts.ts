// Input shapes for registering and editing hosts, shared by the form, the actions and services.
import { normalize } from 'pathe';
import { z } from 'zod';
import { issueText } from '@/lib/i18n/message.ts';
import { hostIdSchema } from './ids.ts';

const NO_CONTROL = /^[^\p{Cc}]*$/u;

export const hostNameSchema = z
  .string()
  .trim()
  .min(1, issueText('hosts.errors.input.nameRequired'))
  .max(63, issueText('hosts.errors.input.atMost', { max: 63 }))
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, issueText('hosts.errors.input.nameChars'));

const descriptionSchema = z.string().trim().max(500, issueText('hosts.errors.input.atMost', { max: 500 })).regex(NO_CONTROL, issueText('hosts.errors.input.noControl')).optional().default('');

export const socketPathSchema = z
  .string()
  .trim()
  .min(1, issueText('hosts.errors.input.socketRequired'))
  .refine((p) => new TextEncoder().encode(p).length <= 107, issueText('hosts.errors.input.socketTooLong'))
  .regex(NO_CONTROL, issueText('hosts.errors.input.noControl'))
  .refine((p) => p.startsWith('/'), issueText('hosts.errors.input.socketAbsolute'))
  // pathe reads a leading // as a Windows share; a unix path has none.
  .transform((p) => normalize(p.replace(/^\/{2,}/, '/')));

const hostnameRegex = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
// Its words stay English for now: the audit area's schema shares it, and its test reads them raw.
export const networkHostSchema = z
  .string()
  .trim()
  .min(1, 'Give the engine\'s address.')
  .transform((h) => h.replace(/^\[|\]$/g, ''))
  .refine((h) => hostnameRegex.test(h) || z.ipv4().safeParse(h).success || z.ipv6().safeParse(h).success, 'Use a host name or an IP address.');

const portSchema = (fallback: number) => z.coerce.number({ error: issueText('hosts.errors.input.portNumber') }).int(issueText('hosts.errors.input.portWhole')).min(1, issueText('hosts.errors.input.portRange')).max(65535, issueText('hosts.errors.input.portRange')).default(fallback);

type Pem = 'ca' | 'cert' | 'key' | 'sshKey';
const pem = (what: Pem) => z.string().trim().min(1, issueText('hosts.errors.input.pemRequired', { what })).max(16_384, issueText('hosts.errors.input.pemTooLong', { what }));
const optionalPem = (what: Pem) => z.string().trim().max(16_384, issueText('hosts.errors.input.pemTooLong', { what })).optional().default('');

const base = { name: hostNameSchema, description: descriptionSchema };

export const unixHostSchema = z.object({ ...base, transport: z.literal('unix'), socketPath: socketPathSchema });
export const tcpHostSchema = z.object({
  ...base,
  transport: z.literal('tcp'),
  host: networkHostSchema,
  port: portSchema(2376),
  ca: pem('ca'),
  cert: pem('cert'),
  key: pem('key'),
});
export const sshHostSchema = z.object({
  ...base,
  transport: z.literal('ssh'),
  host: networkHostSchema,
  port: portSchema(22),
  username: z.string().trim().min(1, issueText('hosts.errors.input.userRequired')).max(32, issueText('hosts.errors.input.atMost', { max: 32 })).regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, issueText('hosts.errors.input.userInvalid')),
  privateKey: pem('sshKey'),
  passphrase: z.string().max(1024).optional().default(''),
});

export const registerHostSchema = z.discriminatedUnion('transport', [unixHostSchema, tcpHostSchema, sshHostSchema], {
  error: issueText('hosts.errors.input.chooseTransport'),
});
export type RegisterHostInput = z.infer<typeof registerHostSchema>;

export { hostIdSchema };

/** Editing: the same fields; secret fields left blank keep what is stored. */
export const updateHostSchema = z.discriminatedUnion('transport', [
  unixHostSchema.extend({ id: hostIdSchema }),
  tcpHostSchema.extend({ id: hostIdSchema, ca: optionalPem('ca'), cert: optionalPem('cert'), key: optionalPem('key') }),
  sshHostSchema.extend({ id: hostIdSchema, privateKey: optionalPem('sshKey'), trustNewHostKey: z.boolean().optional().default(false) }),
]);
export type UpdateHostInput = z.infer<typeof updateHostSchema>;

export const removeHostSchema = z.object({ id: hostIdSchema, confirmName: z.string().max(100) });
