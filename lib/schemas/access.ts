// Schemas for teams, custom roles and grants, shared by the administration forms and their actions.
import { z } from 'zod';
import { PERMISSIONS } from '@/lib/auth/permissions.ts';
import { hostIdSchema, recordId, swarmIdSchema, userIdSchema } from './ids.ts';
import { stackNameSchema } from './stacks.ts';

const PRINTABLE_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u;
const nameOf = (what: string) =>
  z.string().trim().min(1, `Give the ${what} a name.`).max(60, `At most 60 characters.`).regex(PRINTABLE_NAME, 'Letters, digits, spaces, dots, - and _; start with a letter or digit.');
const description = z.string().trim().max(300, 'At most 300 characters.').optional();

export const teamIdSchema = recordId('a team id');
export const roleIdSchema = recordId('a role id');
export const grantIdSchema = recordId('a grant id');

export const createTeamSchema = z.object({ name: nameOf('team'), description });
export const renameTeamSchema = z.object({ teamId: teamIdSchema, name: nameOf('team'), description });
export const deleteTeamSchema = z.object({ teamId: teamIdSchema, confirmName: z.string().max(100) });
export const teamMemberSchema = z.object({ teamId: teamIdSchema, userId: userIdSchema, lead: z.boolean().default(false) });
export const removeTeamMemberSchema = z.object({ teamId: teamIdSchema, userId: userIdSchema });

const permissionList = z.array(z.enum(PERMISSIONS, { error: 'Not a permission Wharf knows.' })).min(1, 'Pick at least one permission.').max(PERMISSIONS.length);
export const createRoleSchema = z.object({ name: nameOf('role'), description, permissions: permissionList });
export const updateRoleSchema = createRoleSchema.extend({ roleId: roleIdSchema });
export const deleteRoleSchema = z.object({ roleId: roleIdSchema });

export const grantScopeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('global') }),
  z.object({ type: z.literal('host'), id: hostIdSchema }),
  z.object({ type: z.literal('swarm'), id: swarmIdSchema }),
  z.object({ type: z.literal('stack'), swarmId: swarmIdSchema, name: stackNameSchema }),
  z.object({ type: z.literal('registry'), id: recordId('a registry id') }),
]);
export const grantSubjectSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('user'), id: userIdSchema }), z.object({ type: z.literal('team'), id: teamIdSchema })]);
/** `role`: a built-in role's key (admin, operator…) or a custom role's id. */
export const createGrantSchema = z.object({ subject: grantSubjectSchema, role: z.string().min(1, 'Choose a role.').max(40), scope: grantScopeSchema });
export const deleteGrantSchema = z.object({ grantId: grantIdSchema });
export const explainUserSchema = z.object({ userId: userIdSchema });

export type CreateGrantInput = z.infer<typeof createGrantSchema>;
export type RoleInput = z.infer<typeof createRoleSchema>;
