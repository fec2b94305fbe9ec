// Input shapes for provisioning and for the lifecycle of provisioned hosts, shared by the forms,
// the actions and the services.
import { z } from 'zod';
import { issueText } from '@/lib/i18n/message.ts';
import { hostIdSchema, recordId } from './ids.ts';
import { hostNameSchema, networkHostSchema } from './hosts.ts';

const NO_CONTROL = /^[^\p{Cc}]*$/u;
const descriptionSchema = z.string().trim().max(500, issueText('hosts.errors.input.atMost', { max: 500 })).regex(NO_CONTROL, issueText('hosts.errors.input.noControl')).optional().default('');
const idSchema = recordId('an id');
const slugSchema = (what: 'region' | 'size' | 'image') =>
  z.string().trim().min(1, issueText('provisioning.errors.input.choose', { what })).max(64).regex(/^[a-z0-9][a-z0-9._-]*$/, issueText('provisioning.errors.input.notOffered', { what }));

export const genericProvisionSchema = z.object({
  driver: z.literal('generic'),
  name: hostNameSchema,
  description: descriptionSchema,
  address: networkHostSchema,
  port: z.coerce.number({ error: issueText('hosts.errors.input.portNumber') }).int().min(1, issueText('hosts.errors.input.portRange')).max(65535, issueText('hosts.errors.input.portRange')).default(22),
  username: z.string().trim().min(1, issueText('hosts.errors.input.userRequired')).max(32, issueText('hosts.errors.input.atMost', { max: 32 })).regex(/^[A-Za-z_][A-Za-z0-9_.-]*$/, issueText('hosts.errors.input.userInvalid')).default('root'),
  privateKey: z.string().trim().min(1, issueText('hosts.errors.input.pemRequired', { what: 'sshKey' })).max(16_384, issueText('hosts.errors.input.pemTooLong', { what: 'sshKey' })),
});

export const localProvisionSchema = z.object({
  driver: z.literal('local'),
  name: hostNameSchema,
  description: descriptionSchema,
});

export const digitalOceanProvisionSchema = z.object({
  driver: z.literal('digitalocean'),
  name: hostNameSchema.refine((n) => /^[A-Za-z0-9.-]+$/.test(n), issueText('provisioning.errors.input.dropletName')),
  description: descriptionSchema,
  credentialId: idSchema,
  region: slugSchema('region'),
  size: slugSchema('size'),
  image: slugSchema('image'),
});

export const startProvisionSchema = z.discriminatedUnion('driver', [genericProvisionSchema, localProvisionSchema, digitalOceanProvisionSchema], {
  error: issueText('provisioning.errors.input.chooseDriver'),
});
export type StartProvisionInput = z.infer<typeof startProvisionSchema>;

export const provisionJobIdSchema = z.object({ jobId: idSchema });

export const hostPowerSchema = z.object({ id: hostIdSchema, action: z.enum(['stop', 'start', 'restart']) });
export const hostRefSchema = z.object({ id: hostIdSchema });
/** Revoking a CLI bundle (a client certificate, by its serial) after typing the host's name. */
export const revokeCliBundleSchema = z.object({
  id: hostIdSchema,
  serial: z.string().trim().toLowerCase().regex(/^[0-9a-f]{1,64}$/, issueText('hosts.errors.input.notSerial')),
  confirmName: z.string().max(100),
});
export const removeProvisionedHostSchema = z.object({ id: hostIdSchema, confirmName: z.string().max(100), mode: z.enum(['forget', 'delete']).default('forget') });

export const cloudCredentialSchema = z.object({
  provider: z.literal('digitalocean'),
  name: z.string().trim().min(1, issueText('cloud.errors.input.nameRequired')).max(60, issueText('hosts.errors.input.atMost', { max: 60 })).regex(NO_CONTROL, issueText('hosts.errors.input.noControl')),
  token: z.string().trim().min(20, issueText('cloud.errors.input.notToken')).max(200, issueText('cloud.errors.input.notToken')).regex(/^[A-Za-z0-9_-]+$/, issueText('cloud.errors.input.tokenChars')),
});
export const cloudCredentialRefSchema = z.object({ credentialId: idSchema });
