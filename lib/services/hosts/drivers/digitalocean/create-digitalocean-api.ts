// Wharf's client for the DigitalOcean API v2 (plain fetch, no SDK): the account, the catalogue
// (regions, sizes, images), SSH keys, droplets and their power actions, and waits on droplets and
// actions that log what they see to the step's log and stop when the step is cancelled.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { throwIfCancelled, type StepIo } from '@/lib/services/hosts/drivers/step-io.ts';
import { checkApiToken } from './check-api-token.ts';
import type {
  DigitalOceanAccount,
  DigitalOceanAction,
  DigitalOceanDroplet,
  DigitalOceanImage,
  DigitalOceanRegion,
  DigitalOceanSize,
  DoAccount,
  DoAction,
  DoDroplet,
  DoImage,
  DoRegion,
  DoSize,
  DoSshKey,
  DropletActionType,
} from './digitalocean-types.ts';
import { md5Fingerprint, parsePublicKeyLine } from './fingerprint-public-key.ts';
import { createTransport } from './send-request.ts';
import { offeredImages, offeredRegions, offeredSizes } from './summarize-catalogue.ts';
import { summarizeAction, summarizeDroplet } from './summarize-droplet.ts';
import { POLL_BACKOFF, backoffDelayMs, sleepAbortably, type Backoff } from '@/lib/timing/wait-abortably.ts';

export const DEFAULT_DIGITALOCEAN_API_URL = 'https://api.digitalocean.com';

export interface DigitalOceanApiOptions {
  token: string;
  /** Defaults to WHARF_DIGITALOCEAN_API_URL (when set and not empty), else https://api.digitalocean.com. */
  baseUrl?: string;
  signal?: AbortSignal;
  /** Where the client logs rate-limit waits and retries outside a step. Never receives the token. */
  log?: (line: string) => void;
  /** Items per page of list endpoints (1–200, default 200). */
  perPage?: number;
  /** Per request, default 30 s. */
  requestTimeoutMs?: number;
  /** Retries after a 429 before failing with RATE_LIMITED, default 3. */
  rateLimitRetries?: number;
}

export interface CreateDropletInput {
  name: string;
  region: string;
  size: string;
  image: string | number;
  /** SSH key ids or fingerprints to install for root. */
  sshKeys: Array<number | string>;
  userData: string;
  tags?: string[];
}

export interface WaitOptions {
  /** Default 10 min. */
  timeoutMs?: number;
  /** Poll delays; default 1 s growing ×1.5 up to 10 s. */
  backoff?: Backoff;
}

export interface DigitalOceanApi {
  readonly host: string;
  getAccount(): Promise<DigitalOceanAccount>;
  listRegions(): Promise<DigitalOceanRegion[]>;
  listSizes(): Promise<DigitalOceanSize[]>;
  listImages(): Promise<DigitalOceanImage[]>;
  /** Finds the key by its MD5 fingerprint, or adds it; `created` tells whether this call added it. */
  ensureSshKey(name: string, publicKeyLine: string): Promise<{ id: number; fingerprint: string; created: boolean }>;
  deleteSshKey(id: number | string): Promise<'deleted' | 'already-gone'>;
  createDroplet(input: CreateDropletInput): Promise<{ droplet: DigitalOceanDroplet; actionId: number | null }>;
  getDroplet(id: number): Promise<DigitalOceanDroplet>;
  deleteDroplet(id: number): Promise<'deleted' | 'already-gone'>;
  dropletAction(id: number, type: DropletActionType): Promise<DigitalOceanAction>;
  waitForAction(actionId: number, io: StepIo, options?: WaitOptions): Promise<DigitalOceanAction>;
  /** Polls until the droplet is active with a public IPv4 address, and returns that address. */
  waitForDropletActive(id: number, io: StepIo, options?: WaitOptions): Promise<string>;
}

const DROPLET_ACTIONS: readonly DropletActionType[] = ['power_off', 'power_on', 'reboot', 'shutdown'];
const DEFAULT_WAIT_MS = 10 * 60_000;

const minutes = (ms: number) => (ms >= 120_000 ? `${Math.round(ms / 60_000)} min` : `${Math.round(ms / 1000)} s`);

