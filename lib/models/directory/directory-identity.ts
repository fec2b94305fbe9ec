// What a directory says about a user, made into what Wharf keeps: the username (Wharf's rules),
// the groups (from a claim or attribute values), the teams those groups map to, and the changes
// to the user's directory-made team memberships. Pure; the sign-in services apply the result.
import type { DirectoryKind } from './directory-source.ts';

const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;
const MAX_GROUPS = 500;

/** The directory's name for the user as a Wharf username (lowercase), or null when it cannot be one. */
export function wharfUsername(candidate: unknown): string | null {
  if (typeof candidate !== 'string') return null;
  const name = candidate.trim().toLowerCase();
  return USERNAME.test(name) ? name : null;
}

/** The user's groups from a claim (a dotted path goes into nested objects, e.g. realm_access.roles): strings only, trimmed, once each. */
export function groupsFromClaims(claims: Record<string, unknown>, claimPath: string): string[] {
  let value: unknown = claims;
  // The whole name first: some providers use claim names with dots or slashes in them (URLs).
  if (Object.hasOwn(claims, claimPath)) value = claims[claimPath];
  else {
    for (const part of claimPath.split('.')) {
      value = value && typeof value === 'object' && !Array.isArray(value) && Object.hasOwn(value, part) ? (value as Record<string, unknown>)[part] : undefined;
    }
  }
  const list = Array.isArray(value) ? value : typeof value === 'string' ? [value] : [];
  return uniqueGroups(list);
}

/** Distinct non-empty group names, at most 500. */
export function uniqueGroups(values: readonly unknown[]): string[] {
  const groups = values.filter((g): g is string => typeof g === 'string').map((g) => g.trim()).filter((g) => g.length > 0 && g.length <= 500);
  return [...new Set(groups)].slice(0, MAX_GROUPS);
}

/** The value of an LDAP group's naming attribute from its DN when only memberOf DNs are known: "cn=ops,ou=groups,…" → "ops". */
export function groupNameFromDn(dn: string, attribute: string): string | null {
  const first = /^\s*([^=,]+)=((?:\\.|[^,])*)/.exec(dn);
  if (!first || first[1]!.trim().toLowerCase() !== attribute.toLowerCase()) return null;
  return first[2]!.replace(/\\(.)/g, '$1').trim() || null;
}

export type GroupMapping = { source: string; groupName: string; teamId: string };

/** The teams the user's groups map to, for this source. Group names compare exactly (case included), as the directory spells them. */
export function mappedTeamIds(mappings: readonly GroupMapping[], source: DirectoryKind, groups: readonly string[]): string[] {
  const held = new Set(groups);
  return [...new Set(mappings.filter((m) => m.source === source && held.has(m.groupName)).map((m) => m.teamId))];
}

export type Membership = { teamId: string; source: string };

/**
 * The changes that make the user's memberships of `source` the mapped teams: add the missing ones,
 * remove those of that source no longer mapped. Memberships of another source ('local', the other
 * directory) are never touched, and a team the user already belongs to another way is not added again.
 */
export function planTeamSync(current: readonly Membership[], source: DirectoryKind, mapped: readonly string[]): { add: string[]; remove: string[] } {
  const want = new Set(mapped);
  const inTeam = new Set(current.map((m) => m.teamId));
  return {
    add: [...want].filter((teamId) => !inTeam.has(teamId)),
    remove: current.filter((m) => m.source === source && !want.has(m.teamId)).map((m) => m.teamId),
  };
}
