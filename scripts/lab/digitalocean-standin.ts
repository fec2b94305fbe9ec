// A stand-in for the part of the DigitalOcean API v2 Wharf uses, served over plain HTTP, because
// the real cloud cannot be reached from the lab. It follows the documented requests and answers:
// bearer-token auth (401), { id, message, request_id } errors, 422s for what DigitalOcean refuses,
// rate-limit headers on every answer, paginated lists with links.pages and meta.total, droplets
// that boot (new → active) and power off and on through actions, and SSH keys by id or MD5
// fingerprint. Droplets take their public IPv4 from a fixed list of lab addresses; hooks let the
// lab act as the machine (authorize the key as cloud-init would) before a droplet reports active.
// failNext() injects answers (429 with Retry-After, 500s) for the next matching requests.
//
// Used from integration tests and the e2e console starter; also runnable by hand:
//   node --import ./scripts/node/register.mjs scripts/lab/digitalocean-standin.ts --port 8089 --token T --address 10.99.0.52
import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

// ---- Public interface ----

/** What the hooks and droplets() see of a droplet. */
export interface StandinDroplet {
  id: number;
  name: string;
  ip: string;
  /** The public_key lines of the SSH keys the droplet was created with. */
  publicKeys: string[];
  userData: string;
  status: 'new' | 'active' | 'off' | 'archive';
  region: string;
  size: string;
  image: string;
  tags: string[];
}

export type PowerActionType = 'power_off' | 'power_on' | 'reboot' | 'shutdown' | 'power_cycle';

export interface DigitalOceanStandinOptions {
  /** The one API token accepted; anything else gets 401. */
  token: string;
  /** Public IPv4 addresses handed to droplets in order; when all are taken, creation fails with the droplet-limit 422. */
  addresses: string[];
  /** How long a droplet stays "new" before onDropletActive runs, default 500 ms. */
  bootDelayMs?: number;
  /** How long a power action stays "in-progress", default 200 ms. */
  actionDelayMs?: number;
  /** Awaited before the droplet reports active (e.g. authorize its SSH keys on a lab machine). If it throws, the create action errors and the droplet is off. */
  onDropletActive?: (droplet: StandinDroplet) => Promise<void> | void;
  /** Awaited before a DELETE answers 204. */
  onDropletDeleted?: (droplet: StandinDroplet) => Promise<void> | void;
  /** Awaited before a power action completes. If it throws, the action errors. */
  onPowerAction?: (droplet: StandinDroplet, type: PowerActionType) => Promise<void> | void;
  /** Default 0 (any free port). */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
}

export interface InjectedAnswer {
  status: number;
  /** Defaults to a DigitalOcean-shaped error body for the status. */
  body?: unknown;
  headers?: Record<string, string>;
  /** How many matching requests get this answer, default 1 (Infinity for all). */
  times?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  /** Query string without "?", or "". */
  query: string;
  /** Date.now() when the request arrived. */
  at: number;
  /** Status answered (0 until answered). */
  status: number;
}

export interface DigitalOceanStandin {
  url: string;
  close(): Promise<void>;
  droplets(): StandinDroplet[];
  keys(): Array<{ id: number; fingerprint: string; public_key: string; name: string }>;
  requests: RecordedRequest[];
  /** The next `times` requests whose method (or "*") and path (exact string or RegExp on the path) match get this answer instead. */
  failNext(method: string, pathPattern: string | RegExp, answer: InjectedAnswer): void;
  /** Errors thrown by the hooks, in order. */
  hookErrors: Error[];
}

// ---- The catalogue ----

interface RegionEntry {
  slug: string;
  name: string;
  available: boolean;
}

interface SizeEntry {
  slug: string;
  memory: number;
  vcpus: number;
  disk: number;
  transfer: number;
  price_monthly: number;
  description: string;
  available: boolean;
  /** Region slugs; undefined = every available region. */
  only?: string[];
}

interface ImageEntry {
  id: number;
  slug: string;
  name: string;
  distribution: string;
  type: 'base' | 'application';
  min_disk_size: number;
  size_gigabytes: number;
  description: string;
}

const FEATURES = ['backups', 'ipv6', 'metadata', 'install_agent', 'storage', 'image_transfer'];

