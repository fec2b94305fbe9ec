// Wharf's DigitalOcean client against the stand-in for the DigitalOcean API v2 over real HTTP:
// the real cloud cannot be reached from here, and the stand-in serves the documented requests,
// answers, errors and rate-limit headers. Nothing of Wharf's own code is replaced.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lineText } from '@/lib/services/hosts/provision/step-log.ts';
import { AppError } from '@/lib/errors.ts';
import type { StepIo } from '@/lib/services/hosts/drivers/step-io.ts';
import { dockerUserData } from '@/lib/services/hosts/drivers/digitalocean/cloud-init.ts';
import { createDigitalOceanApi, type DigitalOceanApiOptions } from '@/lib/services/hosts/drivers/digitalocean/create-digitalocean-api.ts';
import { startDigitalOceanStandin, type DigitalOceanStandin, type PowerActionType, type StandinDroplet } from '@/scripts/lab/digitalocean-standin.ts';

const TOKEN = `dop_v1_${'0123456789abcdef'.repeat(4)}`;
const WRONG_TOKEN = `dop_v1_${'fedcba9876543210'.repeat(4)}`;
// Made with ssh-keygen; `ssh-keygen -l -E md5` prints MD5:4b:85:f9:22:f1:ce:95:89:69:6c:ba:9e:5a:2d:b7:63.
const PUBLIC_KEY = 'ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIPPI1G7OjJMK6t87CvLzG5VE40YpFFJXHC6zrGuIDck4 wharf-test';
const FINGERPRINT = '4b:85:f9:22:f1:ce:95:89:69:6c:ba:9e:5a:2d:b7:63';
const ADDRESSES = ['203.0.113.10', '203.0.113.11'];
const FAST_POLL = { initialMs: 150, factor: 1.5, maxMs: 600 };

let standin: DigitalOceanStandin;
const activated: StandinDroplet[] = [];
const deleted: StandinDroplet[] = [];
const powered: Array<{ id: number; type: PowerActionType }> = [];
/** Every line any client or step logged in this file: none may hold the token. */
const allLogLines: string[] = [];

function stepIo(signal: AbortSignal = new AbortController().signal): StepIo & { lines: string[] } {
  const lines: string[] = [];
  return {
    signal,
    lines,
    log: (said) => {
      const line = lineText(said);
      lines.push(line);
      allLogLines.push(line);
    },
  };
}

function api(extra: Partial<DigitalOceanApiOptions> = {}) {
  return createDigitalOceanApi({ token: TOKEN, baseUrl: standin.url, log: (line) => allLogLines.push(line), ...extra });
}

async function failure(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected a failure');
}

const requestsTo = (method: string, path: string) => standin.requests.filter((request) => request.method === method && request.path === path);

beforeAll(async () => {
  standin = await startDigitalOceanStandin({
    token: TOKEN,
    addresses: ADDRESSES,
    bootDelayMs: 400,
    actionDelayMs: 150,
    onDropletActive: (droplet) => {
      activated.push(droplet);
    },
    onDropletDeleted: (droplet) => {
      deleted.push(droplet);
    },
    onPowerAction: (droplet, type) => {
      powered.push({ id: droplet.id, type });
    },
  });
});

afterAll(async () => {
  await standin?.close();
  expect(allLogLines.join('\n')).not.toContain(TOKEN);
  expect(allLogLines.join('\n')).not.toContain(WRONG_TOKEN);
});

