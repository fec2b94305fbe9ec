// Input shapes for containers, images, volumes and networks of one host. The create form's text
// fields (command, ports, env, volumes) are parsed here, so a crafted POST meets the same rules
// and errors land on the field that caused them.
import { z } from 'zod';
import { issueText } from '@/lib/i18n/message.ts';
import { parseCommandLine } from '@/lib/models/command-line.ts';
import { parseEnv, parsePorts, parseVolumes } from '@/lib/models/containers/container-form.ts';
import { addressingProblem, NETWORK_DRIVERS, parseKeyValues } from '@/lib/models/containers/host-object-form.ts';
import { containerIdSchema, hostIdSchema, swarmIdSchema } from './ids.ts';
import { ownerChoiceSchema, ownerTeamSchema, withoutOwnerLabels } from './ownership.ts';
import { registryIdSchema, repositorySchema, tagSchema } from './registries.ts';

export { containerIdSchema };
const containerName = z.string().trim().max(128).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, issueText('containers.errors.name'));
export const imageRefSchema = z.string().trim().min(1, issueText('containers.errors.imageRequired')).max(255).regex(/^[a-zA-Z0-9][a-zA-Z0-9._/:@-]*$/, issueText('containers.errors.imageRef'));
const networkName = z.string().trim().max(64).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, issueText('containers.errors.networkName'));

export const containerRefSchema = z.object({ hostId: hostIdSchema, containerId: containerIdSchema });
export const recreateContainerSchema = containerRefSchema.extend({ pull: z.boolean().default(false) });
export const containerVerbSchema = containerRefSchema.extend({ verb: z.enum(['start', 'stop', 'restart', 'kill', 'pause', 'unpause']) });
export const renameContainerSchema = containerRefSchema.extend({ name: containerName.min(1, issueText('containers.errors.nameRequired')) });
export const removeContainerSchema = containerRefSchema.extend({ removeVolumes: z.boolean().default(false), force: z.boolean().default(false) });

function parsedText<T>(parse: (text: string) => { ok: true; value: T } | { ok: false; error: string }, max: number) {
  return z
    .string()
    .max(max)
    .default('')
    .transform((text, ctx) => {
      const parsed = parse(text);
      if (parsed.ok) return parsed.value;
      ctx.addIssue({ code: 'custom', message: parsed.error });
      return z.NEVER;
    });
}

const optionalNumber = (schema: z.ZodNumber) =>
  z.preprocess((v) => (v === '' || v === null || v === undefined ? null : v), z.coerce.number().pipe(schema).nullable()).default(null);

export const createContainerSchema = z.object({
  hostId: hostIdSchema,
  image: imageRefSchema,
  name: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), containerName.nullable()).default(null),
  command: parsedText((text) => {
    const split = parseCommandLine(text);
    return split.ok ? { ok: true as const, value: split.args } : { ok: false as const, error: issueText(split.error.key) };
  }, 8192),
  ports: parsedText(parsePorts, 8192),
  env: parsedText(parseEnv, 256 * 1024),
  volumes: parsedText(parseVolumes, 8192),
  restart: z.enum(['no', 'always', 'unless-stopped', 'on-failure']).default('no'),
  cpus: optionalNumber(z.number().positive(issueText('containers.errors.cpus')).max(256)),
  memoryMb: optionalNumber(z.number().int(issueText('containers.errors.memoryWhole')).min(6, issueText('containers.errors.memoryMin')).max(1024 * 1024)),
  network: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? null : v), networkName.nullable()).default(null),
  privileged: z.boolean().default(false),
  start: z.boolean().default(true),
  labels: withoutOwnerLabels(z.record(z.string().min(1).max(128).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/), z.string().max(256)).refine((l) => Object.keys(l).length <= 32, issueText('containers.errors.labelsMax'))).default({}),
  /** The team the container is made for (lib/services/access/owner-for-create.ts). */
  teamId: ownerTeamSchema,
});
export type CreateContainerInput = z.infer<typeof createContainerSchema>;

/** An administrator moves a standalone container to another team (or none), or makes it visible to all. */
export const moveContainerSchema = containerRefSchema.extend({ owner: ownerChoiceSchema });