const REGIONS: RegionEntry[] = [
  { slug: 'nyc1', name: 'New York 1', available: true },
  { slug: 'sfo3', name: 'San Francisco 3', available: true },
  { slug: 'ams3', name: 'Amsterdam 3', available: true },
  { slug: 'sgp1', name: 'Singapore 1', available: true },
  { slug: 'lon1', name: 'London 1', available: true },
  { slug: 'nyc3', name: 'New York 3', available: true },
  { slug: 'fra1', name: 'Frankfurt 1', available: true },
  { slug: 'nyc2', name: 'New York 2', available: false },
  { slug: 'tor1', name: 'Toronto 1', available: true },
  { slug: 'blr1', name: 'Bangalore 1', available: true },
  { slug: 'syd1', name: 'Sydney 1', available: true },
];

const SIZES: SizeEntry[] = [
  { slug: 's-1vcpu-512mb-10gb', memory: 512, vcpus: 1, disk: 10, transfer: 0.5, price_monthly: 4, description: 'Basic', available: true, only: ['nyc1', 'nyc3', 'sfo3', 'ams3', 'fra1', 'lon1', 'tor1'] },
  { slug: 's-1vcpu-1gb', memory: 1024, vcpus: 1, disk: 25, transfer: 1, price_monthly: 6, description: 'Basic', available: true },
  { slug: 's-1vcpu-2gb', memory: 2048, vcpus: 1, disk: 50, transfer: 2, price_monthly: 12, description: 'Basic', available: true },
  { slug: 's-2vcpu-2gb', memory: 2048, vcpus: 2, disk: 60, transfer: 3, price_monthly: 18, description: 'Basic', available: true },
  { slug: 's-2vcpu-4gb', memory: 4096, vcpus: 2, disk: 80, transfer: 4, price_monthly: 24, description: 'Basic', available: true },
  { slug: 's-4vcpu-8gb', memory: 8192, vcpus: 4, disk: 160, transfer: 5, price_monthly: 48, description: 'Basic', available: true },
  { slug: 'c-2', memory: 4096, vcpus: 2, disk: 25, transfer: 4, price_monthly: 42, description: 'CPU-Optimized', available: true, only: ['nyc3', 'sfo3', 'fra1', 'ams3'] },
  { slug: 's-8vcpu-16gb', memory: 16384, vcpus: 8, disk: 320, transfer: 6, price_monthly: 96, description: 'Basic', available: true },
  { slug: 's-1vcpu-3gb', memory: 3072, vcpus: 1, disk: 60, transfer: 3, price_monthly: 15, description: 'Basic (retired)', available: false, only: [] },
];

const IMAGES: ImageEntry[] = [
  { id: 150210101, slug: 'debian-12-x64', name: '12 x64', distribution: 'Debian', type: 'base', min_disk_size: 10, size_gigabytes: 0.93, description: 'Debian 12 x64' },
  { id: 150210102, slug: 'debian-11-x64', name: '11 x64', distribution: 'Debian', type: 'base', min_disk_size: 10, size_gigabytes: 0.85, description: 'Debian 11 x64' },
  { id: 150210103, slug: 'ubuntu-24-04-x64', name: '24.04 (LTS) x64', distribution: 'Ubuntu', type: 'base', min_disk_size: 10, size_gigabytes: 2.36, description: 'Ubuntu 24.04 (LTS) x64' },
  { id: 150210104, slug: 'ubuntu-22-04-x64', name: '22.04 (LTS) x64', distribution: 'Ubuntu', type: 'base', min_disk_size: 7, size_gigabytes: 2.2, description: 'Ubuntu 22.04 (LTS) x64' },
  { id: 150210105, slug: 'fedora-41-x64', name: '41 x64', distribution: 'Fedora', type: 'base', min_disk_size: 7, size_gigabytes: 1.6, description: 'Fedora 41 x64' },
  { id: 150210106, slug: 'fedora-40-x64', name: '40 x64', distribution: 'Fedora', type: 'base', min_disk_size: 7, size_gigabytes: 1.5, description: 'Fedora 40 x64' },
  { id: 150210107, slug: 'centos-stream-9-x64', name: 'Stream 9 x64', distribution: 'CentOS', type: 'base', min_disk_size: 10, size_gigabytes: 1.3, description: 'CentOS Stream 9 x64' },
  { id: 150210108, slug: 'rockylinux-9-x64', name: '9 x64', distribution: 'Rocky Linux', type: 'base', min_disk_size: 15, size_gigabytes: 1.1, description: 'Rocky Linux 9 x64' },
  { id: 150210109, slug: 'almalinux-9-x64', name: 'AlmaLinux 9', distribution: 'AlmaLinux', type: 'base', min_disk_size: 10, size_gigabytes: 1.2, description: 'AlmaLinux 9 x64' },
  { id: 150210110, slug: 'freebsd-14-x64-zfs', name: '14.1 x64 zfs', distribution: 'FreeBSD', type: 'base', min_disk_size: 20, size_gigabytes: 1.4, description: 'FreeBSD 14.1 x64 zfs' },
  { id: 150210111, slug: 'docker-20-04', name: 'Docker on Ubuntu 22.04', distribution: 'Ubuntu', type: 'application', min_disk_size: 25, size_gigabytes: 3.1, description: 'Docker 1-Click' },
];

