// Input shapes for swarm actions, shared by forms, actions and services.
import { z } from 'zod';
import { issueText } from '@/lib/i18n/message.ts';
import { hostIdSchema, nodeIdSchema, swarmIdSchema } from './ids.ts';

export { nodeIdSchema, swarmIdSchema };

const cidr = z
  .string()
  .trim()
  .regex(/^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/, issueText('swarms.errors.input.cidr'))
  .refine((v) => v.split('/')[0].split('.').every((o) => Number(o) <= 255) && Number(v.split('/')[1]) <= 32, issueText('swarms.errors.input.network'));

/** An IP address, optionally with :port, or an interface name like eth0: what dockerd accepts. */
const addrOrInterface = z
  .string()
  .trim()
  .max(80)
  .regex(/^([A-Za-z0-9_.:[\]-]+)$/, issueText('swarms.errors.input.addr'));

export const swarmNameSchema = z.string().trim().min(1, issueText('swarms.errors.input.nameRequired')).max(63).regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, issueText('swarms.errors.input.nameRule'));

export const initSwarmSchema = z.object({
  hostId: hostIdSchema,
  name: swarmNameSchema,
  advertiseAddr: addrOrInterface.optional().default(''),
  listenAddr: addrOrInterface.optional().default('0.0.0.0:2377'),
  defaultAddrPool: z.array(cidr).max(8).optional().default([]),
  subnetSize: z.coerce.number().int().min(16, issueText('swarms.errors.input.subnetSize')).max(28, issueText('swarms.errors.input.subnetSize')).optional(),
  dataPathPort: z.coerce.number().int().min(1024, issueText('swarms.errors.input.dataPathPort')).max(49151, issueText('swarms.errors.input.dataPathPort')).optional(),
  autolock: z.boolean().optional().default(false),
});
export type InitSwarmInput = z.infer<typeof initSwarmSchema>;

export const joinHostSchema = z.object({
  swarmId: swarmIdSchema,
  hostId: hostIdSchema,
  role: z.enum(['worker', 'manager']),
  advertiseAddr: addrOrInterface.optional().default(''),
});

export const leaveSwarmSchema = z.object({ hostId: hostIdSchema, force: z.boolean().optional().default(false) });

const labelKey = z.string().trim().min(1).max(128).regex(/^[A-Za-z0-9][A-Za-z0-9._/-]*$/, issueText('swarms.errors.input.labelKey'));
const labelValue = z.string().max(256).regex(/^[^\p{Cc}]*$/u, issueText('errors.input.noControlCharacters'));

export const nodeChangeSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('role'), role: z.enum(['worker', 'manager']) }),
  z.object({ kind: z.literal('availability'), availability: z.enum(['active', 'pause', 'drain']) }),
  z.object({ kind: z.literal('labels'), labels: z.record(labelKey, labelValue).refine((l) => Object.keys(l).length <= 64, issueText('swarms.errors.input.maxLabels')) }),
]);

export const updateNodeSchema = z.object({ swarmId: swarmIdSchema, nodeId: nodeIdSchema, change: nodeChangeSchema, force: z.boolean().optional().default(false) });
export type UpdateNodeInput = z.infer<typeof updateNodeSchema>;

export const removeNodeSchema = z.object({ swarmId: swarmIdSchema, nodeId: nodeIdSchema, force: z.boolean().optional().default(false) });

export const rotateTokenSchema = z.object({ swarmId: swarmIdSchema, kind: z.enum(['worker', 'manager']) });

export const swarmSettingsSchema = z.object({
  swarmId: swarmIdSchema,
  settings: z
    .object({
      taskHistoryLimit: z.coerce.number().int().min(0).max(1000),
      snapshotInterval: z.coerce.number().int().min(1).max(1_000_000),
      keepOldSnapshots: z.coerce.number().int().min(0).max(100),
      logEntriesForSlowFollowers: z.coerce.number().int().min(0).max(10_000_000),
      dispatcherHeartbeatSeconds: z.coerce.number().min(1).max(3600),
      nodeCertExpiryHours: z.coerce.number().min(1).max(24 * 365 * 10),
      autolock: z.boolean(),
    })
    .partial(),
});

export const swarmRefSchema = z.object({ swarmId: swarmIdSchema });
