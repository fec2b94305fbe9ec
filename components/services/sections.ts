// The sections of the services area and their URLs (the swarm is kept in ?swarm=). Pure.
export const SECTIONS = [
  { key: 'services', label: 'Services', path: '/services' },
  { key: 'secrets', label: 'Secrets', path: '/services/secrets' },
  { key: 'configs', label: 'Configs', path: '/services/configs' },
  { key: 'networks', label: 'Networks', path: '/services/networks' },
  { key: 'volumes', label: 'Volumes', path: '/services/volumes' },
] as const;

export type Section = (typeof SECTIONS)[number]['key'];

export const withSwarm = (path: string, swarmId: string) => `${path}?swarm=${encodeURIComponent(swarmId)}`;

export const serviceHref = (swarmId: string, serviceId: string) => `/services/${encodeURIComponent(swarmId)}/${encodeURIComponent(serviceId)}`;
