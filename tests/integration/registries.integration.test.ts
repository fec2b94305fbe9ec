// Registries (issue 13) against the lab's two real registries: Debian's docker-registry with
// htpasswd (basic auth, deletes on) and with bearer-token auth from the lab's token server
// (deletes off). Settings are tested before they are saved, naming the failing part; the secret is
// sealed and never returned; browsing reads the catalog and tags with their digests, sizes,
// creation times and platforms; a tag is deleted by digest (or the registry says deletes are off);
// a tag is retagged. Bad input: wrong password, wrong token, unreachable address, unknown CA, HTML
// instead of the API, a redirect to another host (case 20), metadata and link-local addresses, a
// repository with no tags, a tag deleted meanwhile, a push the credentials may not make. Amazon ECR
// against the lab's stand-in for its API (GetAuthorizationToken, SigV4-checked), whose tokens open
// the htpasswd registry: wrong key id, wrong secret key, wrong region, an API that cannot be reached.
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeKeyring, open } from '@/lib/crypto/secret-box.ts';
import { AppError } from '@/lib/errors.ts';
import { registryFormSchema, type RegistryForm } from '@/lib/schemas/registries.ts';
import { listRegistries, listRepositories, listTags, readRegistryUsage } from '@/lib/services/registries/browse-registry.ts';
import { deleteTag, retagImage } from '@/lib/services/registries/change-tags.ts';
import { registryHttp, RefusedAddressError } from '@/lib/services/registries/registry-http.ts';
import { registrySecretContext } from '@/lib/services/registries/registry-rows.ts';
import { addRegistry, removeRegistry, testRegistry, updateRegistry } from '@/lib/services/registries/save-registry.ts';
import { resealSecrets } from '@/lib/services/secrets/reseal-secrets.ts';
import { ecrLogin } from '@/lib/services/registries/ecr-login.ts';
import { ECR_REFRESH_MARGIN_MS } from '@/lib/models/registries/ecr-token.ts';
import { basicRegistry, labUp, pushLabImage, tokenRegistry, type LabState } from '@/scripts/lab/index.ts';
import { createTestDeps, seedUser, type TestDeps } from '../support/integration.ts';
import { testCa, testLeaf } from '../support/test-certificates.ts';

let deps: TestDeps;
let lab: LabState;
let admin: Awaited<ReturnType<typeof seedUser>>;
let operator: Awaited<ReturnType<typeof seedUser>>;
const servers: Server[] = [];

beforeAll(async () => {
  lab = await labUp();
  deps = await createTestDeps('registries');
  admin = await seedUser(deps.db, 'admin', 'registry-admin');
  operator = await seedUser(deps.db, 'operator', 'registry-operator');
}, 120_000);
afterAll(async () => {
  for (const s of servers) s.close();
  await deps?.close();
});

const unique = () => Math.random().toString(36).slice(2, 8);
const rejection = async (work: Promise<unknown>) => {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
};
const fieldOf = (error: AppError) => Object.keys(error.fieldErrors ?? {});

const basicForm = (more: Partial<RegistryForm> = {}): RegistryForm =>
  registryFormSchema.parse({ name: `lab-basic-${unique()}`, kind: 'v2-basic', address: lab.registry.url, plainHttp: true, username: lab.registry.username, secret: lab.registry.password, ...more });
const bearerForm = (more: Partial<RegistryForm> = {}): RegistryForm => {
  const t = lab.tokenRegistry!;
  return registryFormSchema.parse({ name: `lab-bearer-${unique()}`, kind: 'v2-bearer', address: t.url, plainHttp: true, username: t.username, secret: t.password, ...more });
};

/** A server on a loopback port of its own, answering with `handle`. */
async function serve(handle: (req: IncomingMessage, res: ServerResponse) => void, host = '127.0.0.1'): Promise<{ address: string; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  const server = createHttpServer((req, res) => {
    requests.push(req);
    handle(req, res);
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, host, resolve));
  return { address: `${host}:${(server.address() as AddressInfo).port}`, requests };
}

