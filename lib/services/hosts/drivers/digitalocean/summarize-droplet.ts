// The parts of a DigitalOcean droplet the rest of Wharf needs.
import 'server-only';
import type { DigitalOceanAction, DigitalOceanDroplet, DoAction, DoDroplet } from './digitalocean-types.ts';

/** The droplet's first public IPv4 address, or null while it has none. */
export function publicIpv4Of(droplet: Pick<DoDroplet, 'networks'>): string | null {
  const address = droplet.networks?.v4?.find((network) => network.type === 'public' && typeof network.ip_address === 'string' && network.ip_address !== '');
  return address?.ip_address ?? null;
}

export function summarizeDroplet(droplet: DoDroplet): DigitalOceanDroplet {
  return {
    id: droplet.id,
    name: droplet.name,
    status: droplet.status,
    region: droplet.region?.slug ?? null,
    size: droplet.size_slug,
    image: droplet.image?.slug ?? null,
    distribution: droplet.image?.distribution ?? null,
    publicIpv4: publicIpv4Of(droplet),
    tags: [...(droplet.tags ?? [])],
    createdAt: droplet.created_at,
  };
}

export function summarizeAction(action: DoAction): DigitalOceanAction {
  return { id: action.id, status: action.status, type: action.type, resourceId: action.resource_id ?? null };
}
