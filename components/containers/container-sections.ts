// The sections of the containers pages and their URLs (shared by server and client components).
export const CONTAINER_SECTIONS = [
  { key: 'containers', label: 'Containers', path: '/containers' },
  { key: 'images', label: 'Images', path: '/containers/images' },
  { key: 'volumes', label: 'Volumes', path: '/containers/volumes' },
  { key: 'networks', label: 'Networks', path: '/containers/networks' },
] as const;
export type ContainerSection = (typeof CONTAINER_SECTIONS)[number]['key'];

export const withHost = (path: string, hostId: string | null) => (hostId ? `${path}?host=${encodeURIComponent(hostId)}` : path);
