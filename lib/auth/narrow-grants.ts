// What a narrowed API token may do: its owner's grants intersected with the role and scope the
// token was narrowed to. A permission reaches a target through the token only when the owner holds
// it there and the narrowing allows it there. Pure.
import { permissionsOf, scopeCovers, targetOfScope, type Grant, type Permission, type Scope } from './permissions.ts';

/** The narrower of two scopes when one contains the other; null when neither does (their overlap,
 * such as a swarm's tasks on one host, is not a scope, so nothing is kept: only ever narrower). */
export function scopeWithin(a: Scope, b: Scope): Scope | null {
  if (scopeCovers(a, targetOfScope(b))) return b;
  if (scopeCovers(b, targetOfScope(a))) return a;
  return null;
}

/** Each owner grant cut to the narrowing's permissions and scope; grants left with nothing are dropped. */
export function narrowGrants(owner: readonly Grant[], narrowing: Grant): Grant[] {
  const allowed = permissionsOf(narrowing);
  return owner.flatMap((grant): Grant[] => {
    const scope = scopeWithin(grant.scope, narrowing.scope);
    if (!scope) return [];
    const permissions = new Set<Permission>([...permissionsOf(grant)].filter((p) => allowed.has(p)));
    return permissions.size ? [{ role: grant.role, roleName: grant.roleName, permissions, scope, from: grant.from }] : [];
  });
}
