// Schemas for teams, custom roles and grants, shared by the administration forms and their actions.
import { z } from 'zod';
import { PERMISSIONS } from '@/lib/auth/permissions.ts';
import { issueText } from '@/lib/i18n/message.ts';
import { hostIdSchema, recordId, swarmIdSchema, userIdSchema } from './ids.ts';
import { stackNameSchema } from './stacks.ts';
import { projectNameSchema } from './compose-projects.ts';
import { usernameSchema } from './users.ts';

const PRINTABLE_NAME = /^[\p{L}\p{N}][\p{L}\p{N} _.-]*$/u;
const nameOf = (what: 'team' | 'role') =>
  z.string().trim().min(1, issueText('access.errors.nameRequired', { what })).max(60, issueText('access.errors.atMost', { max: 60 })).regex(PRINTABLE_NAME, issueText('access.errors.printableName'));
const description = z.string().trim().max(300, issueText('access.errors.atMost', { max: 300 })).optional();

export const teamIdSchema = recordId('a team id');
export const roleIdSchema = recordId('a role id');
export const grantIdSchema = recordId('a grant id');

export const createTeamSchema = z.object({ name: nameOf('team'), description });
export const renameTeamSchema = z.object({ teamId: teamIdSchema, name: nameOf('team'), description });
export const deleteTeamSchema = z.object({ teamId: teamIdSchema, confirmName: z.string().max(100) });
/** A member is named by id (administrators pick from every user) or by exact username (leads, who are shown no list of users). */
export const teamMemberSchema = z
  .object({ teamId: teamIdSchema, userId: userIdSchema.optional(), username: usernameSchema.optional(), lead: z.boolean().default(false) })
  .refine((m) => (m.userId === undefined) !== (m.username === undefined), { message: issueText('access.errors.nameOneUser'), path: ['username'] });
export const removeTeamMemberSchema = z.object({ teamId: teamIdSchema, userId: userIdSchema });

const permissionList = z.array(z.enum(PERMISSIONS, { error: issueText('access.errors.unknownPermission') })).min(1, issueText('access.errors.pickPermission')).max(PERMISSIONS.length);
export const createRoleSchema = z.object({ name: nameOf('role'), description, permissions: permissionList });
export const updateRoleSchema = createRoleSchema.extend({ roleId: roleIdSchema });
export const deleteRoleSchema = z.object({ roleId: roleIdSchema });

export const grantScopeSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('global') }),
  z.object({ type: z.literal('host'), id: hostIdSchema }),
  z.object({ type: z.literal('swarm'), id: swarmIdSchema }),
  z.object({ type: z.literal('stack'), swarmId: swarmIdSchema, name: stackNameSchema }),
  z.object({ type: z.literal('project'), hostId: hostIdSchema, name: projectNameSchema }),
  z.object({ type: z.literal('registry'), id: recordId('a registry id') }),
]);
export const grantSubjectSchema = z.discriminatedUnion('type', [z.object({ type: z.literal('user'), id: userIdSchema }), z.object({ type: z.literal('team'), id: teamIdSchema })]);
/** `role`: a built-in role's key (admin, operator…) or a custom role's id. */
export const createGrantSchema = z.object({ subject: grantSubjectSchema, role: z.string().min(1, issueText('access.errors.chooseRole')).max(40), scope: grantScopeSchema });
export const deleteGrantSchema = z.object({ grantId: grantIdSchema });
export const explainUserSchema = z.object({ userId: userIdSchema });

export type CreateGrantInput = z.infer<typeof createGrantSchema>;
export type RoleInput = z.infer<typeof createRoleSchema>;