describe('account and catalogue', () => {
  it('reads the account', async () => {
    expect(await api().getAccount()).toMatchObject({ email: 'lab@wharf.test', emailVerified: true, dropletLimit: ADDRESSES.length, status: 'active' });
  });

  it('lists available regions sorted by slug, following every page', async () => {
    const before = requestsTo('GET', '/v2/regions').length;
    const regions = await api({ perPage: 3 }).listRegions();
    const pages = requestsTo('GET', '/v2/regions').slice(before);
    expect(pages.length).toBe(4); // 11 regions, 3 a page
    expect(pages.map((request) => new URLSearchParams(request.query).get('page') ?? '1')).toEqual(['1', '2', '3', '4']);
    expect(regions.map((region) => region.slug)).toEqual(['ams3', 'blr1', 'fra1', 'lon1', 'nyc1', 'nyc3', 'sfo3', 'sgp1', 'syd1', 'tor1']);
    expect(regions.find((region) => region.slug === 'fra1')).toMatchObject({ name: 'Frankfurt 1', sizes: expect.arrayContaining(['s-1vcpu-1gb', 'c-2']) });
  });

  it('lists available sizes with memory, vcpus, disk, price and regions', async () => {
    const before = requestsTo('GET', '/v2/sizes').length;
    const sizes = await api({ perPage: 2 }).listSizes();
    expect(requestsTo('GET', '/v2/sizes').length - before).toBe(5); // 9 sizes, 2 a page
    expect(sizes.map((size) => size.slug)).not.toContain('s-1vcpu-3gb');
    expect(sizes[0]).toMatchObject({ slug: 's-1vcpu-512mb-10gb', memory: 512, vcpus: 1, disk: 10, priceMonthly: 4 });
    expect(sizes.map((size) => size.priceMonthly)).toEqual([...sizes.map((size) => size.priceMonthly)].sort((a, b) => a - b));
    expect(sizes.find((size) => size.slug === 'c-2')?.regions).toEqual(['ams3', 'fra1', 'nyc3', 'sfo3']);
  });

  it('lists only distribution images Wharf can install Docker on', async () => {
    const before = requestsTo('GET', '/v2/images').length;
    const images = await api({ perPage: 4 }).listImages();
    const pages = requestsTo('GET', '/v2/images').slice(before);
    expect(pages.length).toBe(3); // 10 distribution images, 4 a page
    expect(pages.every((request) => new URLSearchParams(request.query).get('type') === 'distribution')).toBe(true);
    const slugs = images.map((image) => image.slug);
    expect(slugs).toEqual(
      expect.arrayContaining(['debian-12-x64', 'debian-11-x64', 'ubuntu-24-04-x64', 'ubuntu-22-04-x64', 'fedora-41-x64', 'centos-stream-9-x64', 'rockylinux-9-x64', 'almalinux-9-x64']),
    );
    expect(slugs).not.toContain('freebsd-14-x64-zfs');
    expect(slugs).not.toContain('docker-20-04');
    expect(images.find((image) => image.slug === 'rockylinux-9-x64')).toMatchObject({ distribution: 'Rocky Linux', family: 'dnf' });
    expect(images.find((image) => image.slug === 'ubuntu-24-04-x64')).toMatchObject({ family: 'apt' });
  });
});

describe('SSH keys', () => {
  it('adds the key once and finds it by its MD5 fingerprint after that', async () => {
    const postsBefore = requestsTo('POST', '/v2/account/keys').length;
    const first = await api().ensureSshKey('wharf-console', PUBLIC_KEY);
    const second = await api().ensureSshKey('another name', `  ${PUBLIC_KEY}  `);
    expect(first).toEqual({ id: expect.any(Number), fingerprint: FINGERPRINT, created: true });
    expect(second).toEqual({ id: first.id, fingerprint: FINGERPRINT, created: false });
    expect(requestsTo('POST', '/v2/account/keys').length - postsBefore).toBe(1);
    expect(standin.keys()).toEqual([{ id: first.id, fingerprint: FINGERPRINT, public_key: PUBLIC_KEY, name: 'wharf-console' }]);
  });

  it('deletes a key, and deleting it again is fine', async () => {
    const other = 'ssh-rsa AAAAB3NzaC1yc2EAAAADAQABAAAAgQCtd/zab2JQ4uljVBo2GP1p1mKPsJQca59oo1KAAjuikoYrcFqtVlsvaYfoahHBZmH8BCRy2UM4fu2Ym8xzZERBXR/DW+WrkgidOyV0QqN9DXvYMR5xyu4j9KBJlIONNEWlce2eK5QnPasGGg+UisgEqEfL2+dA88Qwb6XBxUZxHw== rsa-test';
    const key = await api().ensureSshKey('temporary', other);
    expect(key.fingerprint).toBe('04:72:5f:6c:a2:f5:63:b3:ad:a3:17:3e:d1:9d:43:69');
    expect(await api().deleteSshKey(key.id)).toBe('deleted');
    expect(await api().deleteSshKey(key.id)).toBe('already-gone');
    expect(standin.keys().map((k) => k.id)).not.toContain(key.id);
  });
});

