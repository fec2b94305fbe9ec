// The permission catalogue: every permission, grouped by area, with the sentence saying what it
// allows. The Roles page builds custom roles from it; explanations of access quote it. Pure.
import { PERMISSIONS, type Permission } from '@/lib/auth/permissions.ts';

/** `key` names the area in the catalogues (permissions.areas.*); each permission's sentence is permissions.allows.<permission>. */
export type CatalogueArea = { key: CatalogueAreaKey; area: string; permissions: { key: Permission; allows: string }[] };
export type CatalogueAreaKey = 'hosts' | 'swarms' | 'stacks' | 'containers' | 'registries' | 'people' | 'audit';

const AREAS: { key: CatalogueAreaKey; area: string; entries: [Permission, string][] }[] = [
  {
    key: 'hosts',
    area: 'Hosts',
    entries: [
      ['host.view', 'See the host, its engine facts and its status.'],
      ['host.create', 'Add hosts: register an engine or provision a machine.'],
      ['host.update', "Change a host's name, address and connection material."],
      ['host.delete', 'Remove a host from Wharf (and delete the machine Wharf made for it).'],
      ['host.ssh', 'Open a shell on the machine behind a provisioned host.'],
      ['host.local', "Connect engines on the console's own machine (a unix socket or a loopback address)."],
      ['cloud.manage', 'Add and remove cloud accounts and their API tokens.'],
    ],
  },
  {
    key: 'swarms',
    area: 'Swarms',
    entries: [
      ['swarm.view', 'See the swarm, its nodes and its events.'],
      ['swarm.manage', 'Create swarms, join and remove nodes, change node roles and swarm settings.'],
      ['swarm.secrets', "See or rotate the swarm's join tokens and unlock key."],
    ],
  },
  {
    key: 'stacks',
    area: 'Stacks and services',
    entries: [
      ['stack.view', 'See stacks, their files and their revisions.'],
      ['stack.deploy', 'Deploy, roll back or remove stacks.'],
      ['service.view', 'See services, their tasks, secrets, configs and networks.'],
      ['service.manage', 'Create, update, scale and remove services, secrets, configs and networks.'],
      ['service.env', "Reveal services' environment values and configs' contents (each reveal audited)."],
    ],
  },
  {
    key: 'containers',
    area: 'Containers',
    entries: [
      ['container.view', 'See containers, images, volumes, networks and their statistics.'],
      ['container.logs', 'Read container and service logs.'],
      ['container.manage', 'Start, stop, restart, create and remove containers, images, volumes and networks.'],
      ['container.exec', 'Open a terminal in a container.'],
      ['container.env', "Reveal containers' environment values (each reveal audited)."],
      ['workload.unrestricted', 'Run workloads the workload policy refuses to others (privileged, host mounts, host namespaces).'],
    ],
  },
  {
    key: 'registries',
    area: 'Registries',
    entries: [
      ['registry.view', 'See the registry and browse its repositories, tags and platforms.'],
      ['registry.pull', "Pull its images onto hosts, and deploy services and stacks with its credentials."],
      ['registry.push', 'Push images to it, retag and delete tags.'],
      ['registry.manage', 'Add, change and remove the registry and its credentials.'],
    ],
  },
  {
    key: 'people',
    area: 'People and access',
    entries: [
      ['user.view', 'See the users.'],
      ['user.manage', 'Create, change, disable and delete users.'],
      ['team.view', 'See the teams, their members and their grants.'],
      ['team.manage', 'Create, rename and delete teams, choose their members and leads, and grant roles to users and teams.'],
      ['role.manage', 'Create, change and delete custom roles.'],
    ],
  },
  {
    key: 'audit',
    area: 'Audit and policies',
    entries: [
      ['audit.view', 'Read the whole audit log.'],
      ['audit.manage', 'Change how long the audit log keeps entries and where it is forwarded.'],
      ['policy.view', 'See the workload policies and where they apply.'],
      ['policy.manage', 'Create, change, attach and delete workload policies.'],
      ['backup.create', "Download a backup of the whole console: its database and the keys that open its sealed secrets."],
      ['notification.manage', 'Add, change and remove notification channels and rules, send tests and read the delivery log.'],
    ],
  },
];

export const PERMISSION_CATALOGUE: readonly CatalogueArea[] = AREAS.map(({ key, area, entries }) => ({
  key,
  area,
  permissions: entries.map(([key, allows]) => ({ key, allows })),
}));

const ALLOWS = new Map(PERMISSION_CATALOGUE.flatMap((a) => a.permissions.map((p) => [p.key, p.allows] as const)));

/** The sentence saying what a permission allows. */
export const permissionAllows = (permission: Permission): string => ALLOWS.get(permission) ?? permission;

/** The permissions of a list that are in the catalogue, in catalogue order, without repeats. */
export const knownPermissions = (values: readonly string[]): Permission[] => {
  const wanted = new Set(values);
  return PERMISSIONS.filter((p) => wanted.has(p));
};
