// Explaining access: for a user, what they may do where and the grant each permission comes from;
// for a refusal, which permission was missing on which scope and what the user holds there. Pure:
// it reads the same grants isAllowed() reads.
import { PERMISSIONS, isAllowed, permissionsOf, scopeCovers, type Grant, type GrantOrigin, type Permission, type Scope, type Target } from './permissions.ts';

export type AccessSource = { roleName: string; from: GrantOrigin };
export type ScopeAccess = { scope: Scope; permissions: { permission: Permission; sources: AccessSource[] }[] };

/** A scope's key: the same scope held through several grants is one entry. */
export const keyOfScope = (scope: Scope): string =>
  scope.type === 'global' ? 'global' : scope.type === 'stack' ? `stack:${scope.swarmId}/${scope.name}` : scope.type === 'project' ? `project:${scope.hostId}/${scope.name}` : `${scope.type}:${scope.id}`;
const keyOf = keyOfScope;
const ORDER: Record<Scope['type'], number> = { global: 0, host: 1, project: 2, swarm: 3, stack: 4, team: 5, registry: 6 };

/** Effective permissions per scope, each with the grants (and teams) it comes from. Everything first. */
export function explainAccess(grants: readonly Grant[]): ScopeAccess[] {
  const byScope = new Map<string, { scope: Scope; permissions: Map<Permission, AccessSource[]> }>();
  for (const grant of grants) {
    const held = permissionsOf(grant);
    if (held.size === 0) continue;
    const key = keyOf(grant.scope);
    const entry = byScope.get(key) ?? { scope: grant.scope, permissions: new Map() };
    const source: AccessSource = { roleName: grant.roleName ?? grant.role, from: grant.from ?? { kind: 'base' } };
    for (const permission of PERMISSIONS) if (held.has(permission)) entry.permissions.set(permission, [...(entry.permissions.get(permission) ?? []), source]);
    byScope.set(key, entry);
  }
  return [...byScope.values()]
    .sort((a, b) => ORDER[a.scope.type] - ORDER[b.scope.type] || keyOf(a.scope).localeCompare(keyOf(b.scope)))
    .map(({ scope, permissions }) => ({ scope, permissions: [...permissions.entries()].map(([permission, sources]) => ({ permission, sources })) }));
}

/** The target a refusal recorded in the audit log was about, from its stored type and id. */
export function targetOfAuditRow(row: { targetType: string | null; targetId: string | null }): Target {
  if (!row.targetType || !row.targetId) return { type: 'global' };
  if (row.targetType === 'host' || row.targetType === 'swarm' || row.targetType === 'user' || row.targetType === 'team') return { type: row.targetType, id: row.targetId };
  if (row.targetType === 'stack') {
    const at = row.targetId.indexOf('/');
    if (at > 0) return { type: 'swarm', id: row.targetId.slice(0, at), stack: row.targetId.slice(at + 1) };
  }
  return { type: 'global' };
}

export type DenialExplanation = {
  permission: Permission;
  /** Whether the user's grants as they stand now would allow it (access changed since, or the target carried more). */
  allowedNow: boolean;
  /** The grants that reach the target, with whether each holds the permission (none does when refused). */
  reaching: (AccessSource & { holds: boolean })[];
};

/** Why `permission` on `target` was refused, judged against the user's grants now. */
export function explainDenial(grants: readonly Grant[], permission: Permission, target: Target): DenialExplanation {
  const reaching = grants
    .filter((g) => permissionsOf(g).size > 0 && scopeCovers(g.scope, target))
    .map((g) => ({ roleName: g.roleName ?? g.role, from: g.from ?? ({ kind: 'base' } as GrantOrigin), holds: permissionsOf(g).has(permission) }));
  return { permission, allowedNow: isAllowed(grants, permission, target), reaching };
}
