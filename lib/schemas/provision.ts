// Input shapes for provisioning and for the lifecycle of provisioned hosts, shared by the forms,
// the actions and the services.
import { z } from 'zod';
import { hostIdSchema, recordId } from './ids.ts';
import { hostNameSchema, networkHostSchema } from './hosts.ts';

const NO_CONTROL = /^[^\p{Cc}]*$/u;
const descriptionSchema = z.string().trim().max(500, 'At most 500 characters.').regex(NO_CONTROL, 'No control characters.').optional().default('');
const idSchema = recordId('an id');
const slugSchema = (what: string) => z.string().trim().min(1, `Choose a ${what}.`).max(64).regex(/^[a-z0-9][a-z0-9._-]*$/, `Not a ${what} DigitalOcean offers.`);

export const genericProvisionSchema = z.object({
  driver: z.literal('generic'),
  name: hostNameSchema,
  description: descriptionSchema,
  address: networkHostSchema,
  port: z.coerce.number({ error: 'A port is a number.' }).int().min(1, 'Ports run from 1 to 65535.').max(65535, 'Ports run from 1 to 65535.').default(22),
  username: z.string().trim().min(1, 'Give the SSH user.').max(32, 'At most 32 characters.').regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, 'Not a valid user name.').default('root'),
  privateKey: z.string().trim().min(1, 'Paste or upload the SSH private key.').max(16_384, 'That is too long for an SSH private key.'),
});

export const localProvisionSchema = z.object({
  driver: z.literal('local'),
  name: hostNameSchema,
  description: descriptionSchema,
});

export const digitalOceanProvisionSchema = z.object({
  driver: z.literal('digitalocean'),
  name: hostNameSchema.refine((n) => /^[A-Za-z0-9.-]+$/.test(n), 'A droplet name uses letters, digits, dots and dashes only.'),
  description: descriptionSchema,
  credentialId: idSchema,
  region: slugSchema('region'),
  size: slugSchema('size'),
  image: slugSchema('image'),
});

export const startProvisionSchema = z.discriminatedUnion('driver', [genericProvisionSchema, localProvisionSchema, digitalOceanProvisionSchema], {
  error: 'Choose a driver: an existing machine over SSH, a local sandbox, or a DigitalOcean droplet.',
});
export type StartProvisionInput = z.infer<typeof startProvisionSchema>;

export const provisionJobIdSchema = z.object({ jobId: idSchema });

export const hostPowerSchema = z.object({ id: hostIdSchema, action: z.enum(['stop', 'start', 'restart']) });
export const hostRefSchema = z.object({ id: hostIdSchema });
/** Revoking a CLI bundle (a client certificate, by its serial) after typing the host's name. */
export const revokeCliBundleSchema = z.object({
  id: hostIdSchema,
  serial: z.string().trim().toLowerCase().regex(/^[0-9a-f]{1,64}$/, 'Not a certificate serial.'),
  confirmName: z.string().max(100),
});
export const removeProvisionedHostSchema = z.object({ id: hostIdSchema, confirmName: z.string().max(100), mode: z.enum(['forget', 'delete']).default('forget') });

export const cloudCredentialSchema = z.object({
  provider: z.literal('digitalocean'),
  name: z.string().trim().min(1, 'Name the account.').max(60, 'At most 60 characters.').regex(NO_CONTROL, 'No control characters.'),
  token: z.string().trim().min(20, 'That does not look like an API token.').max(200, 'That does not look like an API token.').regex(/^[A-Za-z0-9_-]+$/, 'An API token has letters, digits, dashes and underscores only.'),
});
export const cloudCredentialRefSchema = z.object({ credentialId: idSchema });
