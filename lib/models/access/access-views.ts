// What the administration pages show about teams, roles and grants. Browser-safe types and pure
// labels; the services in lib/services/access build them.
import { ROLES, isRoleKey, type GrantScope, type Permission } from '@/lib/auth/permissions.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';

export type ScopeNames = { hosts: ReadonlyMap<string, string>; swarms: ReadonlyMap<string, string>; registries?: ReadonlyMap<string, string> };

/** A scope in words, in no language yet: "everything", "host web-1", "swarm lab", "stack payments on swarm lab". */
export function scopeSaid(scope: GrantScope, names: ScopeNames): Message {
  switch (scope.type) {
    case 'global':
      return msg('accessText.scope.everything');
    case 'host':
      return msg('accessText.scope.host', { name: names.hosts.get(scope.id) ?? scope.id });
    case 'swarm':
      return msg('accessText.scope.swarm', { name: names.swarms.get(scope.id) ?? scope.id });
    case 'stack':
      return msg('accessText.scope.stack', { name: scope.name, swarm: names.swarms.get(scope.swarmId) ?? scope.swarmId });
    case 'project':
      return msg('accessText.scope.project', { name: scope.name, host: names.hosts.get(scope.hostId) ?? scope.hostId });
    case 'registry':
      return msg('accessText.scope.registry', { name: names.registries?.get(scope.id) ?? scope.id });
  }
}

/** The same in English: for audit rows and logs. */
export const scopeLabel = (scope: GrantScope, names: ScopeNames): string => renderMessage(scopeSaid(scope, names), 'en');

export type RoleRef = { key: string; name: string; builtin: boolean };

/** A built-in role's key as the pages name it, or null when it is not one. */
export const builtinRoleRef = (key: string): RoleRef | null => (isRoleKey(key) ? { key, name: ROLES[key].label, builtin: true } : null);

export type GrantView = {
  id: string;
  subject: { type: 'user' | 'team'; id: string; name: string };
  role: RoleRef;
  scope: GrantScope;
  /** The scope in English (audit rows); `scopeSaid` the same for each reader's language. */
  scopeLabel: string;
  scopeSaid: Message;
  /** Who made the grant (their username then); null for grants made before Wharf kept it. A grant
   * stays when its maker later loses access (docs/security.md, "Grants outlive their maker's access"). */
  grantedBy: string | null;
};

export type TeamMemberView = { userId: string; username: string; displayName: string | null; lead: boolean; source: string };
export type TeamSummary = { id: string; name: string; description: string | null; members: number; leads: string[] };
export type TeamDetail = { id: string; name: string; description: string | null; members: TeamMemberView[]; grants: GrantView[] };

export type RoleView = { key: string; name: string; description: string; builtin: boolean; permissions: Permission[]; grants: number };
