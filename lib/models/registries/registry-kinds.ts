// The kinds of registry Wharf keeps credentials for, and the presets that fill in an address. Pure.

export const REGISTRY_KINDS = ['dockerhub', 'v2-basic', 'v2-bearer', 'ecr'] as const;
export type RegistryKind = (typeof REGISTRY_KINDS)[number];

export const REGISTRY_KIND_LABELS: Record<RegistryKind, string> = {
  dockerhub: 'Docker Hub',
  'v2-basic': 'Registry with a user name and password (basic auth)',
  'v2-bearer': 'Registry with token auth (bearer)',
  ecr: 'Amazon ECR',
};

export const REGISTRY_PRESETS = ['github', 'gitlab', 'quay', 'harbor'] as const;
export type RegistryPreset = (typeof REGISTRY_PRESETS)[number];

/** What a preset fills in: the kind, and the address when the service has one (Harbor is self-hosted). */
export const PRESET_DEFAULTS: Record<RegistryPreset, { label: string; kind: RegistryKind; address: string | null }> = {
  github: { label: 'GitHub Container Registry', kind: 'v2-bearer', address: 'ghcr.io' },
  gitlab: { label: 'GitLab Container Registry', kind: 'v2-bearer', address: 'registry.gitlab.com' },
  quay: { label: 'Quay.io', kind: 'v2-bearer', address: 'quay.io' },
  harbor: { label: 'Harbor', kind: 'v2-bearer', address: null },
};

/** How image references name Docker Hub, and where its v2 API answers. */
export const DOCKER_HUB_ADDRESS = 'docker.io';
export const DOCKER_HUB_API = 'registry-1.docker.io';

/** The address an image reference names for a registry of this kind and address. */
export const referenceAddress = (kind: RegistryKind, address: string): string => (kind === 'dockerhub' ? DOCKER_HUB_ADDRESS : address);

/** The host[:port] the v2 API is asked at. */
export const apiAddress = (kind: RegistryKind, address: string): string => (kind === 'dockerhub' ? DOCKER_HUB_API : address);

/** The ECR address of an account in a region: <account>.dkr.ecr.<region>.amazonaws.com. */
export const ECR_ADDRESS = /^(\d{12})\.dkr\.ecr\.([a-z0-9-]+)\.amazonaws\.com(\.cn)?$/;
