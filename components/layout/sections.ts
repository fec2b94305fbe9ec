// The tabbed areas of the console — hosts, containers, services — with their sections, each
// section's URL and description, and the query parameter that keeps the chosen host or swarm
// (?host=, ?swarm=) across tabs. Pure: shared by server pages and client components.
// What a section is called and its description are in the catalogues, `sections.<area>.<key>.label`
// and `.description` (SectionTabs and useSectionText say them); `label` and `description` here are
// the English names, kept for pages not yet converted (issue 15).

export type SectionArea = 'hosts' | 'containers' | 'services';
export type Section = { area: SectionArea; key: string; label: string; path: string; description?: string; perHost?: boolean };

/** A host or a swarm, as a picker lists it. */
export type Choice = { id: string; name: string };

export type ScopeParam = 'host' | 'swarm';

export const HOST_SECTIONS = [
  { area: 'hosts', key: 'hosts', label: 'Hosts', path: '/hosts' },
  { area: 'hosts', key: 'provisioning', label: 'Provisioning', path: '/hosts/provision' },
  { area: 'hosts', key: 'cloud', label: 'Cloud accounts', path: '/hosts/cloud-accounts' },
] as const satisfies readonly Section[];

/** `perHost`: the section shows one engine at a time (the first when ?host= is absent). */
export const CONTAINER_SECTIONS = [
  { area: 'containers', key: 'containers', label: 'Containers', path: '/containers', description: 'Containers on every host, live.', perHost: false },
  { area: 'containers', key: 'images', label: 'Images', path: '/containers/images', description: 'Images on every host: pull, push, remove, prune.', perHost: false },
  { area: 'containers', key: 'volumes', label: 'Volumes', path: '/containers/volumes', description: 'Volumes on every host and the containers using them.', perHost: false },
  { area: 'containers', key: 'networks', label: 'Networks', path: '/containers/networks', description: 'Networks on every host and the containers attached to them.', perHost: false },
  { area: 'containers', key: 'projects', label: 'Projects', path: '/containers/projects', description: "A host's compose projects: made by Wharf or by the Compose CLI.", perHost: true },
  { area: 'containers', key: 'stats', label: 'Stats', path: '/containers/stats', description: "A host's running containers, live: totals and the top by CPU and memory.", perHost: true },
  { area: 'containers', key: 'events', label: 'Events', path: '/containers/events', description: 'Engine events of every host in one feed, live and filterable.', perHost: false },
] as const satisfies readonly Section[];

export const SERVICE_SECTIONS = [
  { area: 'services', key: 'services', label: 'Services', path: '/services', description: 'Swarm services across the cluster, live.' },
  { area: 'services', key: 'secrets', label: 'Secrets', path: '/services/secrets', description: 'Sensitive data given to services as files. Values are never shown again once stored.' },
  { area: 'services', key: 'configs', label: 'Configs', path: '/services/configs', description: 'Non-sensitive files given to services.' },
  { area: 'services', key: 'networks', label: 'Networks', path: '/services/networks', description: 'Overlay networks that connect services across nodes.' },
  { area: 'services', key: 'volumes', label: 'Volumes', path: '/services/volumes', description: "Each node's local volumes. Volumes live on one engine, not on the swarm." },
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
