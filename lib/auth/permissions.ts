// The one permission table: which role may do what, and on which scope. Pure; every door
// (server actions, route handlers, socket handlers) asks isAllowed() through authorize().
//
// A grant gives a role on a scope. Today every user has one global grant from their role;
// teams, custom roles and grants on hosts, swarms and stacks add grants, not new call sites.

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
] as const;
export type Permission = (typeof PERMISSIONS)[number];

export const ROLE_KEYS = ['admin', 'operator', 'viewer', 'none'] as const;
export type RoleKey = (typeof ROLE_KEYS)[number];

type RoleDefinition = { label: string; description: string; permissions: ReadonlySet<Permission> };

const viewer: Permission[] = ['host.view', 'swarm.view', 'stack.view', 'service.view', 'container.view', 'container.logs'];
const operator: Permission[] = [...viewer, 'host.create', 'host.update', 'host.delete', 'swarm.manage', 'stack.deploy', 'service.manage', 'service.env', 'container.manage', 'container.exec', 'container.env', 'policy.view'];
const admin: Permission[] = [...PERMISSIONS];

export const ROLES: Record<RoleKey, RoleDefinition> = {
  admin: { label: 'Administrator', description: 'Everything, including users and the audit log.', permissions: new Set(admin) },
  operator: { label: 'Operator', description: 'Runs hosts and workloads; cannot manage users.', permissions: new Set(operator) },
  viewer: { label: 'Viewer', description: 'Sees everything it is granted; changes nothing.', permissions: new Set(viewer) },
  none: { label: 'No global access', description: 'Sees and does only what its teams and grants allow.', permissions: new Set() },
};

export const isRoleKey = (value: string): value is RoleKey => (ROLE_KEYS as readonly string[]).includes(value);

/** What a permission is checked against. `global` is for things that belong to no scope (users, audit). */
export type Target = { type: 'global' } | { type: 'host' | 'swarm' | 'user'; id: string };
export type Scope = { type: 'global' } | { type: 'host' | 'swarm'; id: string };
export type Grant = { role: RoleKey; scope: Scope };

export const GLOBAL: Target = { type: 'global' };

function scopeCovers(scope: Scope, target: Target): boolean {
  if (scope.type === 'global') return true;
  return target.type === scope.type && target.id === scope.id;
}

/** The role's permissions; nothing for a key that is not a role (including "constructor" and the like). */
function permissionsOf(role: string): ReadonlySet<Permission> {
  return Object.hasOwn(ROLES, role) ? ROLES[role as RoleKey].permissions : new Set();
}

export function isAllowed(grants: readonly Grant[], permission: Permission, target: Target = GLOBAL): boolean {
  return grants.some((grant) => permissionsOf(grant.role).has(permission) && scopeCovers(grant.scope, target));
}

/** One thing a door checks: a permission, on a target (global when absent). */
export type Requirement = { permission: Permission; target?: Target };

/** Whether every requirement holds (what a stream is re-checked against while it stays open). */
export const meetsAll = (grants: readonly Grant[], requirements: readonly Requirement[]): boolean =>
  requirements.every(({ permission, target }) => isAllowed(grants, permission, target));

/** Which hosts a list may show: all of them, or these ids. Unknown ids are simply absent. */
export function visibleHosts(grants: readonly Grant[], permission: Permission): 'all' | ReadonlySet<string> {
  const relevant = grants.filter((g) => permissionsOf(g.role).has(permission));
  if (relevant.some((g) => g.scope.type === 'global')) return 'all';
  return new Set(relevant.flatMap((g) => (g.scope.type === 'host' ? [g.scope.id] : [])));
}

/** The grants a user holds. One place to extend when teams and scoped grants arrive. */
export function grantsForUser(user: { role: string }): Grant[] {
  return isRoleKey(user.role) ? [{ role: user.role, scope: { type: 'global' } }] : [];
}

const phrases: Record<Permission, string> = {
  'host.view': 'see this host',
  'host.create': 'add hosts',
  'host.update': 'change hosts',
  'host.delete': 'remove hosts',
  'host.ssh': 'open a shell on the machine behind this host',
  'host.local': "connect to engines on the console's own machine (a unix socket or a loopback address)",
  'cloud.manage': 'manage cloud accounts',
  'swarm.view': 'see this swarm',
  'swarm.manage': 'change swarms and their nodes',
  'swarm.secrets': "see or rotate a swarm's join tokens and unlock key",
  'stack.view': 'see stacks',
  'stack.deploy': 'deploy, roll back or remove stacks',
  'service.view': 'see services, secrets, configs and networks',
  'service.manage': 'change services, secrets, configs and networks',
  'service.env': "reveal services' environment values and configs' contents",
  'container.view': 'see containers, images, volumes and networks',
  'container.logs': 'read container and service logs',
  'container.manage': 'start, stop, create or remove containers, images, volumes and networks',
  'container.exec': 'open a terminal in a container',
  'container.env': "reveal containers' environment values",
  'workload.unrestricted': 'run privileged workloads (host mounts, host namespaces, extra capabilities)',
  'user.view': 'see users',
  'user.manage': 'manage users',
  'audit.view': 'read the audit log',
  'audit.manage': 'change how long the audit log keeps entries and where it is forwarded',
  'policy.view': 'see the workload policies',
  'policy.manage': 'create, change, attach or delete workload policies',
};

export const describePermission = (permission: Permission): string => phrases[permission];
