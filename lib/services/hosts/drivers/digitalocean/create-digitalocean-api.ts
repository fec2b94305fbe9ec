// Wharf's client for the DigitalOcean API v2 (plain fetch, no SDK): the account, the catalogue
// (regions, sizes, images), SSH keys, droplets and their power actions, and waits on droplets and
// actions that log what they see to the step's log and stop when the step is cancelled.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { AppError } from '@/lib/errors.ts';
import { throwIfCancelled, type LogLine, type StepIo } from '@/lib/services/hosts/drivers/step-io.ts';
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
  log?: (line: LogLine) => void;
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

/** "5 min", or "90 s" under two minutes. */
const within = (ms: number): Message => (ms >= 120_000 ? msg('driverText.do.minutes', { minutes: Math.round(ms / 60_000) }) : msg('driverText.do.seconds', { seconds: Math.round(ms / 1000) }));

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

  const numericId = (id: number | string, what: 'droplet' | 'action') => {
    const text = String(id);
    if (!/^[1-9]\d{0,18}$/.test(text)) throw new AppError('INVALID_INPUT', msg('driverText.do.notAnId', { what, id: text }));
    return text;
  };

  async function getAccount(): Promise<DigitalOceanAccount> {
    const { body } = await transport.request<{ account: DoAccount }>('GET', '/v2/account');
    const account = body?.account;
    if (!account) throw new AppError('ENGINE_ERROR', msg('driverText.do.noAccount', { host: transport.host }));
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
      if (!body?.ssh_key) throw new AppError('ENGINE_ERROR', msg('driverText.do.noSshKey', { host: transport.host }));
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
    if (!body?.droplet) throw new AppError('ENGINE_ERROR', msg('driverText.do.dropletUndescribed', { host: transport.host }));
    const action = body.links?.actions?.find((link) => link.rel === 'create') ?? body.links?.actions?.[0];
    return { droplet: summarizeDroplet(body.droplet), actionId: action?.id ?? null };
  }

  async function fetchDroplet(id: number, call: { signal?: AbortSignal; log?: (line: LogLine) => void } = {}): Promise<DoDroplet> {
    const { body } = await transport.request<{ droplet: DoDroplet }>('GET', `/v2/droplets/${numericId(id, 'droplet')}`, { ...call, what: msg('driverText.do.what.droplet', { id: String(id) }) });
    if (!body?.droplet) throw new AppError('ENGINE_ERROR', msg('driverText.do.noDroplet', { host: transport.host, id: String(id) }));
    return body.droplet;
  }

  const getDroplet = async (id: number) => summarizeDroplet(await fetchDroplet(id));

  async function deleteDroplet(id: number) {
    const { status } = await transport.request('DELETE', `/v2/droplets/${numericId(id, 'droplet')}`, { allowNotFound: true });
    return status === 404 ? ('already-gone' as const) : ('deleted' as const);
  }

  async function dropletAction(id: number, type: DropletActionType) {
    if (!DROPLET_ACTIONS.includes(type)) throw new AppError('INVALID_INPUT', msg('driverText.do.notAnAction', { type, actions: DROPLET_ACTIONS.join(', ') }));
    const { body } = await transport.request<{ action: DoAction }>('POST', `/v2/droplets/${numericId(id, 'droplet')}/actions`, { body: { type }, what: msg('driverText.do.what.droplet', { id: String(id) }) });
    if (!body?.action) throw new AppError('ENGINE_ERROR', msg('driverText.do.noActionReturned', { host: transport.host, type, id: String(id) }));
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
        const { body } = await transport.request<{ action: DoAction }>('GET', `/v2/actions/${numericId(actionId, 'action')}`, { signal: io.signal, log: io.log, what: msg('driverText.do.what.action', { id: String(actionId) }) });
        if (!body?.action) throw new AppError('ENGINE_ERROR', msg('driverText.do.noAction', { host: transport.host, id: String(actionId) }));
        const current = summarizeAction(body.action);
        if (current.status !== seen) {
          seen = current.status;
          io.log(msg('driverText.log.actionStatus', { id: String(current.id), type: current.type, status: current.status }));
        }
        return current;
      },
      (current) => current.status === 'completed' || current.status === 'errored',
      (last) =>
        new AppError('ENGINE_ERROR', msg('driverText.do.actionSlow', { id: String(actionId), hasType: last ? 'yes' : 'no', type: last?.type ?? '', within: within(wait.timeoutMs ?? DEFAULT_WAIT_MS), status: last?.status ?? msg('driverText.do.unknownStatus') })),
    );
    if (action.status === 'errored') {
      throw new AppError('ENGINE_ERROR', msg('driverText.do.actionErrored', { type: action.type.replace('_', ' '), droplet: action.resourceId ? ` ${action.resourceId}` : '', id: String(action.id) }));
    }
    return action;
  }

  async function waitForDropletActive(id: number, io: StepIo, wait: WaitOptions = {}) {
    let seen = '';
    let label: Message = msg('driverText.do.dropletLabel', { id: String(id) });
    const droplet = await poll(
      io,
      wait,
      async () => {
        let raw: DoDroplet;
        try {
          raw = await fetchDroplet(id, { signal: io.signal, log: io.log });
        } catch (error) {
          if (error instanceof AppError && error.code === 'NOT_FOUND') {
            throw new AppError('NOT_FOUND', msg('driverText.do.dropletDeletedWhileBooting', { droplet: label }), { cause: error });
          }
          throw error;
        }
        const current = summarizeDroplet(raw);
        label = msg('driverText.do.dropletNamed', { name: current.name, id: String(current.id) });
        const state = current.status === 'active' && !current.publicIpv4 ? 'active-no-ip' : current.status;
        if (state !== seen) {
          seen = state;
          io.log(
            current.status === 'active' && current.publicIpv4
              ? msg('driverText.log.dropletActiveAt', { droplet: label, address: current.publicIpv4 })
              : state === 'active-no-ip'
                ? msg('driverText.log.dropletActiveNoIp', { droplet: label })
                : msg('driverText.log.dropletStatus', { droplet: label, status: state }),
          );
        }
        if (current.status === 'off' || current.status === 'archive') {
          throw new AppError('ENGINE_ERROR', msg('driverText.do.dropletNotBooting', { droplet: label, status: current.status }));
        }
        return current;
      },
      (current) => current.status === 'active' && current.publicIpv4 !== null,
      (last) =>
        new AppError('ENGINE_ERROR', msg('driverText.do.dropletSlow', { droplet: label, within: within(wait.timeoutMs ?? DEFAULT_WAIT_MS), status: last?.status ?? msg('driverText.do.unknownStatus') })),
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
