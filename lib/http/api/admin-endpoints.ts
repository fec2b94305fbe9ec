// /api/v1 endpoints for administration: users, teams and their members, custom roles and grants, each the one service call of its
// page or server action with the same requirements (team leads reach their own team as in the
// console; everything else needs the administrator's permissions).
import 'server-only';
import { z } from 'zod';
import { ANYWHERE } from '@/lib/auth/permissions.ts';
import * as out from '@/lib/schemas/api-responses.ts';
import { createGrantSchema, createRoleSchema, deleteGrantSchema, deleteRoleSchema, removeTeamMemberSchema, teamIdSchema, teamMemberSchema, updateRoleSchema } from '@/lib/schemas/access.ts';
import { createUserSchema, userIdSchema } from '@/lib/schemas/users.ts';
import { createGrant, deleteGrant, listUserGrants, teamOfGrant } from '@/lib/services/access/manage-grants.ts';
import { createRole, deleteRole, listRoles, updateRole } from '@/lib/services/access/manage-roles.ts';
import { addTeamMember, listTeams, readTeam, removeTeamMember } from '@/lib/services/access/manage-teams.ts';
import { listUsers } from '@/lib/services/users/list-users.ts';
import { createUser } from '@/lib/services/users/manage-users.ts';
import { endpoint } from './endpoint.ts';

const none = z.object({});
const userRef = z.object({ userId: userIdSchema });
const teamRef = z.object({ teamId: teamIdSchema });
/** As the Teams page: a team's leads manage its members through their lead grant on it. */
const onTeam = (i: { teamId: string }) => ({ permission: 'team.manage' as const, target: { type: 'team' as const, id: i.teamId } });
const roleManage = () => ({ permission: 'role.manage' as const, target: { type: 'global' as const } });

export const ADMIN_ENDPOINTS = [
  endpoint({ method: 'GET', path: '/users', operationId: 'listUsers', summary: 'Every user (administrators)', tag: 'Users', input: none, list: 'door', output: out.userSchema,
    check: () => ({ permission: 'user.view', target: { type: 'global' } }), run: ({ deps }) => listUsers(deps) }),
  endpoint({ method: 'POST', path: '/users', operationId: 'createUser', summary: 'Create a user with a password and a base role (administrators)', tag: 'Users', input: createUserSchema, output: out.createdUserSchema, status: 201,
    check: () => ({ permission: 'user.manage', target: { type: 'global' } }), run: ({ deps, actor, input }) => createUser(deps, actor, input) }),
  endpoint({ method: 'GET', path: '/users/{userId}/grants', operationId: 'listUserGrants', summary: "A user's own grants (not those of their teams)", tag: 'Users', input: userRef, list: 'door', output: out.grantSchema,
    check: (i) => ({ permission: 'user.view', target: { type: 'user', id: i.userId } }), run: ({ deps, input }) => listUserGrants(deps, input.userId) }),
  endpoint({ method: 'GET', path: '/teams', operationId: 'listTeams', summary: 'The teams you may see (administrators: all; leads: their own)', tag: 'Teams', input: none, list: 'door', output: out.teamSummarySchema,
    check: () => ({ permission: 'team.view', target: ANYWHERE }), run: ({ deps, actor }) => listTeams(deps, actor) }),
  endpoint({ method: 'GET', path: '/teams/{teamId}', operationId: 'getTeam', summary: 'A team, its members and its grants', tag: 'Teams', input: teamRef, output: out.teamSchema,
    check: (i) => ({ permission: 'team.view', target: { type: 'team', id: i.teamId } }), run: ({ deps, input }) => readTeam(deps, input.teamId) }),
  endpoint({ method: 'PUT', path: '/teams/{teamId}/members/{userId}', operationId: 'addTeamMember', summary: "Add a user to a team, or change whether they lead it (administrators and the team's leads)", tag: 'Teams', input: teamMemberSchema, output: out.emptySchema,
    check: onTeam, run: async ({ deps, actor, input }) => (await addTeamMember(deps, actor, input), {}) }),
  endpoint({ method: 'DELETE', path: '/teams/{teamId}/members/{userId}', operationId: 'removeTeamMember', summary: "Remove a user from a team (administrators and the team's leads)", tag: 'Teams', input: removeTeamMemberSchema, output: out.emptySchema,
    check: onTeam, run: async ({ deps, actor, input }) => (await removeTeamMember(deps, actor, input), {}) }),
  endpoint({ method: 'GET', path: '/roles', operationId: 'listRoles', summary: 'The built-in and custom roles with their permissions', tag: 'Roles', input: none, list: 'door', output: out.roleSchema,
    check: () => ({ permission: 'team.view', target: ANYWHERE }), run: ({ deps }) => listRoles(deps) }),
  endpoint({ method: 'POST', path: '/roles', operationId: 'createRole', summary: 'Create a custom role from the permission catalogue (administrators)', tag: 'Roles', input: createRoleSchema, output: out.createdSchema, status: 201,
    check: roleManage, run: ({ deps, actor, input }) => createRole(deps, actor, input) }),
  endpoint({ method: 'PUT', path: '/roles/{roleId}', operationId: 'updateRole', summary: "Change a custom role: holders get the new permissions on their next request (administrators)", tag: 'Roles', input: updateRoleSchema, output: out.emptySchema,
    check: roleManage, run: async ({ deps, actor, input }) => (await updateRole(deps, actor, input), {}) }),
  endpoint({ method: 'DELETE', path: '/roles/{roleId}', operationId: 'deleteRole', summary: 'Delete a custom role no grant uses (administrators)', tag: 'Roles', input: deleteRoleSchema, output: out.emptySchema,
    check: roleManage, run: async ({ deps, actor, input }) => (await deleteRole(deps, actor, input), {}) }),
  endpoint({ method: 'POST', path: '/grants', operationId: 'createGrant', summary: 'Grant a role on a scope to a user (administrators) or a team (its leads too, within what they hold)', tag: 'Grants', input: createGrantSchema, output: out.createdSchema, status: 201,
    check: (i) => ({ permission: 'team.manage', target: i.subject.type === 'team' ? { type: 'team', id: i.subject.id } : { type: 'global' } }), run: ({ deps, actor, input }) => createGrant(deps, actor, input) }),
  endpoint({ method: 'DELETE', path: '/grants/{grantId}', operationId: 'deleteGrant', summary: 'Remove a grant', tag: 'Grants', input: deleteGrantSchema, output: out.emptySchema,
    check: async (i, _actor, deps) => {
      const teamId = await teamOfGrant(deps, i.grantId).catch(() => null);
      return { permission: 'team.manage', target: teamId ? { type: 'team', id: teamId } : { type: 'global' } };
    },
    run: async ({ deps, actor, input }) => (await deleteGrant(deps, actor, input), {}) }),
];
