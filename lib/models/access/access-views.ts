// What the administration pages show about teams, roles and grants. Browser-safe types and pure
// labels; the services in lib/services/access build them.
import { ROLES, isRoleKey, type GrantScope, type Permission } from '@/lib/auth/permissions.ts';

export type ScopeNames = { hosts: ReadonlyMap<string, string>; swarms: ReadonlyMap<string, string>; registries?: ReadonlyMap<string, string> };

/** A scope in words: "everything", "host web-1", "swarm lab", "stack payments on swarm lab". */
export function scopeLabel(scope: GrantScope, names: ScopeNames): string {
  switch (scope.type) {
    case 'global':
      return 'everything';
    case 'host':
      return `host ${names.hosts.get(scope.id) ?? scope.id}`;
    case 'swarm':
      return `swarm ${names.swarms.get(scope.id) ?? scope.id}`;
    case 'stack':
      return `stack ${scope.name} on swarm ${names.swarms.get(scope.swarmId) ?? scope.swarmId}`;
    case 'registry':
      return `registry ${names.registries?.get(scope.id) ?? scope.id}`;
  }
}

export type RoleRef = { key: string; name: string; builtin: boolean };

/** A built-in role's key as the pages name it, or null when it is not one. */
export const builtinRoleRef = (key: string): RoleRef | null => (isRoleKey(key) ? { key, name: ROLES[key].label, builtin: true } : null);

export type GrantView = {
  id: string;
  subject: { type: 'user' | 'team'; id: string; name: string };
  role: RoleRef;
  scope: GrantScope;
  scopeLabel: string;
};

export type TeamMemberView = { userId: string; username: string; displayName: string | null; lead: boolean; source: string };
export type TeamSummary = { id: string; name: string; description: string | null; members: number; leads: string[] };
export type TeamDetail = { id: string; name: string; description: string | null; members: TeamMemberView[]; grants: GrantView[] };

export type RoleView = { key: string; name: string; description: string; builtin: boolean; permissions: Permission[]; grants: number };