describe('adding registries of each kind the lab has', () => {
  it('adds the htpasswd registry after a passing test, seals the password bound to its row, and never returns it (case 24)', async () => {
    const form = basicForm();
    await testRegistry(deps, admin.actor, form);
    const view = await addRegistry(deps, admin.actor, form);
    expect(view).toMatchObject({ kind: 'v2-basic', address: lab.registry.url, plainHttp: true, username: lab.registry.username, hasSecret: true });
    expect(JSON.stringify(view)).not.toContain(lab.registry.password);
    const row = await deps.db.registry.findUniqueOrThrow({ where: { id: view.id } });
    expect(row.secretSealed).not.toContain(lab.registry.password);
    expect(open(deps.keyring, row.secretSealed!, registrySecretContext(row.id))).toBe(lab.registry.password);
    expect(() => open(deps.keyring, row.secretSealed!, registrySecretContext('another'))).toThrow();
    expect(JSON.stringify(await listRegistries(deps, admin.actor))).not.toContain(lab.registry.password);
    await removeRegistry(deps, admin.actor, view.id);
  });

  it('adds the bearer-token registry: the challenge names the realm, and the token service accepts the credentials', async () => {
    const view = await addRegistry(deps, admin.actor, bearerForm());
    expect(view).toMatchObject({ kind: 'v2-bearer', address: lab.tokenRegistry!.url, hasSecret: true });
    await removeRegistry(deps, admin.actor, view.id);
  });

  it('an edit with the secret left empty keeps the saved one; with a wrong one it is refused and the saved one stays', async () => {
    const view = await addRegistry(deps, admin.actor, basicForm());
    const renamed = await updateRegistry(deps, admin.actor, view.id, basicForm({ name: `renamed-${unique()}`, secret: '' }));
    expect(renamed.hasSecret).toBe(true);
    const error = await rejection(updateRegistry(deps, admin.actor, view.id, basicForm({ secret: 'wrong' })));
    expect(fieldOf(error)).toEqual(['secret']);
    await testRegistry(deps, admin.actor, basicForm({ secret: '' }), view.id);
    await removeRegistry(deps, admin.actor, view.id);
  });

  it('reseals registry secrets with a new key', async () => {
    const view = await addRegistry(deps, admin.actor, basicForm());
    const rotated = makeKeyring(Buffer.alloc(32, 7), [deps.keyring.current.key]);
    const { resealed } = await resealSecrets(deps.db, rotated);
    expect(resealed).toBeGreaterThan(0);
    const row = await deps.db.registry.findUniqueOrThrow({ where: { id: view.id } });
    expect(open(rotated, row.secretSealed!, registrySecretContext(view.id))).toBe(lab.registry.password);
    await resealSecrets(deps.db, makeKeyring(deps.keyring.current.key, [rotated.current.key]));
    await removeRegistry(deps, admin.actor, view.id);
  });
});

