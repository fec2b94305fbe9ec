'use server';
// Server actions for teams, custom roles and grants: thin wrappers over lib/services/access. Team
// leads pass the door by their lead grant on their own team; everything else needs team.manage or
// role.manage everywhere (administrators).
import { createGrantSchema, createRoleSchema, createTeamSchema, deleteGrantSchema, deleteRoleSchema, deleteTeamSchema, removeTeamMemberSchema, renameTeamSchema, teamMemberSchema, updateRoleSchema } from '@/lib/schemas/access.ts';
import { createGrant, deleteGrant, teamOfGrant } from '@/lib/services/access/manage-grants.ts';
import { createRole, deleteRole, updateRole } from '@/lib/services/access/manage-roles.ts';
import { addTeamMember, createTeam, deleteTeam, removeTeamMember, renameTeam } from '@/lib/services/access/manage-teams.ts';
import { getRuntime } from '@/lib/runtime/runtime.ts';
import { authedAction } from './action-client.ts';

const onTeam = (input: { teamId: string }) => ({ permission: 'team.manage' as const, target: { type: 'team' as const, id: input.teamId } });

export const createTeamAction = authedAction('team.create', createTeamSchema, 'team.manage', ({ rt, actor, input }) => createTeam(rt, actor, input));
export const renameTeamAction = authedAction('team.rename', renameTeamSchema, 'team.manage', ({ rt, actor, input }) => renameTeam(rt, actor, input));
export const deleteTeamAction = authedAction('team.delete', deleteTeamSchema, 'team.manage', ({ rt, actor, input }) => deleteTeam(rt, actor, input));
export const addTeamMemberAction = authedAction('team.member-add', teamMemberSchema, onTeam, ({ rt, actor, input }) => addTeamMember(rt, actor, input));
export const removeTeamMemberAction = authedAction('team.member-remove', removeTeamMemberSchema, onTeam, ({ rt, actor, input }) => removeTeamMember(rt, actor, input));

/** A grant to a team: its leads may make it (within what they hold); to a user: administrators. */
export const createGrantAction = authedAction(
  'grant.create',
  createGrantSchema,
  (input) => ({ permission: 'team.manage', target: input.subject.type === 'team' ? { type: 'team', id: input.subject.id } : { type: 'global' } }),
  ({ rt, actor, input }) => createGrant(rt, actor, input),
);
export const deleteGrantAction = authedAction(
  'grant.delete',
  deleteGrantSchema,
  async (input) => {
    const teamId = await teamOfGrant(getRuntime(), input.grantId).catch(() => null);
    return { permission: 'team.manage', target: teamId ? { type: 'team', id: teamId } : { type: 'global' } };
  },
  ({ rt, actor, input }) => deleteGrant(rt, actor, input),
);

export const createRoleAction = authedAction('role.create', createRoleSchema, 'role.manage', ({ rt, actor, input }) => createRole(rt, actor, input));
export const updateRoleAction = authedAction('role.update', updateRoleSchema, 'role.manage', ({ rt, actor, input }) => updateRole(rt, actor, input));
export const deleteRoleAction = authedAction('role.delete', deleteRoleSchema, 'role.manage', ({ rt, actor, input }) => deleteRole(rt, actor, input));
