// The one permission table: which role may do what, and on which scope. Pure; every door
// (server actions, route handlers, socket handlers) asks isAllowed() through authorize().
//
// A grant gives a role on a scope. A user holds their base role everywhere (User.role), plus the
// grants made to them and to their teams (lib/auth/load-grants.ts), on everything, a host, a swarm
// or a stack on a swarm. Grants add up; nothing is denied by a grant.
import { msg, type Message } from '@/lib/i18n/message.ts';
import { ownerAdmits, type Owner } from './ownership.ts';

export const PERMISSIONS = [
  'host.view',
  'host.create',
  'host.update',
  'host.delete',
  /** A shell on the machine behind a provisioned host (SSH in the browser). Administrators only by default. */
  'host.ssh',
  /** Connect engines on the console's own machine (a unix socket, a loopback address), tested or added. Administrators only. */
  'host.local',
  /** Add and remove cloud accounts (API tokens). Using a saved account to provision needs host.create. */
  'cloud.manage',
  'swarm.view',
  'swarm.manage',
  'swarm.secrets',
  'stack.view',
  'stack.deploy',
  'service.view',
  'service.manage',
  /** Reveal service environment values and config contents (masked for everyone until revealed, each reveal audited), as container.env does for containers. */
  'service.env',
  'container.view',
  'container.logs',
  'container.manage',
  'container.exec',
  'container.env',
  'workload.unrestricted',
  'user.view',
  'user.manage',
  'audit.view',
  /** How long the audit log keeps entries. Administrators. */
  'audit.manage',
  /** Read the workload policies and where they apply (operators too, so they understand a refusal). */
  'policy.view',
  /** Create, edit, attach and delete workload policies. Administrators. */
  'policy.manage',
  /** See the teams, their members and their grants. */
  'team.view',
  /** Create, rename and delete teams, set their members and leads, and grant roles to users and teams. Administrators. */
  'team.manage',
  /** Create, change and delete custom roles. Administrators. */
  'role.manage',
  /** See a registry and browse its repositories and tags. */
  'registry.view',
  /** Pull its images onto hosts, and deploy services and stacks with its credentials. */
  'registry.pull',
  /** Push, retag and delete tags in its repositories. */
  'registry.push',
  /** Add, change and remove the registry and its credentials. Administrators. */
  'registry.manage',
  /** Download a backup of the whole console: its database and the keys that open its sealed secrets. Administrators. */
  'backup.create',
  /** Add, change and remove notification channels and rules, and read their delivery log. Administrators. */
  'notification.manage',
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_KEYS = ['admin', 'operator', 'helpdesk', 'deployer', 'viewer', 'none'] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

type RoleDefinition = { label: string; description: string; permissions: ReadonlySet<Permission> };

const viewer: Permission[] = ['host.view', 'swarm.view', 'stack.view', 'service.view', 'container.view', 'container.logs', 'registry.view'];
const helpdesk: Permission[] = [...viewer, 'policy.view', 'team.view'];
const deployer: Permission[] = [...viewer, 'stack.deploy', 'service.manage', 'policy.view', 'registry.pull'];
const operator: Permission[] = [...viewer, 'host.create', 'host.update', 'host.delete', 'swarm.manage', 'stack.deploy', 'service.manage', 'service.env', 'container.manage', 'container.exec', 'container.env', 'policy.view', 'team.view', 'registry.pull', 'registry.push'];
const admin: Permission[] = [...PERMISSIONS];

export const ROLES: Record<RoleKey, RoleDefinition> = {
  admin: { label: 'Administrator', description: 'Everything, including users, teams, roles and the audit log.', permissions: new Set(admin) },
  operator: { label: 'Operator', description: 'Runs hosts and workloads; cannot manage users.', permissions: new Set(operator) },
  helpdesk: { label: 'Helpdesk', description: 'Reads everything in its scope and its logs; no terminal, changes nothing.', permissions: new Set(helpdesk) },
  deployer: { label: 'Deployer', description: 'Deploys and updates stacks and services in its scope; no host changes, no terminal.', permissions: new Set(deployer) },
  viewer: { label: 'Viewer', description: 'Sees everything it is granted; changes nothing.', permissions: new Set(viewer) },
  none: { label: 'No global access', description: 'Sees and does only what its teams and grants allow.', permissions: new Set() },
};

export const isRoleKey = (value: string): value is RoleKey => (ROLE_KEYS as readonly string[]).includes(value);

/** Where a task container or a service sits in a swarm: the swarm, and the stack when it belongs to one. */
export type Containment = { swarmId: string; stack?: string };

/** What a permission is checked against. `global` is for things that belong to no scope (users, audit).
 * A target carries what contains it: a host target may name the swarm (and stack) of the task container
 * it stands for; a swarm target may name the stack of the service or stack it stands for. */
export type Target =
  | { type: 'global' }
  /** `owner`: the team the object was made for, read from the engine (lib/auth/ownership.ts). */
  | { type: 'host'; id: string; in?: Containment; /** the Compose project a container belongs to (its label) */ project?: string; owner?: Owner }
  | { type: 'swarm'; id: string; stack?: string; owner?: Owner }
  | { type: 'user'; id: string }
  /** One team (its members and grants): what its leads manage. */
  | { type: 'team'; id: string }
  /** One registry (its repositories and credentials). */
  | { type: 'registry'; id: string }
  /** For lists only: the permission held on some scope, or on something in this swarm (the swarm
   * itself or one of its stacks). The list then keeps each row only when isAllowed() says so for
   * the row's own target. */
  | { type: 'anywhere' }
  | { type: 'in-swarm'; id: string };

/** Where a stored grant applies: everything, a host, a swarm, one stack on a swarm, one Compose
 * project on a host, or a registry. */
export type GrantScope =
  | { type: 'global' }
  | { type: 'host'; id: string }
  | { type: 'swarm'; id: string }
  | { type: 'stack'; swarmId: string; name: string }
  | { type: 'project'; hostId: string; name: string }
  | { type: 'registry'; id: string };
/** Where a grant applies: a stored grant's scope, or one team (the grant a team's lead holds on it,
 * made from the membership, never stored). */
export type Scope = GrantScope | { type: 'team'; id: string };

/** Where a grant came from, for explaining access. */
export type GrantOrigin = { kind: 'base' } | { kind: 'user'; grantId: string } | { kind: 'team'; grantId: string; teamId: string; teamName: string } | { kind: 'lead'; teamId: string; teamName: string };

/** A role on a scope. `permissions` is the resolved set (a custom role's); absent for a built-in role,
 * whose set is read from ROLES. */
export type Grant = { role: string; roleName?: string; permissions?: ReadonlySet<Permission>; scope: Scope; from?: GrantOrigin };

export const GLOBAL: Target = { type: 'global' };
/** A list's door: the permission held somewhere (each row is then checked on its own). */
export const ANYWHERE: Target = { type: 'anywhere' };

/** Whether a grant on `scope` reaches `target`: a stack is in its swarm; a task container is in its
 * swarm and stack as well as on its host; a standalone container only on its host. */
export function scopeCovers(scope: Scope, target: Target): boolean {
  if (target.type === 'anywhere') return true;
  if (target.type === 'in-swarm') return scope.type === 'global' || (scope.type === 'swarm' && scope.id === target.id) || (scope.type === 'stack' && scope.swarmId === target.id);
  switch (scope.type) {
    case 'global':
      return true;
    case 'host':
      return target.type === 'host' && target.id === scope.id;
    case 'swarm':
      return (target.type === 'swarm' && target.id === scope.id) || (target.type === 'host' && target.in?.swarmId === scope.id);
    case 'stack':
      return (
        (target.type === 'swarm' && target.id === scope.swarmId && target.stack === scope.name) ||
        (target.type === 'host' && target.in?.swarmId === scope.swarmId && target.in.stack === scope.name)
      );
    case 'project':
      return target.type === 'host' && target.id === scope.hostId && target.project === scope.name;
    case 'team':
      return target.type === 'team' && target.id === scope.id;
    case 'registry':
      return target.type === 'registry' && target.id === scope.id;
  }
}

/** The target that stands for a whole scope (what a grant on it must be held on to be given). */
export function targetOfScope(scope: Scope): Target {
  switch (scope.type) {
    case 'global':
      return GLOBAL;
    case 'host':
      return { type: 'host', id: scope.id };
    case 'swarm':
      return { type: 'swarm', id: scope.id };
    case 'stack':
      return { type: 'swarm', id: scope.swarmId, stack: scope.name };
    case 'project':
      return { type: 'host', id: scope.hostId, project: scope.name };
    case 'team':
      return { type: 'team', id: scope.id };
    case 'registry':
      return { type: 'registry', id: scope.id };
  }
}

/** What a team's lead holds on their team: seeing it, and managing its members and grants (within
 * what the lead holds themselves; see lib/auth/delegation.ts). */
export const LEAD_PERMISSIONS: ReadonlySet<Permission> = new Set<Permission>(['team.view', 'team.manage']);

const NO_PERMISSIONS: ReadonlySet<Permission> = new Set();

/** A built-in role's permissions; nothing for a key that is not a role (including "constructor" and the like). */
export function permissionsOfRole(role: string): ReadonlySet<Permission> {
  return Object.hasOwn(ROLES, role) ? ROLES[role as RoleKey].permissions : NO_PERMISSIONS;
}

export const permissionsOf = (grant: Grant): ReadonlySet<Permission> => grant.permissions ?? permissionsOfRole(grant.role);

/** The owner a target records, if any. */
export const ownerOfTarget = (target: Target): Owner | undefined => (target.type === 'host' || target.type === 'swarm' ? target.owner : undefined);

/** Whether the grants (held by `userId`) allow `permission` on `target`: a grant with the permission
 * on a scope covering the target, admitted by the target's owner (ownerAdmits). */
export function isAllowed(grants: readonly Grant[], permission: Permission, target: Target = GLOBAL, userId?: string | null): boolean {
  const owner = ownerOfTarget(target);
  for (const grant of grants) if (permissionsOf(grant).has(permission) && scopeCovers(grant.scope, target) && ownerAdmits(grant, owner, userId)) return true;
  return false;
}

/** One thing a door checks: a permission, on a target (global when absent). */
export type Requirement = { permission: Permission; target?: Target };

/** Whether every requirement holds (what a stream is re-checked against while it stays open). */
export const meetsAll = (grants: readonly Grant[], requirements: readonly Requirement[], userId?: string | null): boolean =>
  requirements.every(({ permission, target }) => isAllowed(grants, permission, target, userId));

/** Which scopes a permission reaches: everything, or these hosts, swarms, stacks (by swarm) and Compose projects (by host). */
export type Visible = 'all' | { hosts: ReadonlySet<string>; swarms: ReadonlySet<string>; stacks: ReadonlyMap<string, ReadonlySet<string>>; projects: ReadonlyMap<string, ReadonlySet<string>> };

/** The one answer to "which hosts, swarms and stacks may a list show for this permission". Lists
 * narrow what they read with it, then keep each row only when isAllowed() says so for its target. */
export function visibleScopes(grants: readonly Grant[], permission: Permission): Visible {
  const hosts = new Set<string>();
  const swarms = new Set<string>();
  const stacks = new Map<string, Set<string>>();
  const projects = new Map<string, Set<string>>();
  for (const grant of grants) {
    if (!permissionsOf(grant).has(permission)) continue;
    const scope = grant.scope;
    if (scope.type === 'global') return 'all';
    if (scope.type === 'host') hosts.add(scope.id);
    else if (scope.type === 'swarm') swarms.add(scope.id);
    else if (scope.type === 'stack') stacks.set(scope.swarmId, (stacks.get(scope.swarmId) ?? new Set()).add(scope.name));
    else if (scope.type === 'project') projects.set(scope.hostId, (projects.get(scope.hostId) ?? new Set()).add(scope.name));
  }
  return { hosts, swarms, stacks, projects };
}

/** Whether anything on a host may be shown: the host itself, a Compose project on it, or a task of a swarm (or stack) it is in. */
export const reachesHost = (visible: Visible, hostId: string, swarmId: string | null): boolean =>
  visible === 'all' || visible.hosts.has(hostId) || visible.projects.has(hostId) || (swarmId !== null && (visible.swarms.has(swarmId) || visible.stacks.has(swarmId)));

/** Whether anything in a swarm may be shown: the swarm itself or one of its stacks. */
export const reachesSwarm = (visible: Visible, swarmId: string): boolean => visible === 'all' || visible.swarms.has(swarmId) || visible.stacks.has(swarmId);

/** Which hosts a list may show, as themselves: all of them, or these ids. Unknown ids are simply absent. */
export function visibleHosts(grants: readonly Grant[], permission: Permission): 'all' | ReadonlySet<string> {
  const visible = visibleScopes(grants, permission);
  return visible === 'all' ? 'all' : visible.hosts;
}

/** The grants a user holds: their base role everywhere, then grants to them and to their teams
 * (permissions resolved, custom roles included), as the session read loads them. */
export function grantsForUser(user: { role: string }, extra: readonly Grant[] = []): Grant[] {
  const base: Grant[] = isRoleKey(user.role) && user.role !== 'none' ? [{ role: user.role, scope: { type: 'global' }, from: { kind: 'base' } }] : [];
  return [...base, ...extra];
}


/** How a target is recorded in the audit log (a denial says what was missing where): the object's
 * type and id, and what contains it. Null for global and list targets. */
export function auditTargetOf(target: Target): { type: string; id: string; name?: string } | null {
  switch (target.type) {
    case 'global':
    case 'anywhere':
      return null;
    case 'in-swarm':
      return { type: 'swarm', id: target.id };
    case 'host':
      if (target.project && !target.in) return { type: 'project', id: `${target.id}/${target.project}`, name: target.project };
      return target.in ? { type: 'host', id: target.id, name: target.in.stack ? `a task of stack ${target.in.stack} on swarm ${target.in.swarmId}` : `a task on swarm ${target.in.swarmId}` } : { type: 'host', id: target.id };
    case 'swarm':
      return target.stack ? { type: 'stack', id: `${target.id}/${target.stack}`, name: target.stack } : { type: 'swarm', id: target.id };
    case 'user':
    case 'team':
    case 'registry':
      return { type: target.type, id: target.id };
  }
}

/** What a permission allows, as the end of "You are not allowed to …" (permissions.phrase.*). */
export const permissionPhrase = (permission: Permission): Message => msg(`permissions.phrase.${permission}`);