describe('bad input, each named on the part that failed, and nothing saved', () => {
  const nothingSaved = async () => expect(await deps.db.registry.count({ where: { name: { startsWith: 'bad-' } } })).toBe(0);

  it('a wrong password on the basic registry says the registry refused the user name and password', async () => {
    const error = await rejection(addRegistry(deps, admin.actor, basicForm({ name: 'bad-basic', secret: 'not-the-password' })));
    expect(fieldOf(error)).toEqual(['secret']);
    expect(error.message).toBe(`${lab.registry.url} refused the user name and password.`);
    await nothingSaved();
  });

  it('a wrong token on the bearer registry says the token service refused it', async () => {
    const error = await rejection(addRegistry(deps, admin.actor, bearerForm({ name: 'bad-bearer', secret: 'not-the-token' })));
    expect(fieldOf(error)).toEqual(['secret']);
    expect(error.message).toBe(`The token service at 10.99.0.1:${lab.tokenRegistry!.tokenPort} refused the user name and token (or password).`);
    await nothingSaved();
  });

  it('an unreachable address is named on the address', async () => {
    const error = await rejection(addRegistry(deps, admin.actor, basicForm({ name: 'bad-unreachable', address: '10.99.0.1:1' })));
    expect(fieldOf(error)).toEqual(['address']);
    expect(error.message).toMatch(/^The registry cannot be reached: Nothing answers at 10\.99\.0\.1:1/);
    await nothingSaved();
  });

  it('a certificate from an unknown CA is named on the CA field, and passes with that CA given', async () => {
    const ca = await testCa('registry-test-ca');
    const leaf = await testLeaf(ca, 'server');
    const server = createHttpsServer({ cert: leaf.cert, key: leaf.key }, (_req, res) => res.writeHead(200, { 'Docker-Distribution-API-Version': 'registry/2.0', 'Content-Type': 'application/json' }).end('{}'));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const address = `127.0.0.1:${(server.address() as AddressInfo).port}`;
    const form = registryFormSchema.parse({ name: 'bad-ca', kind: 'v2-bearer', address });
    const error = await rejection(testRegistry(deps, admin.actor, form));
    expect(fieldOf(error)).toEqual(['caCert']);
    expect(error.message).toContain('is not trusted');
    await testRegistry(deps, admin.actor, { ...form, caCert: ca.pem.cert });
  });

  it('an address that answers HTML instead of the v2 API is said so', async () => {
    const site = await serve((_req, res) => res.writeHead(200, { 'Content-Type': 'text/html' }).end('<html><body>Welcome</body></html>'));
    const error = await rejection(addRegistry(deps, admin.actor, registryFormSchema.parse({ name: 'bad-html', kind: 'v2-bearer', address: site.address, plainHttp: true })));
    expect(fieldOf(error)).toEqual(['address']);
    expect(error.message).toBe(`${site.address} answers with a web page, not the registry API: check the address.`);
    const notFound = await serve((_req, res) => res.writeHead(404, { 'Content-Type': 'text/plain' }).end('no'));
    expect((await rejection(testRegistry(deps, admin.actor, registryFormSchema.parse({ name: 'bad-404', kind: 'v2-bearer', address: notFound.address, plainHttp: true })))).message).toContain('does not answer the registry API at /v2/');
    await nothingSaved();
  });

  it('case 20: a redirect to another host is followed without the credentials', async () => {
    // The other host: on the lab bridge's address, a different origin from the registry's 127.0.0.1.
    const other = await serve((_req, res) => res.writeHead(200, { 'Docker-Distribution-API-Version': 'registry/2.0', 'Content-Type': 'application/json' }).end('{}'), '10.99.0.1');
    const registry = await serve((req, res) => {
      if (!req.headers.authorization) return void res.writeHead(401, { 'WWW-Authenticate': 'Basic realm="r"' }).end();
      res.writeHead(302, { Location: `http://${other.address}/v2/` }).end();
    });
    await testRegistry(deps, admin.actor, registryFormSchema.parse({ name: 'redirecting', kind: 'v2-basic', address: registry.address, plainHttp: true, username: 'u', secret: 'redirected-secret' }));
    expect(registry.requests.some((r) => r.headers.authorization === 'Basic ' + Buffer.from('u:redirected-secret').toString('base64'))).toBe(true);
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0].headers.authorization).toBeUndefined();
  });

  it('case 20: metadata and link-local addresses are refused by what they resolve to, before any connection', async () => {
    for (const address of ['169.254.169.254', '[fe80::1]:5000', '[::ffff:169.254.169.254]']) {
      const error = await rejection(addRegistry(deps, admin.actor, registryFormSchema.parse({ name: 'bad-metadata', kind: 'v2-bearer', address })));
      expect(error.code).toBe('FORBIDDEN');
      expect(fieldOf(error)).toEqual(['address']);
    }
    const byName = await rejection(testRegistry(deps, admin.actor, registryFormSchema.parse({ name: 'bad-name', kind: 'v2-bearer', address: 'registry.internal' }), null, async () => ['169.254.169.254']));
    expect(byName.message).toBe('Wharf does not connect to registry.internal (169.254.169.254): it is a link-local address, where cloud metadata services answer.');
    // Every connection is judged too, the token service the registry names included.
    await expect(registryHttp({ url: new URL('http://169.254.169.254/v2/') })).rejects.toBeInstanceOf(RefusedAddressError);
    const lure = await serve((_req, res) => res.writeHead(401, { 'WWW-Authenticate': 'Bearer realm="http://169.254.169.254/token",service="x"' }).end());
    const error = await rejection(testRegistry(deps, admin.actor, registryFormSchema.parse({ name: 'bad-realm', kind: 'v2-bearer', address: lure.address, plainHttp: true, username: 'u', secret: 's' })));
    expect(error.message).toContain('Wharf does not connect to 169.254.169.254');
    await nothingSaved();
  });

  it("case 20: the console's own machine is refused to those who may not connect engines there", async () => {
    const error = await rejection(testRegistry(deps, operator.actor, registryFormSchema.parse({ name: 'bad-local', kind: 'v2-bearer', address: 'localhost:2375', plainHttp: true })));
    expect(error.code).toBe('FORBIDDEN');
    expect(fieldOf(error)).toEqual(['address']);
  });
});