describe('droplets', () => {
  it('creates a droplet that boots with the key and user data, powers off and on, and is deleted', async () => {
    const client = api();
    const key = await client.ensureSshKey('wharf-console', PUBLIC_KEY);
    const userData = dockerUserData({ distribution: 'Debian' });
    const { droplet, actionId } = await client.createDroplet({
      name: 'wharf-do-1',
      region: 'fra1',
      size: 's-1vcpu-1gb',
      image: 'debian-12-x64',
      sshKeys: [key.id],
      userData,
      tags: ['wharf'],
    });
    expect(droplet).toMatchObject({ name: 'wharf-do-1', status: 'new', region: 'fra1', size: 's-1vcpu-1gb', image: 'debian-12-x64', publicIpv4: null, tags: ['wharf'] });
    expect(actionId).toEqual(expect.any(Number));

    const io = stepIo();
    const ip = await client.waitForDropletActive(droplet.id, io, { backoff: FAST_POLL });
    expect(ip).toBe(ADDRESSES[0]);
    expect(io.lines).toContain(`Droplet wharf-do-1 (${droplet.id}) is new`);
    expect(io.lines).toContain(`Droplet wharf-do-1 (${droplet.id}) is active at ${ADDRESSES[0]}`);
    const booted = activated.find((entry) => entry.id === droplet.id);
    expect(booted).toMatchObject({ name: 'wharf-do-1', ip: ADDRESSES[0], publicKeys: [PUBLIC_KEY], userData });
    expect(await client.waitForAction(actionId!, stepIo(), { backoff: FAST_POLL })).toMatchObject({ id: actionId, type: 'create', status: 'completed' });

    for (const [type, status] of [
      ['power_off', 'off'],
      ['power_on', 'active'],
      ['reboot', 'active'],
      ['shutdown', 'off'],
    ] as const) {
      const action = await client.dropletAction(droplet.id, type);
      expect(action).toMatchObject({ type, status: 'in-progress', resourceId: droplet.id });
      const actionIo = stepIo();
      expect(await client.waitForAction(action.id, actionIo, { backoff: FAST_POLL })).toMatchObject({ status: 'completed' });
      expect(actionIo.lines.at(-1)).toBe(`DigitalOcean action ${action.id} (${type}) is completed`);
      expect((await client.getDroplet(droplet.id)).status).toBe(status);
    }
    expect(powered.filter((entry) => entry.id === droplet.id).map((entry) => entry.type)).toEqual(['power_off', 'power_on', 'reboot', 'shutdown']);

    expect(await client.deleteDroplet(droplet.id)).toBe('deleted');
    expect(deleted.map((entry) => entry.id)).toContain(droplet.id);
    expect(await client.deleteDroplet(droplet.id)).toBe('already-gone');
    const gone = await failure(client.getDroplet(droplet.id));
    expect(gone.code).toBe('NOT_FOUND');
    expect(gone.message).toContain(`droplet ${droplet.id}`);
  });

  const valid = { name: 'wharf-ok', region: 'fra1', size: 's-1vcpu-1gb', image: 'ubuntu-24-04-x64', sshKeys: [] as number[], userData: '' };

  it.each([
    [{ region: 'nyc2' }, 'Region is not available'],
    [{ region: 'xyz9' }, 'invalid region'],
    [{ size: 's-1vcpu-512mb-10gb', region: 'sgp1' }, 'Size is not available in this region'],
    [{ image: 'windows-2022' }, 'invalid image'],
    [{ name: 'bad_name!' }, 'valid hostname'],
    [{ name: '-leading-hyphen' }, 'valid hostname'],
    [{ sshKeys: [999] }, 'SSH key 999'],
  ])('refuses %j with INVALID_INPUT carrying the API message', async (change, message) => {
    const error = await failure(api().createDroplet({ ...valid, ...change }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toMatch(/^DigitalOcean refused the request: /);
    expect(error.message).toContain(message);
    expect(standin.droplets().map((droplet) => droplet.name)).not.toContain(valid.name);
  });

  it('refuses a droplet past the limit (no free lab address) with the droplet-limit message', async () => {
    const client = api();
    const made = [];
    for (const name of ['limit-1', 'limit-2']) made.push((await client.createDroplet({ ...valid, name })).droplet);
    const error = await failure(client.createDroplet({ ...valid, name: 'limit-3' }));
    expect(error.code).toBe('INVALID_INPUT');
    expect(error.message).toContain('droplet limit');
    for (const droplet of made) expect(await client.deleteDroplet(droplet.id)).toBe('deleted');
    expect(standin.droplets()).toEqual([]);
  });
});

describe('errors, rate limits and cancellation', () => {
  it('a wrong token: 401 as PRECONDITION, without the token in the message', async () => {
    const error = await failure(createDigitalOceanApi({ token: WRONG_TOKEN, baseUrl: standin.url }).getAccount());
    expect(error.code).toBe('PRECONDITION');
    expect(error.message).toContain('DigitalOcean refused the API token (401 Unauthorized): check the token and its scopes');
    expect(error.message).not.toContain(WRONG_TOKEN);
    expect(JSON.stringify(error.cause)).not.toContain(WRONG_TOKEN);
    expect(standin.requests.at(-1)).toMatchObject({ path: '/v2/account', status: 401 });
  });

  it('a token that cannot be one is refused before any request', () => {
    const count = standin.requests.length;
    expect(() => createDigitalOceanApi({ token: 'dop_v1_cut', baseUrl: standin.url })).toThrow(expect.objectContaining({ code: 'INVALID_INPUT' }));
    expect(standin.requests.length).toBe(count);
  });

  it('429 with Retry-After: 1 waits, logs, retries and succeeds', async () => {
    standin.failNext('GET', '/v2/account', { status: 429, headers: { 'retry-after': '1' } });
    const lines: string[] = [];
    const before = requestsTo('GET', '/v2/account').length;
    const account = await api({ log: (line) => (lines.push(line), allLogLines.push(line)) }).getAccount();
    expect(account.email).toBe('lab@wharf.test');
    const [limited, retried] = requestsTo('GET', '/v2/account').slice(before);
    expect(limited.status).toBe(429);
    expect(retried.status).toBe(200);
    expect(retried.at - limited.at).toBeGreaterThanOrEqual(950);
    expect(lines).toEqual(['DigitalOcean rate limit reached; retrying in 1 s']);
  });

  it('a persistent 429 ends in RATE_LIMITED saying when to retry', async () => {
    standin.failNext('GET', '/v2/regions', { status: 429, headers: { 'retry-after': '1' }, times: 4 });
    const lines: string[] = [];
    const before = requestsTo('GET', '/v2/regions').length;
    const error = await failure(api({ log: (line) => lines.push(line) }).listRegions());
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toContain('try again in 1 s');
    expect(requestsTo('GET', '/v2/regions').length - before).toBe(4);
    expect(lines).toHaveLength(3);
  });

  it('a 429 whose reset is far away fails at once with the time to retry', async () => {
    const reset = Math.floor(Date.now() / 1000) + 1800;
    standin.failNext('GET', '/v2/sizes', { status: 429, headers: { 'ratelimit-reset': String(reset), 'ratelimit-remaining': '0' } });
    const before = requestsTo('GET', '/v2/sizes').length;
    const error = await failure(api().listSizes());
    expect(error.code).toBe('RATE_LIMITED');
    expect(error.message).toMatch(/try again after \d\d:\d\d:\d\d UTC \(in about (29|30) min\)/);
    expect(requestsTo('GET', '/v2/sizes').length - before).toBe(1);
  });

  it('a 503 on a read is retried; a 500 on a create is reported with its request id', async () => {
    standin.failNext('GET', '/v2/account', { status: 503 });
    expect((await api().getAccount()).status).toBe('active');
    standin.failNext('POST', '/v2/droplets', { status: 500, body: { id: 'server_error', message: 'Unexpected server-side error', request_id: 'req-500' } });
    const error = await failure(api().createDroplet({ name: 'x1', region: 'fra1', size: 's-1vcpu-1gb', image: 'debian-12-x64', sshKeys: [], userData: '' }));
    expect(error.code).toBe('ENGINE_ERROR');
    expect(error.message).toContain('500 Internal Server Error: Unexpected server-side error');
    expect(error.message).toContain('req-500');
    expect(standin.droplets()).toEqual([]);
  });

  it('the API out of reach: ENGINE_UNREACHABLE naming its host', async () => {
    const closed = await startDigitalOceanStandin({ token: TOKEN, addresses: [] });
    const url = closed.url;
    await closed.close();
    const error = await failure(createDigitalOceanApi({ token: TOKEN, baseUrl: url }).getAccount());
    expect(error.code).toBe('ENGINE_UNREACHABLE');
    expect(error.message).toContain(new URL(url).host);
    expect(error.message).toContain('ECONNREFUSED');
  });

  it('cancelling the step stops waiting for the droplet at once, with the runner\'s reason', async () => {
    const slow = await startDigitalOceanStandin({ token: TOKEN, addresses: ['203.0.113.20'], bootDelayMs: 120_000 });
    try {
      const client = createDigitalOceanApi({ token: TOKEN, baseUrl: slow.url });
      const { droplet } = await client.createDroplet({ name: 'slow-1', region: 'ams3', size: 's-1vcpu-1gb', image: 'debian-12-x64', sshKeys: [], userData: '' });
      const controller = new AbortController();
      const io = stepIo(controller.signal);
      const waiting = client.waitForDropletActive(droplet.id, io, { backoff: { initialMs: 200, factor: 1, maxMs: 200 } });
      setTimeout(() => controller.abort(new AppError('CONFLICT', 'Cancelled by the test')), 700);
      const error = await failure(waiting);
      expect(error.message).toBe('Cancelled by the test');
      const polls = slow.requests.filter((request) => request.path === `/v2/droplets/${droplet.id}`).length;
      expect(polls).toBeGreaterThanOrEqual(2);
      await new Promise((resolve) => setTimeout(resolve, 600));
      expect(slow.requests.filter((request) => request.path === `/v2/droplets/${droplet.id}`).length).toBe(polls);
      expect(io.lines).toEqual([`Droplet slow-1 (${droplet.id}) is new`]);

      // The client's own signal: an aborted one refuses further requests.
      const gone = new AbortController();
      gone.abort(new AppError('CONFLICT', 'Console shutting down'));
      const count = slow.requests.length;
      const stopped = await failure(createDigitalOceanApi({ token: TOKEN, baseUrl: slow.url, signal: gone.signal }).getAccount());
      expect(stopped.message).toBe('Console shutting down');
      expect(slow.requests.length).toBe(count);
    } finally {
      await slow.close();
    }
  });

  it('a droplet whose boot fails is reported instead of waited on until the timeout', async () => {
    const broken = await startDigitalOceanStandin({
      token: TOKEN,
      addresses: ['203.0.113.30'],
      bootDelayMs: 100,
      onDropletActive: () => {
        throw new Error('lab machine refused the key');
      },
    });
    try {
      const client = createDigitalOceanApi({ token: TOKEN, baseUrl: broken.url });
      const { droplet, actionId } = await client.createDroplet({ name: 'broken-1', region: 'ams3', size: 's-1vcpu-1gb', image: 'debian-12-x64', sshKeys: [], userData: '' });
      const error = await failure(client.waitForDropletActive(droplet.id, stepIo(), { backoff: FAST_POLL }));
      expect(error.code).toBe('ENGINE_ERROR');
      expect(error.message).toContain('broken-1');
      expect(error.message).toContain('is off instead of booting');
      const actionError = await failure(client.waitForAction(actionId!, stepIo(), { backoff: FAST_POLL }));
      expect(actionError.message).toContain('errored');
      expect(broken.hookErrors.map((e) => e.message)).toEqual(['lab machine refused the key']);
    } finally {
      await broken.close();
    }
  });

  it('waiting gives up after its timeout, saying the droplet is still new and billed', async () => {
    const slow = await startDigitalOceanStandin({ token: TOKEN, addresses: ['203.0.113.40'], bootDelayMs: 120_000 });
    try {
      const client = createDigitalOceanApi({ token: TOKEN, baseUrl: slow.url });
      const { droplet } = await client.createDroplet({ name: 'slow-2', region: 'ams3', size: 's-1vcpu-1gb', image: 'debian-12-x64', sshKeys: [], userData: '' });
      const error = await failure(client.waitForDropletActive(droplet.id, stepIo(), { timeoutMs: 800, backoff: FAST_POLL }));
      expect(error.code).toBe('ENGINE_ERROR');
      expect(error.message).toContain('did not become active within 1 s; it is still new');
      expect(error.message).toContain('billed');
    } finally {
      await slow.close();
    }
  });
});
