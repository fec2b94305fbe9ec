// Input shapes for services, secrets, configs and networks.
import { z } from 'zod';
import { issueText } from '@/lib/i18n/message.ts';
import { hasControlCharacter } from '@/lib/models/control-characters.ts';
import { hostIdSchema } from './hosts.ts';
import { serviceIdSchema, swarmIdSchema } from './ids.ts';
import { ownerChoiceSchema, ownerTeamSchema, withoutOwnerLabels } from './ownership.ts';

const objectName = z.string().trim().min(1, issueText('services.errors.input.nameRequired')).max(64).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, issueText('services.errors.input.nameRule'));
const serviceId = serviceIdSchema;
const imageRef = z.string().trim().min(1, issueText('services.errors.input.imageRequired')).max(255).regex(/^[a-zA-Z0-9][a-zA-Z0-9._/:@-]*$/, issueText('services.errors.input.imageRule'));
const port = z.coerce.number().int().min(1).max(65535);
const labels = z.record(z.string().min(1).max(128).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/), z.string().max(256)).refine((l) => Object.keys(l).length <= 64, issueText('services.errors.input.maxLabels'));
const absolutePath = z.string().trim().min(1).max(255).regex(/^\//, issueText('services.errors.input.absolutePath')).refine((v) => !hasControlCharacter(v), issueText('errors.input.noControlCharacters'));

export const serviceFormSchema = z.object({
  swarmId: swarmIdSchema,
  form: z.object({
    name: objectName,
    image: imageRef,
    command: z.array(z.string().max(4096)).max(64).default([]),
    mode: z.enum(['replicated', 'global']).default('replicated'),
    replicas: z.coerce.number().int().min(0).max(1000).default(1),
    ports: z.array(z.object({ published: port.nullable(), target: port, protocol: z.enum(['tcp', 'udp']).default('tcp'), mode: z.enum(['ingress', 'host']).default('ingress') })).max(32).default([]),
    env: z.array(z.object({ name: z.string().min(1).max(256).regex(/^[^=]+$/, issueText('services.errors.input.noEquals')).refine((v) => !hasControlCharacter(v), issueText('errors.input.noControlCharacters')), value: z.string().max(64 * 1024) })).max(200).default([]),
    mounts: z.array(z.object({ type: z.enum(['volume', 'bind', 'tmpfs']), source: z.string().max(255).default(''), target: absolutePath, readOnly: z.boolean().default(false) })).max(32).default([]),
    networks: z.array(objectName).max(16).default([]),
    constraints: z.array(z.string().trim().min(1).max(256)).max(16).default([]),
    cpus: z.coerce.number().positive().max(256).nullable().default(null),
    memoryMb: z.coerce.number().int().positive().max(1024 * 1024).nullable().default(null),
    restart: z.object({ condition: z.enum(['none', 'on-failure', 'any']).default('any'), maxAttempts: z.coerce.number().int().min(0).max(1000).nullable().default(null) }).default({ condition: 'any', maxAttempts: null }),
    update: z
      .object({ parallelism: z.coerce.number().int().min(0).max(100).default(1), delaySeconds: z.coerce.number().min(0).max(3600).default(0), failureAction: z.enum(['pause', 'continue', 'rollback']).default('pause'), order: z.enum(['stop-first', 'start-first']).default('stop-first') })
      .default({ parallelism: 1, delaySeconds: 0, failureAction: 'pause', order: 'stop-first' }),
    /** Spread descriptors (`node.labels.zone`), in order. */
    preferences: z.array(z.string().trim().min(1).max(256)).max(8).default([]),
    rollback: z
      .object({ parallelism: z.coerce.number().int().min(0).max(100).default(1), delaySeconds: z.coerce.number().min(0).max(3600).default(0), failureAction: z.enum(['pause', 'continue']).default('pause'), order: z.enum(['stop-first', 'start-first']).default('stop-first') })
      .default({ parallelism: 1, delaySeconds: 0, failureAction: 'pause', order: 'stop-first' }),
    /** No command: the image's own health check. `shell`: the command is one line run by the shell (CMD-SHELL). */
    healthcheck: z
      .object({
        command: z.array(z.string().max(4096)).max(64).default([]),
        shell: z.boolean().default(false),
        intervalSeconds: z.coerce.number().positive().max(86400).nullable().default(null),
        timeoutSeconds: z.coerce.number().positive().max(86400).nullable().default(null),
        retries: z.coerce.number().int().min(0).max(100).nullable().default(null),
        startPeriodSeconds: z.coerce.number().min(0).max(86400).nullable().default(null),
      })
      .default({ command: [], shell: false, intervalSeconds: null, timeoutSeconds: null, retries: null, startPeriodSeconds: null }),
    secrets: z.array(z.object({ name: objectName, target: z.string().max(255).default('') })).max(32).default([]),
    configs: z.array(z.object({ name: objectName, target: z.string().max(255).default('') })).max(32).default([]),
    labels: withoutOwnerLabels(labels).default({}),
    /** The team the service is made for (lib/services/access/owner-for-create.ts). */
    teamId: ownerTeamSchema,
  }),
});

export const serviceRefSchema = z.object({ swarmId: swarmIdSchema, serviceId });
/** An edit of a service (lib/services/swarm-services/edit-service.ts): the create form's fields
 * (without the team: ownership stays) or the whole spec written as YAML, at the version it was read at. */
export const serviceEditSchema = serviceRefSchema
  .extend({
    version: z.number().int().min(0),
    form: serviceFormSchema.shape.form.omit({ teamId: true }).optional(),
    spec: z
      .record(z.string(), z.unknown())
      .refine((spec) => JSON.stringify(spec).length <= 512 * 1024, issueText('services.edit.errors.specTooBig'))
      .optional(),
  })
  .refine((edit) => (edit.form === undefined) !== (edit.spec === undefined), issueText('services.edit.errors.formOrSpec'));
export const scaleServiceSchema = serviceRefSchema.extend({ replicas: z.coerce.number().int().min(0).max(1000) });
export const serviceImageSchema = serviceRefSchema.extend({ image: imageRef });
export const removeServiceSchema = serviceRefSchema.extend({ confirmName: z.string().max(100) });
/** An administrator moves a service to another team (or none), or makes it visible to all. */
export const moveServiceSchema = serviceRefSchema.extend({ owner: ownerChoiceSchema });

export const createObjectSchema = z.object({
  swarmId: swarmIdSchema,
  kind: z.enum(['secret', 'config']),
  name: objectName,
  data: z.string().min(1, issueText('services.errors.input.contentRequired')).max(500 * 1024, issueText('services.errors.input.contentTooBig')),
  labels: labels.default({}),
});
const swarmObjectId = z.string().regex(/^[a-z0-9]{12,64}$/, issueText('services.errors.input.notAnId'));
export const removeObjectSchema = z.object({ swarmId: swarmIdSchema, kind: z.enum(['secret', 'config', 'network']), id: swarmObjectId });
export const configRefSchema = z.object({ swarmId: swarmIdSchema, id: swarmObjectId });
export const createNetworkSchema = z.object({
  swarmId: swarmIdSchema,
  name: objectName,
  attachable: z.boolean().default(false),
  internal: z.boolean().default(false),
  encrypted: z.boolean().default(false),
  subnet: z.string().trim().regex(/^\d{1,3}(\.\d{1,3}){3}\/\d{1,2}$/, issueText('services.errors.input.subnet')).nullable().default(null),
});
export const removeVolumeSchema = z.object({
  swarmId: swarmIdSchema,
  hostId: hostIdSchema,
  name: z.string().min(1).max(255).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, issueText('services.errors.input.volumeName')),
});