describe('browsing, deleting and retagging', () => {
  let basicId: string;
  let bearerId: string;
  beforeAll(async () => {
    basicId = (await addRegistry(deps, admin.actor, basicForm())).id;
    bearerId = (await addRegistry(deps, admin.actor, bearerForm())).id;
  });

  it('pages through the catalog by its Link header', async () => {
    const first = await listRepositories(deps, basicId, null);
    expect(first.catalog).toBe(true);
    expect(first.repositories).toEqual(expect.arrayContaining(['lab/busybox', 'lab/empty', 'lab/multi']));
    const bearer = await listRepositories(deps, bearerId, null);
    expect(bearer.repositories).toEqual(expect.arrayContaining(['lab/busybox', 'lab/multi']));
  });

  it('lists tags with digest, size, created time and platforms, an image index per platform', async () => {
    for (const id of [basicId, bearerId]) {
      const busybox = await listTags(deps, id, 'lab/busybox', null);
      expect(busybox.tags.map((t) => t.tag).sort()).toEqual(expect.arrayContaining(['1.0', '1.1', 'latest']));
      const one = busybox.tags.find((t) => t.tag === '1.0')!;
      expect(one.digest).toMatch(/^sha256:[a-f0-9]{64}$/);
      expect(one.size).toBeGreaterThan(500_000);
      expect(one.created).toBe('2026-01-01T00:00:00Z');
      expect(one.platforms).toEqual([expect.objectContaining({ os: 'linux', architecture: 'amd64' })]);
      expect(one.layers).toHaveLength(1);
      expect(busybox.tags.find((t) => t.tag === 'latest')!.digest).toBe(busybox.tags.find((t) => t.tag === '1.1')!.digest);
      const multi = (await listTags(deps, id, 'lab/multi', null)).tags[0];
      expect(multi.platforms.map((p) => `${p.os}/${p.architecture}`)).toEqual(['linux/amd64', 'linux/arm64']);
      expect(multi.size).toBeGreaterThan(500_000);
    }
  });

  it('a repository with no tags lists none', async () => {
    expect((await listTags(deps, basicId, 'lab/empty', null)).tags).toEqual([]);
  });

  it('a repository that does not exist is said so', async () => {
    const error = await rejection(listTags(deps, basicId, 'lab/nothing-here', null));
    expect(error.code).toBe('NOT_FOUND');
  });

  it('retags, then deletes a tag by digest; a second delete of the same tag says it was deleted meanwhile', async () => {
    const repo = `it/retag-${unique()}`;
    const digest = await pushLabImage(lab, basicRegistry(lab.registry), repo, '1.0', repo);
    expect(await retagImage(deps, admin.actor, { registryId: basicId, repository: repo, tag: '1.0', newTag: 'stable' })).toEqual({ digest });
    const tags = await listTags(deps, basicId, repo, null);
    expect(tags.tags.map((t) => [t.tag, t.digest])).toEqual(expect.arrayContaining([['1.0', digest], ['stable', digest]]));
    await deleteTag(deps, admin.actor, { registryId: basicId, repository: repo, tag: 'stable', digest });
    expect((await listTags(deps, basicId, repo, null)).tags).toEqual([]);
    const again = await rejection(deleteTag(deps, admin.actor, { registryId: basicId, repository: repo, tag: 'stable', digest }));
    expect(again.code).toBe('NOT_FOUND');
    expect(again.message).toBe(`The tag ${repo}:stable is not in the registry any more: someone deleted it meanwhile.`);
  });

  it('a delete where deletes are turned off says so (405), and the tag stays', async () => {
    const repo = `it/keep-${unique()}`;
    const digest = await pushLabImage(lab, tokenRegistry(lab.tokenRegistry!), repo, '1.0', repo);
    const error = await rejection(deleteTag(deps, admin.actor, { registryId: bearerId, repository: repo, tag: '1.0', digest }));
    expect(error.message).toBe('Deletes are turned off on this registry.');
    expect((await listTags(deps, bearerId, repo, null)).tags.map((t) => t.tag)).toEqual(['1.0']);
  });

  it('a push the credentials may not make is refused by the registry and said so', async () => {
    const t = lab.tokenRegistry!;
    // The same registry (an address is one registry in Wharf), now with credentials that may only pull.
    const reader = await updateRegistry(deps, admin.actor, bearerId, bearerForm({ username: t.readerUsername, secret: t.readerPassword }));
    const error = await rejection(retagImage(deps, admin.actor, { registryId: reader.id, repository: 'lab/busybox', tag: '1.0', newTag: `copy-${unique()}` }));
    expect(error.message).toMatch(/^The registry's credentials in Wharf may not push lab\/busybox:copy-/);
    await updateRegistry(deps, admin.actor, bearerId, bearerForm());
  });

  it('removing a registry names the stacks whose services take images from it', async () => {
    await deps.db.stackRevision.create({
      data: { id: `rev-${unique()}`, swarmId: 'swarm-registry-usage', stackName: 'shop', number: 1, composeText: `services:\n  web:\n    image: ${lab.registry.url}/lab/busybox:1.0\n  db:\n    image: postgres\n`, inputsSealed: 'x', createdByName: 'test', outcome: 'deployed' },
    });
    expect(await readRegistryUsage(deps, basicId)).toEqual({ stacks: [{ swarmId: 'swarm-registry-usage', stackName: 'shop', services: ['web'] }] });
    expect(await removeRegistry(deps, admin.actor, basicId)).toEqual({ stacks: [{ swarmId: 'swarm-registry-usage', stackName: 'shop', services: ['web'] }] });
    expect(await deps.db.registry.count({ where: { id: basicId } })).toBe(0);
  });
});

describe('Amazon ECR, against the lab stand-in for its API', () => {
  // After the browsing tests removed the htpasswd registry's row: the stand-in's tokens are good at
  // that same registry, and an address is one registry in Wharf.
  const before = process.env.WHARF_ECR_API_URL;
  beforeAll(() => {
    process.env.WHARF_ECR_API_URL = lab.ecr!.url;
  });
  afterAll(() => {
    if (before === undefined) delete process.env.WHARF_ECR_API_URL;
    else process.env.WHARF_ECR_API_URL = before;
  });
  const ecrForm = (more: Partial<RegistryForm> = {}): RegistryForm => {
    const e = lab.ecr!;
    return registryFormSchema.parse({ name: `bad-ecr-${unique()}`, kind: 'ecr', region: e.region, username: e.accessKeyId, secret: e.secretAccessKey, ...more });
  };
  const nothingSaved = async () => expect(await deps.db.registry.count({ where: { kind: 'ecr' } })).toBe(0);

  it('an access key id AWS does not know is named on the access key id', async () => {
    const error = await rejection(addRegistry(deps, admin.actor, ecrForm({ username: 'AKIAWHARFUNKNOWN0000' })));
    expect(fieldOf(error)).toEqual(['username']);
    expect(error.message).toBe('AWS does not know the access key id AKIAWHARFUNKNOWN0000: check it, and that the key is active.');
    await nothingSaved();
  });

  it('a wrong secret access key is named on the secret key (the signature does not match)', async () => {
    const error = await rejection(testRegistry(deps, admin.actor, ecrForm({ secret: 'not-the-secret-access-key' })));
    expect(fieldOf(error)).toEqual(['secret']);
    expect(error.message).toBe(`AWS refused the signature made with the secret access key: it is not the secret key of ${lab.ecr!.accessKeyId}.`);
    await nothingSaved();
  });

  it('a key pair used in another region is named on the region', async () => {
    const error = await rejection(addRegistry(deps, admin.actor, ecrForm({ region: 'us-east-1' })));
    expect(fieldOf(error)).toEqual(['region']);
    expect(error.message).toMatch(/^AWS refused the key pair for region us-east-1: Credential should be scoped to a valid region/);
    await nothingSaved();
  });

  it('an ECR API that cannot be reached is said so on the region', async () => {
    process.env.WHARF_ECR_API_URL = `http://${lab.ecr!.host}:5999`;
    try {
      const error = await rejection(addRegistry(deps, admin.actor, ecrForm()));
      expect(fieldOf(error)).toEqual(['region']);
      expect(error.message).toMatch(new RegExp(`^The Amazon ECR API at http://${lab.ecr!.host.replace(/\./g, '\\.')}:5999 could not be reached: `));
    } finally {
      process.env.WHARF_ECR_API_URL = lab.ecr!.url;
    }
    await nothingSaved();
  });

  it('a secret access key is needed to add one', async () => {
    const error = await rejection(addRegistry(deps, admin.actor, ecrForm({ secret: '' })));
    expect(fieldOf(error)).toEqual(['secret']);
    await nothingSaved();
  });

  it('adds the registry: its address from the token, the secret key sealed and never returned, browsed with the token as AWS', async () => {
    const e = lab.ecr!;
    const view = await addRegistry(deps, admin.actor, ecrForm({ name: `lab-ecr-${unique()}` }));
    expect(view).toMatchObject({ kind: 'ecr', address: e.registry, plainHttp: true, region: e.region, username: e.accessKeyId, hasSecret: true });
    expect(JSON.stringify(view)).not.toContain(e.secretAccessKey);
    const row = await deps.db.registry.findUniqueOrThrow({ where: { id: view.id } });
    expect(row.secretSealed).not.toContain(e.secretAccessKey);
    expect(open(deps.keyring, row.secretSealed!, registrySecretContext(row.id))).toBe(e.secretAccessKey);
    expect((await listRepositories(deps, view.id, null)).repositories).toEqual(expect.arrayContaining(['lab/busybox']));
    expect((await listTags(deps, view.id, 'lab/busybox', null)).tags.length).toBeGreaterThan(0);
    // An edit with the secret left empty keeps the saved key.
    expect((await updateRegistry(deps, admin.actor, view.id, ecrForm({ name: view.name, secret: '' }))).hasSecret).toBe(true);
    await removeRegistry(deps, admin.actor, view.id);
  });

  it('keeps a token while it is fresh and asks for a new one before it expires', async () => {
    const e = lab.ecr!;
    const owner = {};
    const keys = { region: e.region, accessKeyId: e.accessKeyId, secretAccessKey: e.secretAccessKey };
    const first = await ecrLogin(owner, keys);
    expect(first.username).toBe('AWS');
    expect(first.proxyEndpoint.host).toBe(e.registry);
    expect(await ecrLogin(owner, keys)).toBe(first);
    const later = await ecrLogin(owner, keys, first.expiresAt - ECR_REFRESH_MARGIN_MS);
    expect(later).not.toBe(first);
    expect(later.expiresAt).toBeGreaterThanOrEqual(first.expiresAt);
  });
});
