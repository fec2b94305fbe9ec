// From stored grant rows to the grants isAllowed() reads: the scope a row names, and the role's
// permissions resolved (a custom role's list, keeping only permissions the catalogue knows). Pure.
import { LEAD_PERMISSIONS, PERMISSIONS, ROLES, isRoleKey, type Grant, type GrantOrigin, type GrantScope, type Permission } from './permissions.ts';

export type GrantRow = {
  id: string;
  builtinRole: string | null;
  role: { id: string; name: string; permissions: string[] } | null;
  scopeType: string;
  hostId: string | null;
  swarmId: string | null;
  stackName: string | null;
  registryId?: string | null;
  /** A Compose project's name (with hostId). */
  projectName?: string | null;
};

/** The scope a row names, or null for a row that names none coherently (never widened to global). */
export function scopeOfRow(row: Pick<GrantRow, 'scopeType' | 'hostId' | 'swarmId' | 'stackName' | 'registryId' | 'projectName'>): GrantScope | null {
  switch (row.scopeType) {
    case 'global':
      return { type: 'global' };
    case 'host':
      return row.hostId ? { type: 'host', id: row.hostId } : null;
    case 'swarm':
      return row.swarmId ? { type: 'swarm', id: row.swarmId } : null;
    case 'stack':
      return row.swarmId && row.stackName ? { type: 'stack', swarmId: row.swarmId, name: row.stackName } : null;
    case 'project':
      return row.hostId && row.projectName ? { type: 'project', hostId: row.hostId, name: row.projectName } : null;
    case 'registry':
      return row.registryId ? { type: 'registry', id: row.registryId } : null;
    default:
      return null;
  }
}

/** The columns that store a scope. */
export const rowOfScope = (scope: GrantScope): { scopeType: string; hostId: string | null; swarmId: string | null; stackName: string | null; registryId: string | null; projectName: string | null } => {
  const none = { hostId: null, swarmId: null, stackName: null, registryId: null, projectName: null };
  switch (scope.type) {
    case 'global':
      return { scopeType: 'global', ...none };
    case 'host':
      return { scopeType: 'host', ...none, hostId: scope.id };
    case 'swarm':
      return { scopeType: 'swarm', ...none, swarmId: scope.id };
    case 'stack':
      return { scopeType: 'stack', ...none, swarmId: scope.swarmId, stackName: scope.name };
    case 'project':
      return { scopeType: 'project', ...none, hostId: scope.hostId, projectName: scope.name };
    case 'registry':
      return { scopeType: 'registry', ...none, registryId: scope.id };
  }
};

const KNOWN = new Set<string>(PERMISSIONS);

/** A custom role's permissions, only those the catalogue knows. */
export const resolvePermissions = (values: readonly string[]): ReadonlySet<Permission> => new Set(values.filter((v): v is Permission => KNOWN.has(v)));

/** The grant a row stands for, or null when its role or scope is not one Wharf knows. */
export function grantOfRow(row: GrantRow, from: GrantOrigin): Grant | null {
  const scope = scopeOfRow(row);
  if (!scope) return null;
  if (row.role) return { role: row.role.id, roleName: row.role.name, permissions: resolvePermissions(row.role.permissions), scope, from };
  if (row.builtinRole && isRoleKey(row.builtinRole)) return { role: row.builtinRole, roleName: ROLES[row.builtinRole].label, scope, from };
  return null;
}

export type UserGrantRows = {
  grants: GrantRow[];
  teams: { lead: boolean; team: { id: string; name: string; grants: GrantRow[] } }[];
};

/** A user's own grants, their teams' grants, and what leading a team gives on that team, each with
 * where it came from. */
export function grantsOfRows(user: UserGrantRows): Grant[] {
  const own = user.grants.map((row) => grantOfRow(row, { kind: 'user', grantId: row.id }));
  const teams = user.teams.flatMap(({ team }) => team.grants.map((row) => grantOfRow(row, { kind: 'team', grantId: row.id, teamId: team.id, teamName: team.name })));
  const leads = user.teams
    .filter((m) => m.lead)
    .map(({ team }): Grant => ({ role: 'lead', roleName: 'Team lead', permissions: LEAD_PERMISSIONS, scope: { type: 'team', id: team.id }, from: { kind: 'lead', teamId: team.id, teamName: team.name } }));
  return [...own, ...teams, ...leads].filter((g): g is Grant => g !== null);
}

/** What to include when reading a user, for grantsOfRows. */
export const GRANT_ROWS_INCLUDE = {
  grants: { include: { role: true } },
  teams: { include: { team: { select: { id: true, name: true, grants: { include: { role: true } } } } } },
} as const;
