// Input shapes for compose project actions.
import { z } from 'zod';
import { issueText } from '@/lib/i18n/message.ts';
import { hasControlCharacter } from '@/lib/models/control-characters.ts';
import { ownerChoiceSchema, ownerTeamSchema } from './ownership.ts';
import { hostIdSchema } from './ids.ts';

const MAX_FILE = 512 * 1024;

export const projectNameSchema = z
  .string()
  .trim()
  .min(1, 'Give the project a name.')
  .max(48, 'A project name has at most 48 characters.')
  .regex(/^[a-z0-9][a-z0-9_-]*$/, 'Lowercase letters, digits, - and _; start with a letter or digit (as Compose requires).');

const serviceNameSchema = z.string().min(1).max(128).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'Not a service name.');
const profilesSchema = z.array(z.string().min(1).max(64).regex(/^[a-zA-Z0-9][a-zA-Z0-9_.-]*$/, 'A profile uses letters, digits, ".", "-" and "_".')).max(20).default([]);
const variablesSchema = z.record(z.string().max(256), z.string().max(64 * 1024)).refine((v) => Object.keys(v).length <= 200, 'At most 200 variables.').optional().default({});
/** A project's working directory on the host: absolute, or empty for none. */
const workingDirSchema = z
  .string()
  .trim()
  .max(255)
  .refine((v) => v === '' || (v.startsWith('/') && !hasControlCharacter(v)), issueText('compose.errors.workingDirPath'))
  .optional();
const filesSchema = z.record(z.string().max(256), z.string().max(MAX_FILE)).refine((f) => Object.keys(f).length <= 50, 'At most 50 files.').optional().default({});

export const projectRefSchema = z.object({ hostId: hostIdSchema, name: projectNameSchema });

export const saveProjectSchema = projectRefSchema.extend({
  composeText: z.string().min(1, 'The compose file is empty.').max(MAX_FILE, 'The compose file is larger than 512 KiB.'),
  variables: variablesSchema,
  files: filesSchema,
  profiles: profilesSchema,
  /** A new project (its name must be free on the host) or a new revision of one. */
  create: z.boolean(),
  /** An edit of this revision: its variables and files not given again are kept. */
  inheritFrom: z.number().int().positive().optional(),
  /** Bring it up once saved. */
  up: z.boolean().default(true),
  /** The team a new project is made for (lib/services/access/owner-for-create.ts); a saved project keeps its owner. */
  teamId: ownerTeamSchema,
  /** Where relative bind sources resolve on the host ('' for none); absent: a saved project keeps its own. */
  workingDir: workingDirSchema,
});
/** An administrator moves a project to another team (or none), or makes it visible to all. */
export const moveProjectSchema = projectRefSchema.extend({ owner: ownerChoiceSchema });

export const upProjectSchema = projectRefSchema.extend({ waitSeconds: z.number().int().min(1).max(600).optional() });
export const downProjectSchema = projectRefSchema.extend({ volumes: z.boolean().default(false), forget: z.boolean().default(false) });
export const changeProjectSchema = projectRefSchema.extend({ verb: z.enum(['start', 'stop', 'restart']), service: serviceNameSchema.optional() });
export const pullProjectSchema = projectRefSchema.extend({ service: serviceNameSchema.optional() });
export const recreateProjectSchema = projectRefSchema.extend({ service: serviceNameSchema.optional(), pull: z.boolean().default(false), waitSeconds: z.number().int().min(1).max(600).optional() });
export const scaleServiceSchema = projectRefSchema.extend({ service: serviceNameSchema, scale: z.number().int().min(0).max(100) });
/** `files`: those the editor gives; `keptFiles`: the names of those the revision edited keeps (they are not missing). */
export const validateProjectSchema = z.object({ name: z.string().max(48), composeText: z.string().max(MAX_FILE), variables: variablesSchema, files: filesSchema, keptFiles: z.array(z.string().max(256)).max(50).optional().default([]), profiles: profilesSchema, workingDir: workingDirSchema });
export const rollbackProjectSchema = projectRefSchema.extend({ toRevision: z.number().int().min(1) });
