// The tabbed areas of the console — hosts, containers, services — with their sections, each
// section's URL and description, and the query parameter that keeps the chosen host or swarm
// (?host=, ?swarm=) across tabs. Pure: shared by server pages and client components.

export type Section = { key: string; label: string; path: string; description?: string; perHost?: boolean };

/** A host or a swarm, as a picker lists it. */
export type Choice = { id: string; name: string };

export type ScopeParam = 'host' | 'swarm';

export const HOST_SECTIONS = [
  { key: 'hosts', label: 'Hosts', path: '/hosts' },
  { key: 'provisioning', label: 'Provisioning', path: '/hosts/provision' },
  { key: 'cloud', label: 'Cloud accounts', path: '/hosts/cloud-accounts' },
] as const satisfies readonly Section[];

/** `perHost`: the section shows one engine at a time (the first when ?host= is absent). */
export const CONTAINER_SECTIONS = [
  { key: 'containers', label: 'Containers', path: '/containers', description: 'Containers on every host, live.', perHost: false },
  { key: 'images', label: 'Images', path: '/containers/images', description: "A host's images: pull, remove, prune.", perHost: true },
  { key: 'volumes', label: 'Volumes', path: '/containers/volumes', description: "A host's volumes and the containers using them.", perHost: true },
  { key: 'networks', label: 'Networks', path: '/containers/networks', description: "A host's networks and the containers attached to them.", perHost: true },
  { key: 'projects', label: 'Projects', path: '/containers/projects', description: "A host's compose projects: made by Wharf or by the Compose CLI.", perHost: true },
  { key: 'stats', label: 'Stats', path: '/containers/stats', description: "A host's running containers, live: totals and the top by CPU and memory.", perHost: true },
  { key: 'events', label: 'Events', path: '/containers/events', description: "A host's engine events, live and filterable.", perHost: true },
] as const satisfies readonly Section[];

export const SERVICE_SECTIONS = [
  { key: 'services', label: 'Services', path: '/services', description: 'Swarm services across the cluster, live.' },
  { key: 'secrets', label: 'Secrets', path: '/services/secrets', description: 'Sensitive data given to services as files. Values are never shown again once stored.' },
  { key: 'configs', label: 'Configs', path: '/services/configs', description: 'Non-sensitive files given to services.' },
  { key: 'networks', label: 'Networks', path: '/services/networks', description: 'Overlay networks that connect services across nodes.' },
  { key: 'volumes', label: 'Volumes', path: '/services/volumes', description: "Each node's local volumes. Volumes live on one engine, not on the swarm." },
] as const satisfies readonly Section[];

export type HostSection = (typeof HOST_SECTIONS)[number]['key'];
export type ContainerSection = (typeof CONTAINER_SECTIONS)[number]['key'];
export type ServiceSection = (typeof SERVICE_SECTIONS)[number]['key'];

export function sectionOf<S extends Section>(sections: readonly S[], key: S['key']): S {
  const section = sections.find((s) => s.key === key);
  if (!section) throw new Error(`no section ${key}`);
  return section;
}

/** `path` with the chosen host or swarm kept in its query (none: the bare path). */
export const withScope = (path: string, param: ScopeParam, id: string | null) => (id ? `${path}?${param}=${encodeURIComponent(id)}` : path);
export const withHost = (path: string, hostId: string | null) => withScope(path, 'host', hostId);
export const withSwarm = (path: string, swarmId: string | null) => withScope(path, 'swarm', swarmId);

export const serviceHref = (swarmId: string, serviceId: string) => `/services/${encodeURIComponent(swarmId)}/${encodeURIComponent(serviceId)}`;

/**
 * The choice a query parameter names (?host=, ?swarm=): `unknown` when it names one not in the
 * list (removed, or not visible to this user); without a parameter, the first or none.
 */
export function choose(choices: Choice[], param: string | string[] | undefined, otherwise: 'first' | 'none'): { chosen: Choice | null; unknown: boolean } {
  const wanted = typeof param === 'string' && param ? param : null;
  if (!wanted) return { chosen: otherwise === 'first' ? (choices[0] ?? null) : null, unknown: false };
  const chosen = choices.find((c) => c.id === wanted) ?? null;
  return { chosen, unknown: !chosen };
}
