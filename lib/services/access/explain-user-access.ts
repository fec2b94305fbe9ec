// "What may this user do where, and why": a user's effective permissions per scope, each with the
// grant (and team) it comes from, read the way their session reads them; and for a refusal in the
// audit log, which permission was missing on which scope.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { explainAccess, explainDenial, targetOfAuditRow, type AccessSource } from '@/lib/auth/explain-access.ts';
import { GRANT_ROWS_INCLUDE, grantsOfRows } from '@/lib/auth/grant-rows.ts';
import { auditTargetOf, grantsForUser, isRoleKey, PERMISSIONS, type Grant, type Permission, type Scope } from '@/lib/auth/permissions.ts';
import { scopeLabel, type ScopeNames } from '@/lib/models/access/access-views.ts';
import { permissionAllows } from '@/lib/models/access/permission-catalogue.ts';
import type { ServiceDeps } from '../deps.ts';
import { scopeNames } from './access-names.ts';

export type ExplainedPermission = { permission: Permission; allows: string; sources: string[] };
export type UserAccess = { user: { id: string; username: string; role: string }; scopes: { label: string; permissions: ExplainedPermission[] }[] };
export type DenialView = { id: string; at: string; permission: Permission; where: string; allowedNow: boolean; reaching: string[] };

const sourceText = ({ roleName, from }: AccessSource): string =>
  from.kind === 'base' ? `${roleName} (base role)` : from.kind === 'team' ? `${roleName} through team ${from.teamName}` : from.kind === 'lead' ? `lead of team ${from.teamName}` : `${roleName} granted to them`;

/** A scope in words; a team scope (what leading a team gives) by the team's name. */
function labelOf(scope: Scope, names: ScopeNames, grants: readonly Grant[]): string {
  if (scope.type !== 'team') return scopeLabel(scope, names);
  const from = grants.find((g) => g.scope.type === 'team' && g.scope.id === scope.id)?.from;
  return `team ${from?.kind === 'lead' ? from.teamName : scope.id}`;
}

async function grantsOf(deps: Pick<ServiceDeps, 'db'>, userId: string): Promise<{ user: { id: string; username: string; role: string }; grants: Grant[] }> {
  const user = await deps.db.user.findUnique({ where: { id: userId }, include: GRANT_ROWS_INCLUDE });
  if (!user) throw new AppError('NOT_FOUND', msg('access.errors.userNotFound'));
  return { user: { id: user.id, username: user.username, role: user.role }, grants: user.disabled || !isRoleKey(user.role) ? [] : grantsForUser(user, grantsOfRows(user)) };
}

export async function explainUserAccess(deps: Pick<ServiceDeps, 'db'>, userId: string): Promise<UserAccess> {
  const [{ user, grants }, names] = await Promise.all([grantsOf(deps, userId), scopeNames(deps.db)]);
  return {
    user,
    scopes: explainAccess(grants).map(({ scope, permissions }) => ({
      label: labelOf(scope, names, grants),
      permissions: permissions.map(({ permission, sources }) => ({ permission, allows: permissionAllows(permission), sources: sources.map(sourceText) })),
    })),
  };
}

const KNOWN = new Set<string>(PERMISSIONS);

/** The user's recent refusals, each explained against their grants as they stand now. */
export async function explainUserDenials(deps: Pick<ServiceDeps, 'db'>, userId: string, limit = 10): Promise<DenialView[]> {
  const [{ grants }, names, rows] = await Promise.all([
    grantsOf(deps, userId),
    scopeNames(deps.db),
    deps.db.auditEntry.findMany({ where: { actorId: userId, result: 'denied' }, orderBy: { id: 'desc' }, take: limit, select: { id: true, at: true, action: true, targetType: true, targetId: true, targetName: true } }),
  ]);
  return rows.flatMap((row) => {
    if (!KNOWN.has(row.action)) return [];
    const permission = row.action as Permission;
    const target = targetOfAuditRow(row);
    const recorded = auditTargetOf(target);
    const where = !recorded ? 'everything' : recorded.type === 'host' ? `host ${names.hosts.get(recorded.id) ?? recorded.id}` : recorded.type === 'swarm' ? `swarm ${names.swarms.get(recorded.id) ?? recorded.id}` : recorded.type === 'stack' && target.type === 'swarm' ? `stack ${target.stack} on swarm ${names.swarms.get(target.id) ?? target.id}` : `${recorded.type} ${row.targetName ?? recorded.id}`;
    const explained = explainDenial(grants, permission, target);
    return [{ id: String(row.id), at: row.at.toISOString(), permission, where, allowedNow: explained.allowedNow, reaching: explained.reaching.map((r) => `${sourceText(r)}${r.holds ? '' : ' (does not include it)'}`) }];
  });
}