const IMAGES_CREATED_AT = '2025-11-04T18:21:33Z';
const availableRegionSlugs = () => REGIONS.filter((region) => region.available).map((region) => region.slug);
const sizeRegions = (size: SizeEntry) => (size.only ?? availableRegionSlugs()).filter((slug) => availableRegionSlugs().includes(slug));

function regionJson(region: RegionEntry) {
  return {
    name: region.name,
    slug: region.slug,
    features: FEATURES,
    available: region.available,
    sizes: region.available ? SIZES.filter((size) => size.available && sizeRegions(size).includes(region.slug)).map((size) => size.slug) : [],
  };
}

function sizeJson(size: SizeEntry) {
  return {
    slug: size.slug,
    memory: size.memory,
    vcpus: size.vcpus,
    disk: size.disk,
    transfer: size.transfer,
    price_monthly: size.price_monthly,
    price_hourly: Math.round((size.price_monthly / 672) * 100000) / 100000,
    regions: size.available ? sizeRegions(size) : [],
    available: size.available,
    description: size.description,
  };
}

function imageJson(image: ImageEntry) {
  return {
    id: image.id,
    name: image.name,
    distribution: image.distribution,
    slug: image.slug,
    public: true,
    regions: availableRegionSlugs(),
    created_at: IMAGES_CREATED_AT,
    type: image.type,
    min_disk_size: image.min_disk_size,
    size_gigabytes: image.size_gigabytes,
    description: image.description,
    tags: [],
    status: 'available',
    error_message: '',
  };
}

// ---- Rules DigitalOcean applies ----

const HOSTNAME_LABEL = /^[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/;
const isHostname = (name: string) => name.length >= 1 && name.length <= 253 && name.split('.').every((label) => HOSTNAME_LABEL.test(label));
const TAG = /^[A-Za-z0-9_:-]{1,255}$/;
const KEY_TYPES = ['ssh-rsa', 'ssh-ed25519', 'ecdsa-sha2-nistp256', 'ecdsa-sha2-nistp384', 'ecdsa-sha2-nistp521', 'sk-ssh-ed25519@openssh.com', 'sk-ecdsa-sha2-nistp256@openssh.com'];
const USER_DATA_MAX = 64 * 1024;
const RATE_LIMIT = 5000;
const HOUR_MS = 3600_000;

/** The key blob of an authorized_keys line, or a reason it is refused. */
function readPublicKey(line: string): { blob: Buffer } | { problem: string } {
  const fields = line.trim().split(/\s+/);
  if (fields.length < 2) return { problem: 'Key invalid, key should be of the format `type key [comment]`' };
  const [type, base64] = fields;
  if (!KEY_TYPES.includes(type)) return { problem: 'Key invalid, type is not supported' };
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(base64)) return { problem: 'Key invalid, key should be of the format `type key [comment]`' };
  const blob = Buffer.from(base64, 'base64');
  const length = blob.length >= 4 ? blob.readUInt32BE(0) : -1;
  if (length < 0 || length > blob.length - 4 || blob.subarray(4, 4 + length).toString('latin1') !== type) return { problem: 'Key invalid, key data does not match its type' };
  return { blob };
}

const md5Colons = (blob: Buffer) => createHash('md5').update(blob).digest('hex').match(/../g)!.join(':');
const isoNow = () => new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');

const DEFAULT_ERROR_BODY: Record<number, { id: string; message: string }> = {
  400: { id: 'bad_request', message: 'The request could not be understood.' },
  401: { id: 'unauthorized', message: 'Unable to authenticate you' },
  403: { id: 'forbidden', message: 'You do not have access for the attempted action.' },
  404: { id: 'not_found', message: 'The resource you were accessing could not be found.' },
  422: { id: 'unprocessable_entity', message: 'The request could not be processed.' },
  429: { id: 'too_many_requests', message: 'API Rate limit exceeded.' },
  500: { id: 'server_error', message: 'Unexpected server-side error' },
  502: { id: 'bad_gateway', message: 'Bad gateway' },
  503: { id: 'service_unavailable', message: 'The service is temporarily unavailable.' },
};

