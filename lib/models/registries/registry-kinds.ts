// The kinds of registry Wharf keeps credentials for, and the presets that fill in an address. Pure.

export const REGISTRY_KINDS = ['dockerhub', 'v2-basic', 'v2-bearer', 'ecr'] as const;
export type RegistryKind = (typeof REGISTRY_KINDS)[number];

export const REGISTRY_PRESETS = ['github', 'gitlab', 'quay', 'harbor'] as const;
export type RegistryPreset = (typeof REGISTRY_PRESETS)[number];

/** What a preset fills in: the kind, and the address when the service has one (Harbor is self-hosted). */
export const PRESET_DEFAULTS: Record<RegistryPreset, { kind: RegistryKind; address: string | null }> = {
  github: { kind: 'v2-bearer', address: 'ghcr.io' },
  gitlab: { kind: 'v2-bearer', address: 'registry.gitlab.com' },
  quay: { kind: 'v2-bearer', address: 'quay.io' },
  harbor: { kind: 'v2-bearer', address: null },
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