export function createDigitalOceanApi(options: DigitalOceanApiOptions): DigitalOceanApi {
  const token = checkApiToken(options.token);
  const transport = createTransport({
    token,
    baseUrl: options.baseUrl || process.env.WHARF_DIGITALOCEAN_API_URL || DEFAULT_DIGITALOCEAN_API_URL,
    signal: options.signal,
    log: options.log,
    timeoutMs: options.requestTimeoutMs,
    rateLimitRetries: options.rateLimitRetries,
  });
  const perPage = options.perPage ?? 200;

  const numericId = (id: number | string, what: string) => {
    const text = String(id);
    if (!/^[1-9]\d{0,18}$/.test(text)) throw new AppError('INVALID_INPUT', `${what} "${text}" is not a DigitalOcean id.`);
    return text;
  };

  async function getAccount(): Promise<DigitalOceanAccount> {
    const { body } = await transport.request<{ account: DoAccount }>('GET', '/v2/account');
    const account = body?.account;
    if (!account) throw new AppError('ENGINE_ERROR', `The DigitalOcean API at ${transport.host} answered /v2/account without an account.`);
    return {
      uuid: account.uuid,
      email: account.email,
      emailVerified: account.email_verified,
      dropletLimit: account.droplet_limit,
      status: account.status,
      statusMessage: account.status_message ?? '',
    };
  }

  const listRegions = async () => offeredRegions(await transport.listAll<DoRegion>('/v2/regions', 'regions', { perPage }));
  const listSizes = async () => offeredSizes(await transport.listAll<DoSize>('/v2/sizes', 'sizes', { perPage }));
  const listImages = async () => offeredImages(await transport.listAll<DoImage>('/v2/images?type=distribution', 'images', { perPage }));

  async function findKey(fingerprint: string): Promise<DoSshKey | null> {
    const { body } = await transport.request<{ ssh_key: DoSshKey }>('GET', `/v2/account/keys/${fingerprint}`, { allowNotFound: true });
    return body?.ssh_key ?? null;
  }

  async function ensureSshKey(name: string, publicKeyLine: string) {
    const parsed = parsePublicKeyLine(publicKeyLine);
    const fingerprint = md5Fingerprint(parsed.line);
    const existing = await findKey(fingerprint);
    if (existing) return { id: existing.id, fingerprint, created: false };
    try {
      const { body } = await transport.request<{ ssh_key: DoSshKey }>('POST', '/v2/account/keys', { body: { name, public_key: parsed.line } });
      if (!body?.ssh_key) throw new AppError('ENGINE_ERROR', `The DigitalOcean API at ${transport.host} did not return the SSH key it added.`);
      return { id: body.ssh_key.id, fingerprint: body.ssh_key.fingerprint ?? fingerprint, created: true };
    } catch (error) {
      // Added meanwhile by someone else: "already in use" is then the answer we wanted.
      if (error instanceof AppError && error.code === 'INVALID_INPUT') {
        const raced = await findKey(fingerprint);
        if (raced) return { id: raced.id, fingerprint, created: false };
      }
      throw error;
    }
  }

  async function deleteSshKey(id: number | string) {
    const { status } = await transport.request('DELETE', `/v2/account/keys/${encodeURIComponent(String(id))}`, { allowNotFound: true });
    return status === 404 ? ('already-gone' as const) : ('deleted' as const);
  }

  async function createDroplet(input: CreateDropletInput) {
    const { body } = await transport.request<{ droplet: DoDroplet; links?: { actions?: Array<{ id: number; rel: string }> } }>('POST', '/v2/droplets', {
      body: {
        name: input.name,
        region: input.region,
        size: input.size,
        image: input.image,
        ssh_keys: input.sshKeys,
        user_data: input.userData,
        tags: input.tags ?? [],
        ipv6: false,
        monitoring: false,
        backups: false,
      },
    });
    if (!body?.droplet) throw new AppError('ENGINE_ERROR', `The DigitalOcean API at ${transport.host} accepted the droplet but did not describe it.`);
    const action = body.links?.actions?.find((link) => link.rel === 'create') ?? body.links?.actions?.[0];
    return { droplet: summarizeDroplet(body.droplet), actionId: action?.id ?? null };
  }

  async function fetchDroplet(id: number, call: { signal?: AbortSignal; log?: (line: string) => void } = {}): Promise<DoDroplet> {
    const { body } = await transport.request<{ droplet: DoDroplet }>('GET', `/v2/droplets/${numericId(id, 'Droplet')}`, { ...call, what: `droplet ${id}` });
    if (!body?.droplet) throw new AppError('ENGINE_ERROR', `The DigitalOcean API at ${transport.host} answered without droplet ${id}.`);
    return body.droplet;
  }

  const getDroplet = async (id: number) => summarizeDroplet(await fetchDroplet(id));

  async function deleteDroplet(id: number) {
    const { status } = await transport.request('DELETE', `/v2/droplets/${numericId(id, 'Droplet')}`, { allowNotFound: true });
    return status === 404 ? ('already-gone' as const) : ('deleted' as const);
  }

  async function dropletAction(id: number, type: DropletActionType) {
    if (!DROPLET_ACTIONS.includes(type)) throw new AppError('INVALID_INPUT', `"${type}" is not a droplet action Wharf uses (${DROPLET_ACTIONS.join(', ')}).`);
    const { body } = await transport.request<{ action: DoAction }>('POST', `/v2/droplets/${numericId(id, 'Droplet')}/actions`, { body: { type }, what: `droplet ${id}` });
    if (!body?.action) throw new AppError('ENGINE_ERROR', `The DigitalOcean API at ${transport.host} accepted ${type} on droplet ${id} but returned no action.`);
    return summarizeAction(body.action);
  }

  /** Polls `read` until `done` says so; the first read is immediate, then delays grow. */
  async function poll<T>(io: StepIo, wait: WaitOptions, read: () => Promise<T>, done: (value: T) => boolean, onTimeout: (last: T | null) => AppError): Promise<T> {
    const timeoutMs = wait.timeoutMs ?? DEFAULT_WAIT_MS;
    const deadline = Date.now() + timeoutMs;
    for (let attempt = 1; ; attempt++) {
      throwIfCancelled(io);
      const last = await read();
      if (done(last)) return last;
      const left = deadline - Date.now();
      if (left <= 0) throw onTimeout(last);
      await sleepAbortably(Math.min(left, backoffDelayMs(attempt, wait.backoff ?? POLL_BACKOFF)), io.signal);
    }
  }

  async function waitForAction(actionId: number, io: StepIo, wait: WaitOptions = {}) {
    let seen = '';
    const action = await poll(
      io,
      wait,
      async () => {
        const { body } = await transport.request<{ action: DoAction }>('GET', `/v2/actions/${numericId(actionId, 'Action')}`, { signal: io.signal, log: io.log, what: `action ${actionId}` });
        if (!body?.action) throw new AppError('ENGINE_ERROR', `The DigitalOcean API at ${transport.host} answered without action ${actionId}.`);
        const current = summarizeAction(body.action);
        if (current.status !== seen) {
          seen = current.status;
          io.log(`DigitalOcean action ${current.id} (${current.type}) is ${current.status}`);
        }
        return current;
      },
      (current) => current.status === 'completed' || current.status === 'errored',
      (last) => new AppError('ENGINE_ERROR', `DigitalOcean action ${actionId}${last ? ` (${last.type})` : ''} did not complete within ${minutes(wait.timeoutMs ?? DEFAULT_WAIT_MS)}; it is still ${last?.status ?? 'unknown'}. Look at the droplet in the DigitalOcean control panel.`),
    );
    if (action.status === 'errored') {
      throw new AppError('ENGINE_ERROR', `DigitalOcean could not ${action.type.replace('_', ' ')} the droplet${action.resourceId ? ` ${action.resourceId}` : ''} (action ${action.id} errored). Look at it in the DigitalOcean control panel and try again.`);
    }
    return action;
  }

  async function waitForDropletActive(id: number, io: StepIo, wait: WaitOptions = {}) {
    let seen = '';
    let label = `Droplet ${id}`;
    const droplet = await poll(
      io,
      wait,
      async () => {
        let raw: DoDroplet;
        try {
          raw = await fetchDroplet(id, { signal: io.signal, log: io.log });
        } catch (error) {
          if (error instanceof AppError && error.code === 'NOT_FOUND') {
            throw new AppError('NOT_FOUND', `${label} was deleted while Wharf waited for it to boot.`, { cause: error });
          }
          throw error;
        }
        const current = summarizeDroplet(raw);
        label = `Droplet ${current.name} (${current.id})`;
        const state = current.status === 'active' && !current.publicIpv4 ? 'active, without a public IPv4 address yet' : current.status;
        if (state !== seen) {
          seen = state;
          io.log(current.status === 'active' && current.publicIpv4 ? `${label} is active at ${current.publicIpv4}` : `${label} is ${state}`);
        }
        if (current.status === 'off' || current.status === 'archive') {
          throw new AppError('ENGINE_ERROR', `${label} is ${current.status} instead of booting. Look at its console in the DigitalOcean control panel; delete it if it is not wanted (it is billed while it exists).`);
        }
        return current;
      },
      (current) => current.status === 'active' && current.publicIpv4 !== null,
      (last) =>
        new AppError(
          'ENGINE_ERROR',
          `${label} did not become active within ${minutes(wait.timeoutMs ?? DEFAULT_WAIT_MS)}; it is still ${last?.status ?? 'unknown'}. DigitalOcean may be slow in that region. The droplet is billed while it exists: delete it, or look at it in the DigitalOcean control panel.`,
        ),
    );
    return droplet.publicIpv4!;
  }

  return {
    host: transport.host,
    getAccount,
    listRegions,
    listSizes,
    listImages,
    ensureSshKey,
    deleteSshKey,
    createDroplet,
    getDroplet,
    deleteDroplet,
    dropletAction,
    waitForAction,
    waitForDropletActive,
  };
}
