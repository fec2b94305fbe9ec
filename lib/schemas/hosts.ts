// Input shapes for registering and editing hosts, shared by the form, the actions and services.
import { normalize } from 'pathe';
import { z } from 'zod';
import { hostIdSchema } from './ids.ts';

const NO_CONTROL = /^[^\p{Cc}]*$/u;

export const hostNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the host a name.')
  .max(63, 'At most 63 characters.')
  .regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'Letters, digits, dots, dashes and underscores; start with a letter or digit.');

const descriptionSchema = z.string().trim().max(500, 'At most 500 characters.').regex(NO_CONTROL, 'No control characters.').optional().default('');

export const socketPathSchema = z
  .string()
  .trim()
  .min(1, 'Give the path of the engine\'s socket, e.g. /var/run/docker.sock.')
  .refine((p) => new TextEncoder().encode(p).length <= 107, 'A unix socket path is at most 107 bytes.')
  .regex(NO_CONTROL, 'No control characters.')
  .refine((p) => p.startsWith('/'), 'Use an absolute path, starting with /.')
  // pathe reads a leading // as a Windows share; a unix path has none.
  .transform((p) => normalize(p.replace(/^\/{2,}/, '/')));

const hostnameRegex = /^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$/;
export const networkHostSchema = z
  .string()
  .trim()
  .min(1, 'Give the engine\'s address.')
  .transform((h) => h.replace(/^\[|\]$/g, ''))
  .refine((h) => hostnameRegex.test(h) || z.ipv4().safeParse(h).success || z.ipv6().safeParse(h).success, 'Use a host name or an IP address.');

const portSchema = (fallback: number) => z.coerce.number({ error: 'A port is a number.' }).int('A port is a whole number.').min(1, 'Ports run from 1 to 65535.').max(65535, 'Ports run from 1 to 65535.').default(fallback);

const pem = (what: string) => z.string().trim().min(1, `Paste or upload the ${what}.`).max(16_384, `That is too long for a ${what}.`);
const optionalPem = (what: string) => z.string().trim().max(16_384, `That is too long for a ${what}.`).optional().default('');

const base = { name: hostNameSchema, description: descriptionSchema };

export const unixHostSchema = z.object({ ...base, transport: z.literal('unix'), socketPath: socketPathSchema });
export const tcpHostSchema = z.object({
  ...base,
  transport: z.literal('tcp'),
  host: networkHostSchema,
  port: portSchema(2376),
  ca: pem('CA certificate'),
  cert: pem('client certificate'),
  key: pem('client key'),
});
export const sshHostSchema = z.object({
  ...base,
  transport: z.literal('ssh'),
  host: networkHostSchema,
  port: portSchema(22),
  username: z.string().trim().min(1, 'Give the SSH user.').max(32, 'At most 32 characters.').regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'Not a valid user name.'),
  privateKey: pem('SSH private key'),
  passphrase: z.string().max(1024).optional().default(''),
});

export const registerHostSchema = z.discriminatedUnion('transport', [unixHostSchema, tcpHostSchema, sshHostSchema], {
  error: 'Choose how Wharf connects: unix socket, TCP with TLS, or SSH.',
});
export type RegisterHostInput = z.infer<typeof registerHostSchema>;

export { hostIdSchema };

/** Editing: the same fields; secret fields left blank keep what is stored. */
export const updateHostSchema = z.discriminatedUnion('transport', [
  unixHostSchema.extend({ id: hostIdSchema }),
  tcpHostSchema.extend({ id: hostIdSchema, ca: optionalPem('CA certificate'), cert: optionalPem('client certificate'), key: optionalPem('client key') }),
  sshHostSchema.extend({ id: hostIdSchema, privateKey: optionalPem('SSH private key'), trustNewHostKey: z.boolean().optional().default(false) }),
]);
export type UpdateHostInput = z.infer<typeof updateHostSchema>;

export const removeHostSchema = z.object({ id: hostIdSchema, confirmName: z.string().max(100) });
