// Shapes of the DigitalOcean API v2 objects Wharf reads (only the fields it uses), and the
// smaller objects the DigitalOcean driver hands to the rest of Wharf.
import 'server-only';

/** GET /v2/account → { account } */
export interface DoAccount {
  uuid: string;
  email: string;
  email_verified: boolean;
  droplet_limit: number;
  status: string; // active | warning | locked
  status_message: string;
}

/** GET /v2/regions → { regions, links, meta } */
export interface DoRegion {
  slug: string;
  name: string;
  available: boolean;
  features: string[];
  sizes: string[];
}

/** GET /v2/sizes → { sizes, links, meta } */
export interface DoSize {
  slug: string;
  description?: string;
  memory: number; // MiB
  vcpus: number;
  disk: number; // GB
  transfer?: number;
  price_monthly: number;
  price_hourly: number;
  regions: string[];
  available: boolean;
}

/** GET /v2/images?type=distribution → { images, links, meta } */
export interface DoImage {
  id: number;
  name: string;
  distribution: string;
  slug: string | null;
  public: boolean;
  regions: string[];
  min_disk_size?: number;
  status?: string;
  type?: string;
}

/** GET /v2/account/keys/{id|fingerprint} → { ssh_key } */
export interface DoSshKey {
  id: number;
  fingerprint: string;
  public_key: string;
  name: string;
}

export interface DoNetworkV4 {
  ip_address: string;
  netmask?: string;
  gateway?: string;
  type: 'public' | 'private' | string;
}

/** GET /v2/droplets/{id} → { droplet } */
export interface DoDroplet {
  id: number;
  name: string;
  status: 'new' | 'active' | 'off' | 'archive' | string;
  memory: number;
  vcpus: number;
  disk: number;
  region: { slug: string; name: string } | null;
  size_slug: string;
  image: { id?: number; slug: string | null; distribution: string; name: string } | null;
  networks: { v4: DoNetworkV4[]; v6: unknown[] };
  tags: string[];
  created_at: string;
}

/** GET /v2/actions/{id} → { action } */
export interface DoAction {
  id: number;
  status: 'in-progress' | 'completed' | 'errored' | string;
  type: string;
  started_at: string | null;
  completed_at: string | null;
  resource_id: number | null;
  resource_type: string;
}

/** Pagination block of list responses. */
export interface DoPageLinks {
  links?: { pages?: { first?: string; prev?: string; next?: string; last?: string } };
  meta?: { total?: number };
}

// ---- What the driver returns ----

export interface DigitalOceanAccount {
  uuid: string;
  email: string;
  emailVerified: boolean;
  dropletLimit: number;
  status: string;
  statusMessage: string;
}

export interface DigitalOceanRegion {
  slug: string;
  name: string;
  /** Size slugs offered in this region. */
  sizes: string[];
  features: string[];
}

export interface DigitalOceanSize {
  slug: string;
  description: string;
  /** MiB, as the API gives it. */
  memory: number;
  vcpus: number;
  /** GB of disk. */
  disk: number;
  priceMonthly: number;
  priceHourly: number;
  /** Region slugs where this size can be created. */
  regions: string[];
}

/** How Docker gets installed on an image's distribution. */
export type PackageFamily = 'apt' | 'dnf';

export interface DigitalOceanImage {
  id: number;
  slug: string;
  name: string;
  distribution: string;
  family: PackageFamily;
  regions: string[];
  minDiskSize: number | null;
}

export interface DigitalOceanDroplet {
  id: number;
  name: string;
  status: string;
  region: string | null;
  size: string;
  image: string | null;
  distribution: string | null;
  /** The first public IPv4 address, once the droplet has one. */
  publicIpv4: string | null;
  tags: string[];
  createdAt: string;
}

export type DropletActionType = 'power_off' | 'power_on' | 'reboot' | 'shutdown';

export interface DigitalOceanAction {
  id: number;
  status: string;
  type: string;
  resourceId: number | null;
}