class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly id: string,
    message: string,
  ) {
    super(message);
  }
}
const unprocessable = (message: string) => new ApiFailure(422, 'unprocessable_entity', message);
const notFound = () => new ApiFailure(404, 'not_found', DEFAULT_ERROR_BODY[404].message);

// ---- State ----

interface DropletRecord extends StandinDroplet {
  privateIp: string;
  createdAt: string;
  imageEntry: ImageEntry;
  sizeEntry: SizeEntry;
  regionEntry: RegionEntry;
  /** An action is in progress: others are refused. */
  locked: boolean;
}

interface ActionRecord {
  id: number;
  status: 'in-progress' | 'completed' | 'errored';
  type: string;
  started_at: string;
  completed_at: string | null;
  resource_id: number;
  resource_type: 'droplet';
  region_slug: string;
}

interface KeyRecord {
  id: number;
  fingerprint: string;
  public_key: string;
  name: string;
}

interface Injection extends InjectedAnswer {
  method: string;
  pattern: string | RegExp;
  left: number;
}

export async function startDigitalOceanStandin(options: DigitalOceanStandinOptions): Promise<DigitalOceanStandin> {
  const bootDelayMs = options.bootDelayMs ?? 500;
  const actionDelayMs = options.actionDelayMs ?? 200;
  const droplets = new Map<number, DropletRecord>();
  const actions = new Map<number, ActionRecord>();
  const keys = new Map<number, KeyRecord>();
  const injections: Injection[] = [];
  const requests: RecordedRequest[] = [];
  const hookErrors: Error[] = [];
  const counted: number[] = [];
  const timers = new Set<NodeJS.Timeout>();
  let nextDropletId = 480_000_001;
  let nextActionId = 2_300_000_001;
  let nextKeyId = 41_000_001;
  let baseUrl = '';

  const later = (ms: number, work: () => Promise<void>) => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      void work();
    }, ms);
    timers.add(timer);
  };

  const publicView = (droplet: DropletRecord): StandinDroplet => ({
    id: droplet.id,
    name: droplet.name,
    ip: droplet.ip,
    publicKeys: [...droplet.publicKeys],
    userData: droplet.userData,
    status: droplet.status,
    region: droplet.region,
    size: droplet.size,
    image: droplet.image,
    tags: [...droplet.tags],
  });

  const runHook = async (hook: (() => Promise<void> | void) | undefined): Promise<boolean> => {
    if (!hook) return true;
    try {
      await hook();
      return true;
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      hookErrors.push(failure);
      console.error(`[digitalocean-standin] hook failed: ${failure.message}`);
      return false;
    }
  };

  const dropletJson = (droplet: DropletRecord) => ({
    id: droplet.id,
    name: droplet.name,
    memory: droplet.sizeEntry.memory,
    vcpus: droplet.sizeEntry.vcpus,
    disk: droplet.sizeEntry.disk,
    locked: droplet.locked,
    status: droplet.status,
    kernel: null,
    created_at: droplet.createdAt,
    features: ['droplet_agent', 'private_networking'],
    backup_ids: [],
    next_backup_window: null,
    snapshot_ids: [],
    image: imageJson(droplet.imageEntry),
    volume_ids: [],
    size: sizeJson(droplet.sizeEntry),
    size_slug: droplet.size,
    networks:
      droplet.status === 'new'
        ? { v4: [], v6: [] }
        : {
            v4: [
              { ip_address: droplet.privateIp, netmask: '255.255.240.0', gateway: '10.110.0.1', type: 'private' },
              { ip_address: droplet.ip, netmask: '255.255.255.0', gateway: droplet.ip.replace(/\.\d+$/, '.1'), type: 'public' },
            ],
            v6: [],
          },
    region: regionJson(droplet.regionEntry),
    tags: [...droplet.tags],
    vpc_uuid: '5a4981aa-9653-4bd1-bef5-d6bff52042e4',
  });

  const actionJson = (action: ActionRecord) => ({ ...action, region: regionJson(REGIONS.find((region) => region.slug === action.region_slug)!) });

  function startAction(droplet: DropletRecord, type: string): ActionRecord {
    const action: ActionRecord = {
      id: nextActionId++,
      status: 'in-progress',
      type,
      started_at: isoNow(),
      completed_at: null,
      resource_id: droplet.id,
      resource_type: 'droplet',
      region_slug: droplet.region,
    };
    actions.set(action.id, action);
    droplet.locked = true;
    return action;
  }

  function finishAction(action: ActionRecord, ok: boolean) {
    action.status = ok ? 'completed' : 'errored';
    action.completed_at = isoNow();
    const droplet = droplets.get(action.resource_id);
    if (droplet) droplet.locked = false;
  }

  // ---- Pagination ----

  function paginate(url: URL, key: string, all: unknown[]) {
    const perPageRaw = Number(url.searchParams.get('per_page') ?? 20);
    const perPage = Number.isInteger(perPageRaw) && perPageRaw > 0 ? Math.min(perPageRaw, 200) : 20;
    const pageRaw = Number(url.searchParams.get('page') ?? 1);
    const page = Number.isInteger(pageRaw) && pageRaw > 0 ? pageRaw : 1;
    const last = Math.max(1, Math.ceil(all.length / perPage));
    const link = (n: number) => {
      const params = new URLSearchParams(url.searchParams);
      params.set('page', String(n));
      params.set('per_page', String(perPage));
      return `${baseUrl}${url.pathname}?${params.toString()}`;
    };
    const pages: Record<string, string> = {};
    if (page > 1) Object.assign(pages, { first: link(1), prev: link(Math.min(page - 1, last)) });
    if (page < last) Object.assign(pages, { next: link(page + 1), last: link(last) });
    return { [key]: all.slice((page - 1) * perPage, page * perPage), links: Object.keys(pages).length ? { pages } : {}, meta: { total: all.length } };
  }

  // ---- Handlers ----

  function findKey(identifier: string): KeyRecord | undefined {
    if (/^\d+$/.test(identifier)) return keys.get(Number(identifier));
    return [...keys.values()].find((key) => key.fingerprint === identifier);
  }

  function createKey(body: Record<string, unknown>) {
    const name = typeof body.name === 'string' ? body.name.trim() : '';
    const publicKey = typeof body.public_key === 'string' ? body.public_key.trim() : '';
    if (!name) throw unprocessable("Name can't be blank");
    if (name.length > 255) throw unprocessable('Name is too long (maximum is 255 characters)');
    if (!publicKey) throw unprocessable("Public key can't be blank");
    const read = readPublicKey(publicKey);
    if ('problem' in read) throw unprocessable(read.problem);
    const fingerprint = md5Colons(read.blob);
    if ([...keys.values()].some((key) => key.fingerprint === fingerprint)) throw unprocessable('SSH Key is already in use on your account');
    const key: KeyRecord = { id: nextKeyId++, fingerprint, public_key: publicKey, name };
    keys.set(key.id, key);
    return key;
  }

  function createDroplet(body: Record<string, unknown>) {
    if (body.names !== undefined) throw unprocessable('This stand-in creates one droplet per request: send name, not names');
    const name = body.name;
    if (typeof name !== 'string' || name === '') throw unprocessable("Name can't be blank");
    if (!isHostname(name)) throw unprocessable('Name must be a valid hostname: only letters a-z and A-Z, digits 0-9, dots and hyphens, and each dot-separated part must start and end with a letter or digit');
    const regionSlug = body.region === undefined || body.region === null ? 'nyc3' : body.region;
    const region = REGIONS.find((entry) => entry.slug === regionSlug);
    if (!region) throw unprocessable('You specified an invalid region for Droplet creation.');
    if (!region.available) throw unprocessable('Region is not available');
    if (typeof body.size !== 'string' || body.size === '') throw unprocessable("Size can't be blank");
    const size = SIZES.find((entry) => entry.slug === body.size);
    if (!size) throw unprocessable('You specified an invalid size for Droplet creation.');
    if (!size.available || !sizeRegions(size).includes(region.slug)) throw unprocessable('Size is not available in this region.');
    if (body.image === undefined || body.image === null || body.image === '') throw unprocessable("Image can't be blank");
    const image = IMAGES.find((entry) => entry.slug === body.image || entry.id === Number(body.image));
    if (!image) throw unprocessable('You specified an invalid image for Droplet creation.');
    if (image.min_disk_size > size.disk) throw unprocessable(`Image requires a disk of at least ${image.min_disk_size} GB; the size has ${size.disk} GB.`);
    const keyIds = body.ssh_keys ?? [];
    if (!Array.isArray(keyIds)) throw unprocessable('ssh_keys must be an array of SSH key ids or fingerprints');
    const dropletKeys: KeyRecord[] = [];
    for (const identifier of keyIds) {
      const key = findKey(String(identifier));
      if (!key) throw unprocessable(`SSH key ${String(identifier)} could not be found on this account`);
      dropletKeys.push(key);
    }
    const userData = body.user_data ?? '';
    if (typeof userData !== 'string') throw unprocessable('user_data must be a string');
    if (Buffer.byteLength(userData) > USER_DATA_MAX) throw unprocessable('user_data is larger than 64 KiB');
    const tags = body.tags ?? [];
    if (!Array.isArray(tags) || tags.some((tag) => typeof tag !== 'string' || !TAG.test(tag))) {
      throw unprocessable('Tags may only contain letters, numbers, colons, dashes and underscores, and be at most 255 characters long');
    }
    const used = new Set([...droplets.values()].map((droplet) => droplet.ip));
    const ip = options.addresses.find((address) => !used.has(address));
    if (!ip) throw unprocessable('creating this/these droplet(s) will exceed your droplet limit');
    const droplet: DropletRecord = {
      id: nextDropletId++,
      name,
      ip,
      privateIp: `10.110.0.${(droplets.size % 250) + 2}`,
      publicKeys: dropletKeys.map((key) => key.public_key),
      userData,
      status: 'new',
      region: region.slug,
      size: size.slug,
      image: image.slug,
      tags: [...new Set(tags as string[])],
      createdAt: isoNow(),
      imageEntry: image,
      sizeEntry: size,
      regionEntry: region,
      locked: true,
    };
    droplets.set(droplet.id, droplet);
    const action = startAction(droplet, 'create');
    later(bootDelayMs, async () => {
      if (!droplets.has(droplet.id)) return;
      const ok = await runHook(options.onDropletActive && (() => options.onDropletActive!(publicView(droplet))));
      if (!droplets.has(droplet.id)) return;
      droplet.status = ok ? 'active' : 'off';
      finishAction(action, ok);
    });
    return {
      droplet: dropletJson(droplet),
      links: { actions: [{ id: action.id, rel: 'create', href: `${baseUrl}/v2/actions/${action.id}` }] },
    };
  }

  function dropletAction(droplet: DropletRecord, body: Record<string, unknown>) {
    const type = body.type;
    const known: PowerActionType[] = ['power_off', 'power_on', 'reboot', 'shutdown', 'power_cycle'];
    if (typeof type !== 'string' || !known.includes(type as PowerActionType)) throw unprocessable(`Action type ${JSON.stringify(type ?? null)} is not supported`);
    if (droplet.locked) throw unprocessable('Droplet already has a pending event.');
    if (droplet.status === 'new' || droplet.status === 'archive') throw unprocessable('Droplet is not in a state that allows this action.');
    const action = startAction(droplet, type);
    later(actionDelayMs, async () => {
      const ok = await runHook(options.onPowerAction && (() => options.onPowerAction!(publicView(droplet), type as PowerActionType)));
      if (!droplets.has(droplet.id)) return;
      if (ok) droplet.status = type === 'power_off' || type === 'shutdown' ? 'off' : 'active';
      finishAction(action, ok);
    });
    return { action: actionJson(action) };
  }

  async function deleteDroplet(droplet: DropletRecord) {
    await runHook(options.onDropletDeleted && (() => options.onDropletDeleted!(publicView(droplet))));
    droplets.delete(droplet.id);
  }

  const dropletOf = (id: string) => {
    const droplet = /^\d+$/.test(id) ? droplets.get(Number(id)) : undefined;
    if (!droplet) throw notFound();
    return droplet;
  };

  /** Routes one authenticated request; returns [status, body] (body undefined for 204). */
  async function route(method: string, url: URL, body: Record<string, unknown>): Promise<[number, unknown]> {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    let match: RegExpMatchArray | null;
    if (path === '/v2/account' && method === 'GET') {
      return [
        200,
        {
          account: {
            droplet_limit: options.addresses.length,
            floating_ip_limit: 3,
            volume_limit: 10,
            email: 'lab@wharf.test',
            name: 'Wharf Lab',
            uuid: 'b6fc48dbf6d9906cace5f9f1f9cc3ec4fa7e5e16',
            email_verified: true,
            status: 'active',
            status_message: '',
            team: { uuid: '5df3e3004a17e242b7c20ca6c9fc25b701a47ece', name: 'Wharf Lab' },
          },
        },
      ];
    }
    if (path === '/v2/account/keys') {
      if (method === 'GET') return [200, paginate(url, 'ssh_keys', [...keys.values()])];
      if (method === 'POST') return [201, { ssh_key: createKey(body) }];
    }
    if ((match = path.match(/^\/v2\/account\/keys\/([^/]+)$/))) {
      const key = findKey(decodeURIComponent(match[1]));
      if (!key) throw notFound();
      if (method === 'GET') return [200, { ssh_key: key }];
      if (method === 'DELETE') {
        keys.delete(key.id);
        return [204, undefined];
      }
    }
    if (method === 'GET' && path === '/v2/regions') return [200, paginate(url, 'regions', REGIONS.map(regionJson))];
    if (method === 'GET' && path === '/v2/sizes') return [200, paginate(url, 'sizes', SIZES.map(sizeJson))];
    if (method === 'GET' && path === '/v2/images') {
      const type = url.searchParams.get('type');
      const wanted = url.searchParams.get('private') === 'true' ? [] : IMAGES.filter((image) => !type || (type === 'distribution' ? image.type === 'base' : image.type === type));
      return [200, paginate(url, 'images', wanted.map(imageJson))];
    }
    if (path === '/v2/droplets') {
      if (method === 'GET') {
        const tag = url.searchParams.get('tag_name');
        return [200, paginate(url, 'droplets', [...droplets.values()].filter((droplet) => !tag || droplet.tags.includes(tag)).map(dropletJson))];
      }
      if (method === 'POST') return [202, createDroplet(body)];
    }
    if ((match = path.match(/^\/v2\/droplets\/([^/]+)$/))) {
      const droplet = dropletOf(match[1]);
      if (method === 'GET') return [200, { droplet: dropletJson(droplet) }];
      if (method === 'DELETE') {
        await deleteDroplet(droplet);
        return [204, undefined];
      }
    }
    if ((match = path.match(/^\/v2\/droplets\/([^/]+)\/actions$/))) {
      const droplet = dropletOf(match[1]);
      if (method === 'POST') return [201, dropletAction(droplet, body)];
      if (method === 'GET') return [200, paginate(url, 'actions', [...actions.values()].filter((action) => action.resource_id === droplet.id).map(actionJson))];
    }
    if (method === 'GET' && (match = path.match(/^\/v2\/droplets\/([^/]+)\/actions\/(\d+)$/))) {
      const droplet = dropletOf(match[1]);
      const action = actions.get(Number(match[2]));
      if (!action || action.resource_id !== droplet.id) throw notFound();
      return [200, { action: actionJson(action) }];
    }
    if (method === 'GET' && path === '/v2/actions') return [200, paginate(url, 'actions', [...actions.values()].map(actionJson))];
    if (method === 'GET' && (match = path.match(/^\/v2\/actions\/(\d+)$/))) {
      const action = actions.get(Number(match[1]));
      if (!action) throw notFound();
      return [200, { action: actionJson(action) }];
    }
    throw notFound();
  }

  function rateLimitHeaders(): Record<string, string> {
    const now = Date.now();
    while (counted.length > 0 && counted[0] <= now - HOUR_MS) counted.shift();
    const oldest = counted[0] ?? now;
    return {
      'ratelimit-limit': String(RATE_LIMIT),
      'ratelimit-remaining': String(Math.max(0, RATE_LIMIT - counted.length)),
      'ratelimit-reset': String(Math.ceil((oldest + HOUR_MS) / 1000)),
    };
  }

  function send(res: ServerResponse, record: RecordedRequest, requestId: string, status: number, body: unknown, extraHeaders: Record<string, string> = {}) {
    record.status = status;
    const headers: Record<string, string> = { ...rateLimitHeaders(), 'x-request-id': requestId, ...extraHeaders };
    if (body === undefined || status === 204) {
      res.writeHead(status, headers).end();
      return;
    }
    const text = JSON.stringify(body);
    res.writeHead(status, { ...headers, 'content-type': 'application/json; charset=utf-8', 'content-length': String(Buffer.byteLength(text)) }).end(text);
  }

  const errorBody = (status: number, requestId: string, id?: string, message?: string) => ({
    id: id ?? DEFAULT_ERROR_BODY[status]?.id ?? 'error',
    message: message ?? DEFAULT_ERROR_BODY[status]?.message ?? `HTTP ${status}`,
    request_id: requestId,
  });

  function readBody(req: IncomingMessage): Promise<string> {
    return new Promise((resolveBody, reject) => {
      const chunks: Buffer[] = [];
      let size = 0;
      req.on('data', (chunk: Buffer) => {
        size += chunk.length;
        if (size > 1024 * 1024) {
          reject(new ApiFailure(413, 'request_entity_too_large', 'The request body is too large.'));
          req.destroy();
          return;
        }
        chunks.push(chunk);
      });
      req.on('end', () => resolveBody(Buffer.concat(chunks).toString('utf8')));
      req.on('error', reject);
    });
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const method = (req.method ?? 'GET').toUpperCase();
    const url = new URL(req.url ?? '/', baseUrl);
    const record: RecordedRequest = { method, path: url.pathname, query: url.search.replace(/^\?/, ''), at: Date.now(), status: 0 };
    requests.push(record);
    const requestId = randomUUID();
    counted.push(record.at);
    try {
      const injection = injections.find(
        (entry) => entry.left > 0 && (entry.method === '*' || entry.method === method) && (typeof entry.pattern === 'string' ? entry.pattern === url.pathname : entry.pattern.test(url.pathname)),
      );
      if (injection) {
        injection.left -= 1;
        if (injection.left <= 0) injections.splice(injections.indexOf(injection), 1);
        await readBody(req).catch(() => '');
        const body = injection.body !== undefined ? injection.body : errorBody(injection.status, requestId);
        send(res, record, requestId, injection.status, injection.status === 204 ? undefined : body, injection.headers);
        return;
      }
      if (counted.length > RATE_LIMIT) {
        const reset = Number(rateLimitHeaders()['ratelimit-reset']);
        send(res, record, requestId, 429, errorBody(429, requestId), { 'retry-after': String(Math.max(1, reset - Math.floor(Date.now() / 1000))) });
        return;
      }
      const text = await readBody(req);
      if (req.headers.authorization !== `Bearer ${options.token}`) {
        send(res, record, requestId, 401, errorBody(401, requestId));
        return;
      }
      let body: Record<string, unknown> = {};
      if (text.trim() !== '') {
        try {
          const parsed = JSON.parse(text);
          if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) throw new Error('the body must be a JSON object');
          body = parsed as Record<string, unknown>;
        } catch (error) {
          send(res, record, requestId, 400, errorBody(400, requestId, 'bad_request', `Invalid JSON: ${(error as Error).message}`));
          return;
        }
      }
      const [status, answer] = await route(method, url, body);
      send(res, record, requestId, status, answer);
    } catch (error) {
      if (error instanceof ApiFailure) {
        send(res, record, requestId, error.status, errorBody(error.status, requestId, error.id, error.message));
        return;
      }
      console.error('[digitalocean-standin] unexpected error', error);
      send(res, record, requestId, 500, errorBody(500, requestId));
    }
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error) => {
      console.error('[digitalocean-standin] failed to answer', error);
      if (!res.headersSent) res.writeHead(500).end();
    });
  });
  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolveListen, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolveListen();
    });
  });
  const { port } = server.address() as AddressInfo;
  baseUrl = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: baseUrl,
    requests,
    hookErrors,
    droplets: () => [...droplets.values()].map(publicView),
    keys: () => [...keys.values()].map((key) => ({ ...key })),
    failNext(method, pathPattern, answer) {
      injections.push({ ...answer, method: method.toUpperCase(), pattern: pathPattern, left: answer.times ?? 1 });
    },
    close: () =>
      new Promise<void>((resolveClose) => {
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => resolveClose());
        server.closeAllConnections();
      }),
  };
}

