// "What may this user do where, and why": a user's effective permissions per scope, each with the
// grant (and team) it comes from, read the way their session reads them; and for a refusal in the
// audit log, which permission was missing on which scope.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { explainAccess, explainDenial, keyOfScope, targetOfAuditRow, type AccessSource } from '@/lib/auth/explain-access.ts';
import { GRANT_ROWS_INCLUDE, grantsOfRows } from '@/lib/auth/grant-rows.ts';
import { auditTargetOf, grantsForUser, isRoleKey, PERMISSIONS, type Grant, type Permission, type Scope } from '@/lib/auth/permissions.ts';
import { scopeSaid, type ScopeNames } from '@/lib/models/access/access-views.ts';
import type { ServiceDeps } from '../deps.ts';
import { scopeNames } from './access-names.ts';

/** What the page says of a user's access, in no language yet: the page says each message in its own
 * (what a permission allows is the permissions catalogue's sentence, permissions.allows.<permission>). */
export type ExplainedPermission = { permission: Permission; sources: Message[] };
export type UserAccess = { user: { id: string; username: string; role: string }; scopes: { key: string; label: Message; permissions: ExplainedPermission[] }[] };
export type DenialView = { id: string; at: string; permission: Permission; where: Message; allowedNow: boolean; reaching: Message[] };

const sourceSaid = ({ roleName, from }: AccessSource): Message =>
  from.kind === 'base'
    ? msg('accessText.source.base', { role: roleName })
    : from.kind === 'team'
      ? msg('accessText.source.team', { role: roleName, team: from.teamName })
      : from.kind === 'lead'
        ? msg('accessText.source.lead', { team: from.teamName })
        : msg('accessText.source.direct', { role: roleName });

/** A scope in words; a team scope (what leading a team gives) by the team's name. */
function labelOf(scope: Scope, names: ScopeNames, grants: readonly Grant[]): Message {
  if (scope.type !== 'team') return scopeSaid(scope, names);
  const from = grants.find((g) => g.scope.type === 'team' && g.scope.id === scope.id)?.from;
  return msg('accessText.scope.team', { name: from?.kind === 'lead' ? from.teamName : scope.id });
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
      key: keyOfScope(scope),
      label: labelOf(scope, names, grants),
      permissions: permissions.map(({ permission, sources }) => ({ permission, sources: sources.map(sourceSaid) })),
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
    const where = !recorded
      ? msg('accessText.scope.everything')
      : recorded.type === 'host'
        ? msg('accessText.scope.host', { name: names.hosts.get(recorded.id) ?? recorded.id })
        : recorded.type === 'swarm'
          ? msg('accessText.scope.swarm', { name: names.swarms.get(recorded.id) ?? recorded.id })
          : recorded.type === 'stack' && target.type === 'swarm'
            ? msg('accessText.scope.stack', { name: target.stack ?? '', swarm: names.swarms.get(target.id) ?? target.id })
            : msg('accessText.scope.other', { type: recorded.type, name: row.targetName ?? recorded.id });
    const explained = explainDenial(grants, permission, target);
    return [{ id: String(row.id), at: row.at.toISOString(), permission, where, allowedNow: explained.allowedNow, reaching: explained.reaching.map((r) => (r.holds ? sourceSaid(r) : msg('accessText.source.without', { source: sourceSaid(r) }))) }];
  });
}
