// What the registry forms and doors accept: a registry's settings (kind, address, credentials),
// and the names of repositories and tags to browse, delete, retag and pull. Shared by the forms
// and the server.
import { z } from 'zod';
import { issueText } from '@/lib/i18n/message.ts';
import { recordId } from './ids.ts';
import { REGISTRY_PRESETS } from '@/lib/models/registries/registry-kinds.ts';
import { AWS_ACCESS_KEY_ID, AWS_REGION } from '@/lib/models/registries/ecr-token.ts';

const NO_CONTROL = /^[^\p{Cc}]*$/u;

export const registryIdSchema = recordId('a registry id');

/** host[:port], as image references name a registry: no scheme, path, credentials or spaces. */
export const REGISTRY_ADDRESS = /^(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])(?::\d{1,5})?$/i;

const addressSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(253, 'At most 253 characters.')
  .transform((value) => value.replace(/\/+$/, ''))
  .refine((value) => !/^[a-z][a-z0-9+.-]*:\/\//.test(value), 'Enter the address without http:// or https:// (e.g. ghcr.io or 10.0.0.5:5000); choose plain HTTP below if the registry has no TLS.')
  .refine((value) => value === '' || REGISTRY_ADDRESS.test(value), 'Enter a host name or address, with a port if it is not the default (e.g. registry.example.com:5000).')
  .refine((value) => value === '' || Number(value.split(':').pop()) <= 65535 || !/:\d+$/.test(value), 'A port is at most 65535.');

/** A registry's settings as the form sends them. An empty secret keeps the one saved (on an edit). */
export const registryFormSchema = z
  .object({
    name: z.string().trim().min(1, 'Give the registry a name.').max(60, 'At most 60 characters.').regex(NO_CONTROL, 'No control characters.'),
    kind: z.enum(['dockerhub', 'v2-basic', 'v2-bearer', 'ecr'], { error: 'Choose what kind of registry this is.' }),
    preset: z.enum(REGISTRY_PRESETS).nullable().default(null),
    address: addressSchema.default(''),
    plainHttp: z.boolean().default(false),
    caCert: z
      .string()
      .trim()
      .max(20_000, 'At most 20,000 characters.')
      .refine((v) => v === '' || /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/.test(v), 'Paste a PEM certificate (-----BEGIN CERTIFICATE----- …).')
      .default(''),
    username: z.string().trim().max(200, 'At most 200 characters.').regex(NO_CONTROL, 'No control characters.').default(''),
    secret: z.string().max(4000, 'At most 4,000 characters.').regex(NO_CONTROL, 'No control characters.').default(''),
    /** Amazon ECR only: the AWS region (the username is the access key id, the secret the secret access key). */
    region: z.string().trim().toLowerCase().max(40, 'At most 40 characters.').default(''),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'ecr') {
      // The address comes from ECR with the first token (its proxy endpoint).
      if (!AWS_REGION.test(value.region)) ctx.addIssue({ code: 'custom', path: ['region'], message: issueText('registryText.form.regionRequired') });
      if (!AWS_ACCESS_KEY_ID.test(value.username)) ctx.addIssue({ code: 'custom', path: ['username'], message: issueText('registryText.form.accessKeyId') });
      return;
    }
    if (value.kind !== 'dockerhub' && !value.address) ctx.addIssue({ code: 'custom', path: ['address'], message: "Enter the registry's address (host, and port if needed)." });
    if (value.kind === 'dockerhub' && value.plainHttp) ctx.addIssue({ code: 'custom', path: ['plainHttp'], message: 'Docker Hub is only reached over HTTPS.' });
    if (value.kind === 'v2-basic' && !value.username) ctx.addIssue({ code: 'custom', path: ['username'], message: issueText('registryText.form.usernameRequired') });
    if (value.secret && !value.username) ctx.addIssue({ code: 'custom', path: ['username'], message: issueText('registryText.form.usernameWithSecret') });
  });
export type RegistryForm = z.infer<typeof registryFormSchema>;

export const addRegistrySchema = registryFormSchema;
export const updateRegistrySchema = z.object({ registryId: registryIdSchema, settings: registryFormSchema });
export const removeRegistrySchema = z.object({ registryId: registryIdSchema });

/** A repository path as the v2 API names it: lowercase parts separated by slashes. */
export const repositorySchema = z
  .string()
  .trim()
  .min(1, 'Enter a repository name.')
  .max(255, 'At most 255 characters.')
  .regex(/^[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*$/, 'A repository is lowercase letters, digits and . _ - separated by slashes (e.g. team/app).');
export const tagSchema = z.string().trim().regex(/^[\w][\w.-]{0,127}$/, 'A tag is up to 128 letters, digits, _ . and -, not starting with . or -.');
export const digestSchema = z.string().regex(/^sha256:[a-f0-9]{64}$/, 'Not a digest.');

export const browseTagsSchema = z.object({ registryId: registryIdSchema, repository: repositorySchema });
export const deleteTagSchema = z.object({ registryId: registryIdSchema, repository: repositorySchema, tag: tagSchema, digest: digestSchema });
export const retagSchema = z.object({ registryId: registryIdSchema, repository: repositorySchema, tag: tagSchema, newTag: tagSchema });

/** A page marker from a query string (a repository or tag name the registry gave); anything odd starts from the top. */
export const pageMarker = (value: string | null): string | null => (value && value.length <= 512 && /^[\w./:-]+$/.test(value) ? value : null);