// ---- By hand ----

function argValues(argv: string[], name: string): string[] {
  const values: string[] = [];
  argv.forEach((arg, index) => {
    if (arg === `--${name}` && argv[index + 1] !== undefined) values.push(argv[index + 1]);
    else if (arg.startsWith(`--${name}=`)) values.push(arg.slice(name.length + 3));
  });
  return values;
}

async function main(argv: string[]) {
  const token = argValues(argv, 'token')[0] ?? process.env.WHARF_DIGITALOCEAN_STANDIN_TOKEN;
  const addresses = argValues(argv, 'address');
  if (!token || addresses.length === 0) {
    console.error('usage: node --import ./scripts/node/register.mjs scripts/lab/digitalocean-standin.ts --token TOKEN --address IP [--address IP …] [--port N] [--host H] [--boot-delay-ms MS]');
    process.exit(2);
  }
  const standin = await startDigitalOceanStandin({
    token,
    addresses,
    port: Number(argValues(argv, 'port')[0] ?? 0),
    host: argValues(argv, 'host')[0],
    bootDelayMs: argValues(argv, 'boot-delay-ms')[0] !== undefined ? Number(argValues(argv, 'boot-delay-ms')[0]) : undefined,
    onDropletActive: (droplet) => console.log(`droplet ${droplet.id} ${droplet.name} active at ${droplet.ip}`),
    onDropletDeleted: (droplet) => console.log(`droplet ${droplet.id} ${droplet.name} deleted`),
  });
  console.log(`DigitalOcean stand-in listening at ${standin.url} (set WHARF_DIGITALOCEAN_API_URL=${standin.url})`);
  const stop = () => {
    void standin.close().then(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error) => {
    console.error(error);
    process.exit(1);
  });
}
