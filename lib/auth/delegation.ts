// Who may give a role on a scope (case 29): only someone who holds every permission of that role
// on that scope, and holds something on the scope at all. Administrators (everything, everywhere)
// may give anything; a team's lead only what they hold, where they hold it. Pure.
import { isAllowed, permissionsOf, scopeCovers, targetOfScope, type Grant, type GrantScope, type Permission } from './permissions.ts';

export type Delegation = { ok: true } | { ok: false; missing: Permission[]; holdsScope: boolean };

/** Whether some grant with at least one permission reaches the whole scope. */
export function holdsScope(grants: readonly Grant[], scope: GrantScope): boolean {
  const target = targetOfScope(scope);
  return grants.some((g) => permissionsOf(g).size > 0 && scopeCovers(g.scope, target));
}

/** Whether `grants` may give a role with `permissions` on `scope`, and if not, what is missing. */
export function mayDelegate(grants: readonly Grant[], permissions: Iterable<Permission>, scope: GrantScope): Delegation {
  const target = targetOfScope(scope);
  const missing = [...new Set(permissions)].filter((p) => !isAllowed(grants, p, target));
  const held = holdsScope(grants, scope);
  return missing.length === 0 && held ? { ok: true } : { ok: false, missing, holdsScope: held };
}