export const pullImageSchema = z.object({ hostId: hostIdSchema, image: imageRefSchema });
export const pullOnSwarmSchema = z.object({ swarmId: swarmIdSchema, image: imageRefSchema });
export const pullJobSchema = z.object({ hostId: hostIdSchema, jobId: z.string().regex(/^[A-Za-z0-9_-]{10,40}$/) });
/** How long a page's read of a running pull or push job may wait for its end (`?wait=`, ms): it asks again after each answer. */
export const PULL_JOB_WAIT_MS = 500;
/** `?wait=` of a job read: at most 30 s; anything else reads at once. */
export const pullJobWaitMs = (raw: string | null) => z.coerce.number().int().min(0).max(30_000).catch(0).parse(raw ?? 0);
export const removeImageSchema = z.object({ hostId: hostIdSchema, imageId: z.string().regex(/^sha256:[a-f0-9]{64}$/, issueText('containers.errors.imageId')), force: z.boolean().default(false) });
const volumeName = z.string().trim().min(1, issueText('containers.errors.nameRequired')).max(255).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, issueText('containers.errors.volumeName'));
const blankAsNull = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? null : v);

/** A named volume on one host: driver (local by default), driver options and labels one key=value a line. */
export const createHostVolumeSchema = z.object({
  hostId: hostIdSchema,
  name: volumeName,
  driver: z.string().trim().max(128).regex(/^[A-Za-z0-9][A-Za-z0-9_./:-]*$/, issueText('containers.errors.driver')).default('local'),
  options: parsedText(parseKeyValues, 16 * 1024),
  labels: withoutOwnerLabels(parsedText(parseKeyValues, 16 * 1024)),
});
export type CreateHostVolumeInput = z.infer<typeof createHostVolumeSchema>;

/** A network on one host: its driver, addressing (a gateway inside the subnet) and flags. */
export const createHostNetworkSchema = z
  .object({
    hostId: hostIdSchema,
    name: networkName.min(1, issueText('containers.errors.nameRequired')),
    driver: z.enum(NETWORK_DRIVERS).default('bridge'),
    subnet: z.preprocess(blankAsNull, z.string().trim().max(64).nullable()).default(null),
    gateway: z.preprocess(blankAsNull, z.string().trim().max(64).nullable()).default(null),
    internal: z.boolean().default(false),
    attachable: z.boolean().default(false),
    options: parsedText(parseKeyValues, 16 * 1024),
    labels: withoutOwnerLabels(parsedText(parseKeyValues, 16 * 1024)),
  })
  .superRefine((input, ctx) => {
    const problem = addressingProblem(input.subnet, input.gateway);
    if (problem) ctx.addIssue({ code: 'custom', path: [problem.field], message: problem.error });
  });
export type CreateHostNetworkInput = z.infer<typeof createHostNetworkSchema>;

export const removeVolumeSchema = z.object({ hostId: hostIdSchema, name: z.string().min(1).max(255).regex(/^[A-Za-z0-9][A-Za-z0-9_.-]*$/, issueText('containers.errors.volumeName')) });
export const removeNetworkSchema = z.object({ hostId: hostIdSchema, networkId: z.string().regex(/^[a-z0-9]{12,64}$/, issueText('containers.errors.networkId')) });

export const pruneSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('images'), hostId: hostIdSchema, mode: z.enum(['dangling', 'unused']), ids: z.array(z.string().max(80)).max(5000) }),
  z.object({ kind: z.literal('volumes'), hostId: hostIdSchema, mode: z.enum(['anonymous', 'unused']), ids: z.array(z.string().max(255)).max(5000) }),
  z.object({ kind: z.literal('networks'), hostId: hostIdSchema, mode: z.literal('unused').default('unused'), ids: z.array(z.string().max(80)).max(5000) }),
]);
export type PruneInput = z.infer<typeof pruneSchema>;
/** A push from a host to a kept registry: the image on the host (name or id), and the repository and tag it gets there. */
export const pushImageSchema = z.object({ hostId: hostIdSchema, source: imageRefSchema, registryId: registryIdSchema, repository: repositorySchema, tag: tagSchema });
