// Input shapes for stack actions.
import { z } from 'zod';
import { swarmIdSchema } from './swarms.ts';
import { ownerChoiceSchema, ownerTeamSchema } from './ownership.ts';

export const stackNameSchema = z.string().trim().min(1, 'Give the stack a name.').max(61).regex(/^[a-z0-9][a-z0-9_-]*$/, 'Lowercase letters, digits, - and _; start with a letter or digit.');

const MAX_FILE = 512 * 1024;
const filesSchema = z.record(z.string().max(256), z.string().max(MAX_FILE)).refine((f) => Object.keys(f).length <= 50, 'At most 50 files.').optional().default({});

export const deployStackSchema = z.object({
  swarmId: swarmIdSchema,
  stackName: stackNameSchema,
  composeText: z.string().min(1, 'The stack file is empty.').max(MAX_FILE, 'The stack file is larger than 512 KiB.'),
  variables: z.record(z.string().max(256), z.string().max(64 * 1024)).refine((v) => Object.keys(v).length <= 200, 'At most 200 variables.').optional().default({}),
  files: filesSchema,
  /** Keep the variables and files of this revision, except those given again. */
  inheritFrom: z.number().int().positive().optional(),
  /** The team a new stack is made for (lib/services/access/owner-for-create.ts); a stack keeps its owner on later deploys. */
  teamId: ownerTeamSchema,
});

export const stackRefSchema = z.object({ swarmId: swarmIdSchema, stackName: stackNameSchema });
export const removeStackSchema = stackRefSchema.extend({ confirmName: z.string().max(100) });
/** An administrator moves a stack (its services) to another team (or none), or makes it visible to all. */
export const moveStackSchema = stackRefSchema.extend({ owner: ownerChoiceSchema });
export const rollbackStackSchema = stackRefSchema.extend({ toRevision: z.number().int().positive() });
/** `files`: those the editor gives; `keptFiles`: the names of those the revision edited keeps (they are not missing). */
export const validateStackSchema = z.object({ stackName: stackNameSchema, composeText: z.string().max(MAX_FILE), variables: z.record(z.string().max(256), z.string().max(64 * 1024)).optional().default({}), files: filesSchema, keptFiles: z.array(z.string().max(256)).max(50).optional().default([]) });
/** Record what runs as a new revision, based on the revision the page compared it with. */
export const recordStackStateSchema = stackRefSchema.extend({ basedOn: z.number().int().positive() });
