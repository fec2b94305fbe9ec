// Names for the scopes and roles grants refer to, read once for a page or a message.
import 'server-only';
import type { Db } from '@/lib/db/client.ts';
import { resolvePermissions, scopeOfRow, type GrantRow } from '@/lib/auth/grant-rows.ts';
import { PERMISSIONS, ROLES, isRoleKey, type GrantScope, type Permission } from '@/lib/auth/permissions.ts';
import { builtinRoleRef, scopeLabel, scopeSaid, type GrantView, type ScopeNames } from '@/lib/models/access/access-views.ts';

export async function scopeNames(db: Db): Promise<ScopeNames> {
  const [hosts, swarms, registries] = await Promise.all([
    db.host.findMany({ select: { id: true, name: true } }),
    db.swarm.findMany({ select: { id: true, name: true } }),
    db.registry.findMany({ select: { id: true, name: true } }),
  ]);
  return { hosts: new Map(hosts.map((h) => [h.id, h.name])), swarms: new Map(swarms.map((s) => [s.id, s.name])), registries: new Map(registries.map((r) => [r.id, r.name])) };
}

type StoredGrant = GrantRow & { user: { id: string; username: string } | null; team: { id: string; name: string } | null; createdByName?: string | null };

export const GRANT_VIEW_INCLUDE = { role: true, user: { select: { id: true, username: true } }, team: { select: { id: true, name: true } } } as const;

/** A stored grant as the pages show it; null for a row whose scope or role Wharf does not know. */
export function toGrantView(row: StoredGrant, names: ScopeNames): GrantView | null {
  const scope = scopeOfRow(row);
  const role = row.role ? { key: row.role.id, name: row.role.name, builtin: false } : builtinRoleRef(row.builtinRole ?? '');
  const subject = row.user ? { type: 'user' as const, id: row.user.id, name: row.user.username } : row.team ? { type: 'team' as const, id: row.team.id, name: row.team.name } : null;
  if (!scope || !role || !subject) return null;
  return { id: row.id, subject, role, scope, scopeLabel: scopeLabel(scope, names), scopeSaid: scopeSaid(scope, names), grantedBy: row.createdByName ?? null };
}

/** The permissions of a role named by a built-in key or a custom role's id, with its name; null when there is none. */
export async function resolveRole(db: Db, key: string): Promise<{ builtinRole: string | null; roleId: string | null; name: string; permissions: ReadonlySet<Permission> } | null> {
  if (isRoleKey(key)) return { builtinRole: key, roleId: null, name: ROLES[key].label, permissions: ROLES[key].permissions };
  if (!/^[a-z0-9]{10,40}$/.test(key)) return null;
  const role = await db.role.findUnique({ where: { id: key } });
  return role ? { builtinRole: null, roleId: role.id, name: role.name, permissions: resolvePermissions(role.permissions) } : null;
}

/** Whether a scope names something Wharf knows (a host, a swarm; a stack on a known swarm). */
export async function scopeExists(db: Db, scope: GrantScope): Promise<boolean> {
  switch (scope.type) {
    case 'global':
      return true;
    case 'host':
      return (await db.host.count({ where: { id: scope.id } })) > 0;
    case 'swarm':
      return (await db.swarm.count({ where: { id: scope.id } })) > 0;
    case 'stack':
      return (await db.swarm.count({ where: { id: scope.swarmId } })) > 0;
    case 'project':
      return (await db.host.count({ where: { id: scope.hostId } })) > 0;
    case 'registry':
      return (await db.registry.count({ where: { id: scope.id } })) > 0;
  }
}

export const ALL_PERMISSIONS: readonly Permission[] = PERMISSIONS;
