// The REST API and its tokens on real Postgres and the lab's engines (issue 14; docs/security.md,
// "API tokens and the REST API"): a token resolves to the same Actor a session gives, narrowed when
// it was narrowed; it stops when revoked, expired or when its owner is disabled; audit rows name
// it. /api/v1 requests go through the API door itself (serveApi, what the console's handler calls) to
// the same services as the console's actions, on a real swarm and real containers.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession } from '@/lib/auth/session-store.ts';
import { serveApi } from '@/lib/http/api/api-door.ts';
import { API_ENDPOINTS } from '@/lib/http/api/endpoints.ts';
import { openApiDocument } from '@/lib/http/api/openapi.ts';
import { matchRoute } from '@/lib/http/api/route-match.ts';
import type { Inventory } from '@/lib/services/inventory/inventory.ts';
import { actorOfBearer, TOKEN_MALFORMED, TOKEN_MISSING, TOKEN_UNKNOWN } from '@/lib/auth/api-token-store.ts';
import { authorize } from '@/lib/auth/authorize.ts';
import { msg } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { createApiToken, listApiTokens, revokeApiToken } from '@/lib/services/api-tokens/manage-api-tokens.ts';
import { createTeam } from '@/lib/services/access/manage-teams.ts';
import { listHosts } from '@/lib/services/hosts/read-hosts.ts';
import { createTestDeps, labState, registerLabHost, removeTestContainers, seedUser, type TestDeps } from '../support/integration.ts';
import { auditLines } from '../support/audit-rows.ts';
import { oneManagerSwarm, refusal } from '../support/security-lab.ts';
import { leaveAllSwarms } from '../support/swarm-lab.ts';
import { registryFormSchema } from '@/lib/schemas/registries.ts';
import { createRole } from '@/lib/services/access/manage-roles.ts';
import { cancelProvision } from '@/lib/services/hosts/provision/control-provision.ts';
import { ProvisionRunner } from '@/lib/services/hosts/provision/provision-runner.ts';
import { startProvision } from '@/lib/services/hosts/provision/start-provision.ts';
import { createChannel } from '@/lib/services/notifications/manage-channels.ts';
import { addRegistry } from '@/lib/services/registries/save-registry.ts';
import { basicRegistry, createLabGitRepo, labGitServer, labGitUrl, pushLabImage } from '@/scripts/lab/index.ts';
import { createGitStack } from '@/lib/services/stacks/git/save-git-source.ts';
import { createGitStackSchema } from '@/lib/schemas/git-stacks.ts';
import { waitFor } from '../support/wait-for.ts';

const lab = labState();
const [l1, l2] = lab.hosts;
type ApiTestDeps = TestDeps & { provisioner: ProvisionRunner; dataDir: string };
let deps: ApiTestDeps;
let admin: Awaited<ReturnType<typeof seedUser>>;
let h1: string;
let h2: string;
let swarmId: string;
let inventory: Inventory;
let adminToken: string;
const LABEL = 'api';
const docker = new Dockerode({ socketPath: l1.socket });

const bearer = (token: string) => `Bearer ${token}`;

type Answer = { status: number; body: Record<string, unknown> & { items?: Record<string, unknown>[]; nextCursor?: string | null } };

/** One /api/v1 request through the API door, as the route handler makes it. */
async function api(method: string, path: string, options: { token?: string | null; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
  const token = options.token === undefined ? adminToken : options.token;
  const headers: Record<string, string> = { ...(token ? { authorization: bearer(token) } : {}), ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...options.headers };
  const request = new Request(`http://wharf.test/api/v1${path}`, { method, headers, body: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body) });
  const segments = new URL(request.url).pathname.split('/').slice(3).filter(Boolean).map(decodeURIComponent);
  const response = await serveApi(deps, API_ENDPOINTS, request, segments);
  return { status: response.status, body: (await response.json()) as Answer['body'] };
}

const compose = (command: string) => `services:\n  app:\n    image: ${lab.image}\n    command: ["sh", "-c", "${command}"]\n`;

beforeAll(async () => {
  await removeTestContainers(docker, LABEL);
  const base = await createTestDeps('api');
  const dataDir = await mkdtemp(path.join(tmpdir(), 'wharf-api-'));
  deps = { ...base, dataDir, provisioner: new ProvisionRunner({ db: base.db, keyring: base.keyring, changes: base.changes, dataDir }, base.drivers) };
  admin = await seedUser(deps.db, 'admin');
  ({ hostId: h1, swarmId, inventory } = await oneManagerSwarm(deps, admin.actor, l1, lab.hosts.map((h) => h.socket)));
  h2 = await registerLabHost(deps, admin.actor, l2);
  adminToken = (await createApiToken(deps, admin.actor, { name: 'admin-ci', expiresInDays: 1 })).token;
}, 120_000);

afterAll(async () => {
  await removeTestContainers(docker, LABEL);
  inventory?.stop();
  await leaveAllSwarms([l1.socket]);
  await deps?.provisioner.close();
  await deps?.close();
  if (deps) await rm(deps.dataDir, { recursive: true, force: true });
}, 120_000);

describe('API tokens', () => {
  it('a token resolves to its owner with the same grants a session gives, and its last use is recorded', async () => {
    const created = await createApiToken(deps, admin.actor, { name: 'full', expiresInDays: 30 });
    expect(created.token).toMatch(/^wharf_pat_/);
    const stored = await deps.db.apiToken.findUniqueOrThrow({ where: { id: created.id } });
    expect(stored.tokenHash).not.toContain(created.token);
    const actor = await actorOfBearer(deps.db, bearer(created.token), '10.0.0.9');
    expect(actor).toMatchObject({ id: admin.id, username: admin.username, role: 'admin', token: { id: created.id, name: 'full' }, ip: '10.0.0.9' });
    expect((await listHosts(deps, actor)).map((h) => h.id).sort()).toEqual([h1, h2].sort());
    const listed = await listApiTokens(deps, admin.actor);
    expect(listed.find((t) => t.id === created.id)).toMatchObject({ name: 'full', rights: { kind: 'own' }, lastUsedIp: '10.0.0.9' });
    expect(JSON.stringify(listed)).not.toContain(created.token);
  });

  it('a narrowed token does only what both its owner and its narrowing allow (a 403 that is audited naming the token)', async () => {
    const created = await createApiToken(deps, admin.actor, { name: 'view-h1', expiresInDays: 7, narrow: { role: 'viewer', scope: { type: 'host', id: h1 } } });
    const actor = await actorOfBearer(deps.db, bearer(created.token), null);
    expect((await listHosts(deps, actor)).map((h) => h.id)).toEqual([h1]);
    const denied = await refusal(authorize(deps.db, actor, 'container.manage', { type: 'host', id: h1 }));
    expect(denied.code).toBe('FORBIDDEN');
    const rows = await auditLines(deps.db, { actorId: admin.id, result: 'denied', action: 'container.manage' });
    expect(rows.at(-1)).toMatchObject({ actorName: `${admin.username} (token view-h1)`, targetId: h1 });
  });

  it('a token cannot be narrowed beyond its owner\'s rights (the delegation rule of grants)', async () => {
    const viewer = await seedUser(deps.db, 'viewer');
    const refused = await refusal(createApiToken(deps, viewer.actor, { name: 'too-wide', expiresInDays: 7, narrow: { role: 'operator', scope: { type: 'host', id: h1 } } }));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/cannot narrow a token to Operator on/);
    expect(await deps.db.apiToken.count({ where: { userId: viewer.id } })).toBe(0);
  });

  it('creating and revoking are audited with the token\'s name; a revoked token is refused at once', async () => {
    const created = await createApiToken(deps, admin.actor, { name: 'to-revoke', expiresInDays: 1 });
    await actorOfBearer(deps.db, bearer(created.token), null);
    await revokeApiToken(deps, admin.actor, { tokenId: created.id });
    expect((await refusal(actorOfBearer(deps.db, bearer(created.token), null))).message).toBe(renderMessage(TOKEN_UNKNOWN));
    const lines = await auditLines(deps.db, { actorId: admin.id, targetName: 'to-revoke' });
    expect(lines.map((l) => [l.action, l.result])).toEqual([['api-token.create', 'succeeded'], ['api-token.revoke', 'succeeded']]);
  });

  it('another user cannot revoke my token (it answers as missing)', async () => {
    const created = await createApiToken(deps, admin.actor, { name: 'mine', expiresInDays: 1 });
    const other = await seedUser(deps.db, 'admin');
    expect((await refusal(revokeApiToken(deps, other.actor, { tokenId: created.id }))).code).toBe('NOT_FOUND');
    await actorOfBearer(deps.db, bearer(created.token), null);
  });

  it('an expired token, a disabled owner\'s token, a malformed header and no header are each refused with why', async () => {
    const past = new Date(Date.now() - 2 * 86_400_000);
    const expired = await createApiToken(deps, admin.actor, { name: 'expired', expiresInDays: 1 }, past);
    const e = await refusal(actorOfBearer(deps.db, bearer(expired.token), null));
    expect([e.code, e.message]).toEqual(['UNAUTHENTICATED', expect.stringMatching(/\("expired"\) expired on/)]);

    const owner = await seedUser(deps.db, 'operator');
    const theirs = await createApiToken(deps, owner.actor, { name: 'ci', expiresInDays: 30 });
    await actorOfBearer(deps.db, bearer(theirs.token), null);
    await deps.db.user.update({ where: { id: owner.id }, data: { disabled: true } });
    expect((await refusal(actorOfBearer(deps.db, bearer(theirs.token), null))).message).toMatch(/is disabled/);

    expect((await refusal(actorOfBearer(deps.db, 'Bearer not-a-token', null))).message).toBe(renderMessage(TOKEN_MALFORMED));
    expect((await refusal(actorOfBearer(deps.db, `Basic ${theirs.token}`, null))).message).toBe(renderMessage(TOKEN_MALFORMED));
    expect((await refusal(actorOfBearer(deps.db, null, null))).message).toBe(renderMessage(TOKEN_MISSING));
    expect((await refusal(actorOfBearer(deps.db, bearer(`wharf_pat_${'x'.repeat(43)}`), null))).message).toBe(renderMessage(TOKEN_UNKNOWN));
  });

  it('a token cannot make or revoke tokens', async () => {
    const created = await createApiToken(deps, admin.actor, { name: 'no-tokens', expiresInDays: 1 });
    const actor = await actorOfBearer(deps.db, bearer(created.token), null);
    expect((await refusal(createApiToken(deps, actor, { name: 'child', expiresInDays: 1 }))).code).toBe('FORBIDDEN');
    expect((await refusal(revokeApiToken(deps, actor, { tokenId: created.id }))).code).toBe('FORBIDDEN');
  });
});

describe('REST API /api/v1', () => {
  it('lists hosts in pages, each page with the cursor of the next', async () => {
    const first = await api('GET', '/hosts?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toBe('1');
    const second = await api('GET', `/hosts?limit=1&cursor=${first.body.nextCursor}`);
    expect(second.body.nextCursor).toBeNull();
    expect([first.body.items![0]!.id, second.body.items![0]!.id].sort()).toEqual([h1, h2].sort());
    expect((await api('GET', `/hosts/${h2}`)).body).toMatchObject({ id: h2, name: l2.name });
  });

  it('401: no token, a malformed one, a revoked one, an expired one, and a browser session cookie (never accepted here)', async () => {
    const noToken = await api('GET', '/hosts', { token: null });
    expect([noToken.status, noToken.body.code]).toEqual([401, 'UNAUTHENTICATED']);
    expect((await api('GET', '/hosts', { token: null, headers: { authorization: 'Bearer abc' } })).body.message).toBe(renderMessage(TOKEN_MALFORMED));
    const revoked = await createApiToken(deps, admin.actor, { name: 'api-revoked', expiresInDays: 1 });
    await revokeApiToken(deps, admin.actor, { tokenId: revoked.id });
    expect((await api('GET', '/hosts', { token: revoked.token })).status).toBe(401);
    const expired = await createApiToken(deps, admin.actor, { name: 'api-expired', expiresInDays: 1 }, new Date(Date.now() - 3 * 86_400_000));
    expect((await api('GET', '/hosts', { token: expired.token })).status).toBe(401);
    const { token: cookie } = await createSession(deps.db, admin.id, { hours: 1, ip: null, userAgent: null });
    const withCookie = await api('POST', `/hosts/${h1}/containers/${'a'.repeat(64)}/stop`, { token: null, headers: { cookie: `wharf.session=${cookie}` } });
    expect(withCookie.status).toBe(401);
    // An unknown path says nothing to a caller without a token.
    expect((await api('GET', '/no-such-thing', { token: null })).status).toBe(401);
    expect((await api('GET', '/no-such-thing')).status).toBe(404);
  });

  it('400 names the field that failed, for a body, a query and a path parameter', async () => {
    const noFile = await api('PUT', `/swarms/${swarmId}/stacks/api-web`, { body: {} });
    expect([noFile.status, noFile.body.code, noFile.body.field]).toEqual([400, 'INVALID_INPUT', 'composeText']);
    const badJson = await api('PUT', `/swarms/${swarmId}/stacks/api-web`, { body: '{not json' });
    expect([badJson.status, badJson.body.message]).toEqual([400, 'The request body is not JSON.']);
    const badLimit = await api('GET', '/hosts?limit=9999');
    expect([badLimit.status, badLimit.body.field]).toEqual([400, 'limit']);
    const badName = await api('GET', `/swarms/${swarmId}/stacks/Bad_Name`);
    expect([badName.status, badName.body.field]).toEqual([400, 'stackName']);
    const wrongMethod = await api('POST', '/hosts');
    expect(wrongMethod.status).toBe(400);
    // Errors are said in the caller's language: their profile's, else Accept-Language.
    const chinese = await api('PUT', `/swarms/${swarmId}/stacks/api-web`, { body: '{not json', headers: { 'accept-language': 'zh-CN' } });
    expect(chinese.body.message).toBe(renderMessage(msg('apiTokens.api.notJson'), 'zh-CN'));
  });

  it('a narrowed token reads only its scope, and a change outside its rights is 403 and audited naming the token', async () => {
    const narrowed = await createApiToken(deps, admin.actor, { name: 'h1-viewer', expiresInDays: 1, narrow: { role: 'viewer', scope: { type: 'host', id: h1 } } });
    const listed = await api('GET', '/hosts', { token: narrowed.token });
    expect(listed.body.items!.map((h) => h.id)).toEqual([h1]);
    expect((await api('GET', `/hosts/${h2}`, { token: narrowed.token })).status).toBe(403);
    const c = await docker.createContainer({ Image: lab.image, Cmd: ['sleep', '600'], Labels: { 'wharf.test': LABEL }, StopTimeout: 1 });
    await c.start();
    const refused = await api('POST', `/hosts/${h1}/containers/${c.id}/stop`, { token: narrowed.token });
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    expect((await c.inspect()).State.Running).toBe(true);
    const denial = (await auditLines(deps.db, { actorId: admin.id, action: 'container.manage', result: 'denied' })).at(-1);
    expect(denial).toMatchObject({ actorName: `${admin.username} (token h1-viewer)`, targetId: h1 });
  });

  it('containers: list, read, stop, start, restart and remove through the same services as the console, audited naming the token', async () => {
    const c = await docker.createContainer({ Image: lab.image, Cmd: ['sleep', '600'], Labels: { 'wharf.test': LABEL }, StopTimeout: 1, name: `wharf-api-${Date.now()}` });
    await c.start();
    const listed = await api('GET', `/hosts/${h1}/containers?limit=500`);
    expect(listed.status).toBe(200);
    expect(listed.body.items!.some((row) => row.id === c.id)).toBe(true);
    expect((await api('GET', `/hosts/${h1}/containers/${c.id}`)).body).toMatchObject({ id: c.id });
    expect((await api('POST', `/hosts/${h1}/containers/${c.id}/stop`)).body).toMatchObject({ changed: true });
    expect((await c.inspect()).State.Running).toBe(false);
    expect((await api('POST', `/hosts/${h1}/containers/${c.id}/start`)).status).toBe(200);
    expect((await api('POST', `/hosts/${h1}/containers/${c.id}/restart`)).status).toBe(200);
    expect((await c.inspect()).State.Running).toBe(true);
    const running = await api('DELETE', `/hosts/${h1}/containers/${c.id}`);
    expect(running.status).toBeGreaterThanOrEqual(400);
    expect((await api('DELETE', `/hosts/${h1}/containers/${c.id}?force=true`)).status).toBe(200);
    await expect(c.inspect()).rejects.toThrow();
    const actions = (await auditLines(deps.db, { actorId: admin.id, targetType: 'container' })).filter((l) => l.actorName === `${admin.username} (token admin-ci)`).map((l) => l.action);
    expect(actions).toEqual(expect.arrayContaining(['container.stop', 'container.start', 'container.restart', 'container.remove']));
  });

  it('a pull job is polled, or waited for with ?wait= until it ends; a wait beyond 30 s is a 400 naming the field', async () => {
    // The lab's registry refuses anonymous pulls at once, so the job ends (failed) while the poll waits.
    const started = await api('POST', `/hosts/${h1}/images/pulls`, { body: { image: `${lab.registry!.url}/api-wait/none:1.0` } });
    expect(started.status).toBe(201);
    const path = `/hosts/${h1}/images/pulls/${String(started.body.id)}`;
    const waited = await api('GET', `${path}?wait=20000`);
    expect(waited.status).toBe(200);
    expect(waited.body.finishedAt).not.toBeNull();
    expect(waited.body.progress).toMatchObject({ state: 'failed' });
    const tooLong = await api('GET', `${path}?wait=40000`);
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ code: 'INVALID_INPUT', field: 'wait' });
    expect((await api('GET', path)).body.finishedAt).toBe(waited.body.finishedAt);
  });

  it('swarms, nodes, stacks (deploy, update, remove), services and tasks', async () => {
    expect((await api('GET', '/swarms')).body.items!.map((s) => s.id)).toEqual([swarmId]);
    expect((await api('GET', `/swarms/${swarmId}`)).body).toMatchObject({ health: 'ok' });
    const nodes = await api('GET', `/swarms/${swarmId}/nodes`);
    expect(nodes.body.items).toHaveLength(1);
    expect((await api('GET', `/swarms/${swarmId}/nodes/${nodes.body.items![0]!.id}`)).body).toMatchObject({ node: { role: 'manager' } });

    const deployed = await api('PUT', `/swarms/${swarmId}/stacks/api-web`, { body: { composeText: compose('sleep 600') } });
    expect([deployed.status, deployed.body.revision]).toEqual([200, 1]);
    // A key swarm ignores comes back as a warning at its line, said in the caller's language.
    const updated = await api('PUT', `/swarms/${swarmId}/stacks/api-web`, { body: { composeText: `${compose('sleep 700')}    container_name: ignored\n` }, headers: { 'accept-language': 'zh-CN' } });
    expect(updated.body).toMatchObject({ revision: 2, updated: ['service api-web_app'] });
    expect(updated.body.warnings).toEqual([{ severity: 'warning', path: 'services.app.container_name', line: 5, column: 5, message: '已忽略“container_name”：不支持设置容器名称。' }]);
    const stack = await api('GET', `/swarms/${swarmId}/stacks/api-web`);
    expect(stack.body.revisions).toHaveLength(2);
    expect((stack.body.revisions as { createdByName: string }[])[0]!.createdByName).toBe(admin.username);
    expect((await api('GET', `/swarms/${swarmId}/stacks`)).body.items!.map((s) => s.name)).toEqual(['api-web']);
    const services = await api('GET', `/swarms/${swarmId}/services`);
    const service = services.body.items!.find((s) => s.name === 'api-web_app')!;
    expect((await api('GET', `/swarms/${swarmId}/services/${service.id}`)).body).toMatchObject({ service: { name: 'api-web_app' } });
    await waitFor(async () => ((await api('GET', `/swarms/${swarmId}/services/${service.id}/tasks`)).body.items ?? []).length > 0 || undefined, { timeoutMs: 60_000, what: 'a task of api-web_app' });

    // The workload policy holds for the API as for the console: an operator's privileged service is refused, nothing deployed.
    const operator = await seedUser(deps.db, 'operator');
    const operatorToken = (await createApiToken(deps, operator.actor, { name: 'ops', expiresInDays: 1 })).token;
    const privileged = await api('PUT', `/swarms/${swarmId}/stacks/api-web`, { token: operatorToken, body: { composeText: `${compose('sleep 600')}    privileged: true\n` } });
    expect(privileged.status).toBeGreaterThanOrEqual(400);
    expect(privileged.body.message).toMatch(/privileged/i);
    expect((await api('GET', `/swarms/${swarmId}/stacks/api-web`)).body.revisions).toHaveLength(2);

    const unconfirmed = await api('DELETE', `/swarms/${swarmId}/stacks/api-web?confirmName=other`);
    expect(unconfirmed.status).toBeGreaterThanOrEqual(400);
    expect((await api('DELETE', `/swarms/${swarmId}/stacks/api-web?confirmName=api-web`)).body).toMatchObject({ removed: expect.arrayContaining([expect.stringContaining('api-web_app')]) });
  });

  it('services: scale, change image, redeploy and roll back reach the swarm; stacks roll back to a revision as a new one', async () => {
    await api('PUT', `/swarms/${swarmId}/stacks/api-svc`, { body: { composeText: compose('sleep 600') } });
    await api('PUT', `/swarms/${swarmId}/stacks/api-svc`, { body: { composeText: compose('sleep 700') } });
    const service = (await api('GET', `/swarms/${swarmId}/services`)).body.items!.find((s) => s.name === 'api-svc_app')!;
    const at = `/swarms/${swarmId}/services/${service.id}`;
    const spec = async () => (await docker.getService(String(service.id)).inspect()).Spec as { Mode: { Replicated: { Replicas: number } }; TaskTemplate: { ForceUpdate?: number; ContainerSpec: { Image: string } } };
    expect((await api('POST', `${at}/scale`, { body: { replicas: 2 } })).body).toEqual({ warnings: expect.any(Array) });
    expect((await spec()).Mode.Replicated.Replicas).toBe(2);
    const before = (await spec()).TaskTemplate.ForceUpdate ?? 0;
    expect((await api('POST', `${at}/redeploy`)).status).toBe(200);
    expect((await spec()).TaskTemplate.ForceUpdate).toBe(before + 1);
    expect((await api('POST', `${at}/rollback`)).status).toBe(200);
    const badImage = await api('POST', `${at}/image`, { body: { image: '-bad' } });
    expect([badImage.status, badImage.body.field]).toEqual([400, 'image']);
    const rolled = await api('POST', `/swarms/${swarmId}/stacks/api-svc/rollback`, { body: { toRevision: 1 } });
    expect(rolled.body).toMatchObject({ revision: 3 });
    expect((await api('GET', `/swarms/${swarmId}/stacks/api-svc/revisions/3`)).body).toMatchObject({ number: 3, restoredFrom: 1, composeText: compose('sleep 600') });
    expect((await api('GET', `/swarms/${swarmId}/stacks/api-svc/revisions/9`)).status).toBe(404);
    const actions = (await auditLines(deps.db, { actorId: admin.id, targetId: String(service.id) })).map((l) => [l.action, l.actorName]);
    expect(actions).toEqual(expect.arrayContaining([['service.scale', `${admin.username} (token admin-ci)`], ['service.force-update', `${admin.username} (token admin-ci)`]]));
    await api('DELETE', `/swarms/${swarmId}/stacks/api-svc?confirmName=api-svc`);
  }, 120_000);

  it('secrets are made and removed but never read back; administration needs an administrator', async () => {
    const made = await api('POST', `/swarms/${swarmId}/secrets`, { body: { name: 'api-secret', data: 'hunter2-value' } });
    expect(made.status).toBe(201);
    const listed = await api('GET', `/swarms/${swarmId}/secrets`);
    expect(listed.body.items!.map((o) => o.name)).toContain('api-secret');
    expect(JSON.stringify(listed.body)).not.toContain('hunter2-value');
    expect((await api('POST', `/swarms/${swarmId}/secrets`, { body: { name: 'api-secret', data: 'x' } })).status).toBe(409);
    expect((await api('DELETE', `/swarms/${swarmId}/secrets/${made.body.id}`)).status).toBe(200);

    const operator = await seedUser(deps.db, 'operator');
    const theirs = (await createApiToken(deps, operator.actor, { name: 'ops-admin', expiresInDays: 1 })).token;
    expect((await api('GET', '/users', { token: theirs })).status).toBe(403);
    const refused = await api('POST', '/grants', { token: theirs, body: { subject: { type: 'user', id: operator.id }, role: 'admin', scope: { type: 'global' } } });
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(await deps.db.grant.count({ where: { userId: operator.id } })).toBe(0);
    expect((await api('GET', '/users')).body.items!.map((u) => u.id)).toContain(operator.id);
  });

  it('the audit log pages by cursor, and a user without audit.view reads only their own rows', async () => {
    const first = await api('GET', '/audit?limit=2');
    expect(first.body.items).toHaveLength(2);
    const second = await api('GET', `/audit?limit=2&cursor=${first.body.nextCursor}`);
    expect(Number(second.body.items![0]!.id)).toBeLessThan(Number(first.body.items![1]!.id));
    expect((await api('GET', `/audit?actor=${admin.username}&action=container&limit=200`)).body.items!.some((e) => e.actorName === `${admin.username} (token admin-ci)`)).toBe(true);
    const viewer = await seedUser(deps.db, 'viewer');
    const theirs = await createApiToken(deps, viewer.actor, { name: 'mine', expiresInDays: 1 });
    const rows = (await api('GET', '/audit?limit=200', { token: theirs.token })).body.items!;
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((e) => e.actorId === viewer.id)).toBe(true);
  });
});

describe('the OpenAPI document is the contract', () => {
  type Operation = { operationId: string; parameters: { name: string; in: string }[]; responses: Record<string, { content?: { 'application/json': { schema: object } } }> };
  const doc = openApiDocument(API_ENDPOINTS, 'test') as { openapi: string; paths: Record<string, Record<string, Operation>>; components: object };
  const ajv = new Ajv2020({ strict: false, allErrors: true });
  const operations = Object.entries(doc.paths).flatMap(([path, methods]) => Object.entries(methods).map(([method, op]) => ({ path, method: method.toUpperCase(), op })));

  /** The answer must have a documented status, and its body the schema documented for that status. */
  function conforms(where: string, op: Operation, answer: Answer): void {
    const documented = op.responses[String(answer.status)];
    expect(documented, `${where} answered ${answer.status}, which is not documented: ${JSON.stringify(answer.body).slice(0, 300)}`).toBeDefined();
    const validate = ajv.compile({ ...documented!.content!['application/json'].schema, components: doc.components });
    expect(validate(answer.body), `${where} (${answer.status}) does not match its schema: ${ajv.errorsText(validate.errors)}`).toBe(true);
  }

  it('documents exactly the routes the API serves, and no route file under /api/v1 but the document (the door answers ahead of Next.js)', async () => {
    expect(doc.openapi).toBe('3.1.0');
    const files = (await readdir('app/api/v1', { recursive: true })).filter((f) => f.endsWith('.ts')).sort();
    expect(files).toEqual(['openapi.json/route.ts']);
    for (const { path, method } of operations) {
      const segments = path.split('/').filter(Boolean).map((s) => (s.startsWith('{') ? 'x' : s));
      expect(matchRoute(API_ENDPOINTS, method, segments).kind, `${method} ${path}`).toBe('found');
    }
    expect(API_ENDPOINTS.map((e) => `${e.method} ${e.path}`).sort()).toEqual(operations.map((o) => `${o.method} ${o.path}`).sort());
  });

  it('every documented operation answers valid and invalid input with a documented status and schema', async () => {
    const c = await docker.createContainer({ Image: lab.image, Cmd: ['sleep', '600'], Labels: { 'wharf.test': LABEL }, StopTimeout: 1 });
    await c.start();
    const stackName = 'contract';
    // Objects for the removals: an image of its own (a commit of the container), a volume, a network, a team.
    const imageId = String((await c.commit({ repo: 'wharf-api-contract', tag: String(Date.now()) })).Id).replace(/^sha256:/, '');
    const volume = await docker.createVolume({ Name: `wharf-api-contract-${Date.now()}`, Labels: { 'wharf.test': LABEL } });
    const network = await docker.createNetwork({ Name: `wharf-api-contract-${Date.now()}`, Labels: { 'wharf.test': LABEL } });
    const team = await createTeam(deps, admin.actor, { name: `contract-${Date.now()}` });
    const other = await seedUser(deps.db, 'viewer');
    // A registry of the lab's with a repository of its own (its tag is deleted by digest at the end).
    const repository = `api/contract-${Date.now().toString(36)}`;
    const registryTag = '1.0';
    const digest = await pushLabImage(lab, basicRegistry(lab.registry), repository, registryTag, `api-contract-${Date.now()}`);
    const registryForm = (name: string) => ({ name, kind: 'v2-basic', address: lab.registry.url, plainHttp: true, username: lab.registry.username, secret: lab.registry.password });
    const registry = await addRegistry(deps, admin.actor, registryFormSchema.parse(registryForm(`api-contract-${Date.now()}`)));
    // A receiver on this machine for the channels (an administrator holds host.local).
    const receiver = http.createServer((req, res) => req.resume().on('end', () => res.writeHead(200).end('ok')));
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const channel = await createChannel(deps, admin.actor, { name: `contract-${Date.now()}`, kind: 'webhook', url: receiverUrl, secret: '', generateSecret: true });
    const ruleChannel = await createChannel(deps, admin.actor, { name: `contract-rules-${Date.now()}`, kind: 'webhook', url: receiverUrl, secret: '', generateSecret: false });
    const roleName = `contract-${Date.now().toString(36)}`;
    const role = await createRole(deps, admin.actor, { name: roleName, permissions: ['host.view'] });
    // A provisioning run to a machine that never answers: read, cancelled, then retried by the walk.
    const privateKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({ type: 'pkcs1', format: 'pem' }).toString();
    const run = await startProvision(deps, admin.actor, { driver: 'generic', name: `contract-run-${Date.now().toString(36)}`, description: '', address: '10.99.0.97', port: 22, username: 'root', privateKey });
    const runs = [run.jobId];
    // A stack that follows a repository of the lab's git server (the private one: its token must never be answered).
    const git = lab.git ?? (await labGitServer(lab.dir));
    const gitRepo = `api-contract-${Date.now().toString(36)}`;
    await createLabGitRepo(git, gitRepo, { 'compose.yml': compose('sleep 600') });
    const gitForm = { url: labGitUrl(git, gitRepo, { private: true }), ref: 'main', composePath: 'compose.yml', pollSeconds: 3600 };
    const gitStackName = 'contract-git';
    const gitStack = await createGitStack(deps, admin.actor, createGitStackSchema.parse({ swarmId, stackName: gitStackName, token: git.token, ...gitForm }));
    const params: Record<string, string> = {
      hostId: h1, swarmId, stackName, containerId: c.id, imageId, name: volume.name, networkId: network.id, teamId: team.id, userId: other.id, number: '1',
      registryId: registry.id, tag: registryTag, channelId: channel.id, roleId: role.id,
    };
    const body: Record<string, unknown> = {
      deployStack: { composeText: compose('sleep 600') },
      rollbackStack: { toRevision: 1 },
      scaleService: { replicas: 2 },
      updateServiceImage: { image: lab.image },
      pullImage: { image: lab.image },
      createSecret: { name: 'contract-secret', data: 's3cret' },
      createConfig: { name: 'contract-config', data: 'key=value' },
      createUser: { username: `contract-${Date.now()}`, password: 'contract-password-123', role: 'viewer' },
      createGrant: { subject: { type: 'user', id: other.id }, role: 'viewer', scope: { type: 'host', id: h1 } },
      // Another address (one registry per address): the lab's bearer-token registry.
      createRegistry: { name: `api-contract-new-${Date.now()}`, kind: 'v2-bearer', address: lab.tokenRegistry!.url, plainHttp: true, username: lab.tokenRegistry!.username, secret: lab.tokenRegistry!.password },
      updateRegistry: { ...registryForm(registry.name), secret: '' },
      testRegistry: { ...registryForm(registry.name), secret: '' },
      retagImage: { repository, newTag: 'retagged' },
      pullFromRegistry: { hostId: h1, repository, tag: registryTag },
      startProvisionRun: { driver: 'generic', name: `contract-run2-${Date.now().toString(36)}`, address: '10.99.0.96', privateKey },
      createChannel: { name: `contract-new-${Date.now()}`, kind: 'slack', url: receiverUrl },
      updateChannel: { name: channel.name, kind: 'webhook' },
      createRule: { channelId: ruleChannel.id, events: ['update.available', 'deploy.failed'] },
      createRole: { name: `${roleName}-new`, permissions: ['host.view'] },
      updateRole: { name: roleName, permissions: ['host.view', 'swarm.view'] },
      addTeamMember: { lead: false },
      powerHostMachine: { action: 'restart' },
      createGitStack: { stackName: 'contract-git-new', ...gitForm, token: git.token },
      updateGitSource: { ...gitForm, autoApply: false, paused: false },
      applyGitStack: { commit: gitStack.commit },
      pauseGitStack: { paused: true },
    };
    const query: Record<string, string> = { removeStack: `confirmName=${stackName}`, removeContainer: 'force=true', listTags: `repository=${repository}`, deleteTag: `repository=${repository}&digest=${digest}` };
    // What a valid request answers when success needs what the lab has not: h1 is a registered engine, not a machine Wharf provisioned.
    const expectedStatus: Record<string, number> = { powerHostMachine: 412 };
    // Path parameters an earlier answer gives: the ids of what the POSTs created.
    const created: Record<string, string> = {
      ...Object.fromEntries(['getProvisionRun', 'cancelProvisionRun', 'retryProvisionRun'].map((op) => [`${op}.jobId`, run.jobId])),
      ...Object.fromEntries(['getGitSource', 'updateGitSource', 'checkGitStack', 'applyGitStack', 'pauseGitStack'].map((op) => [`${op}.stackName`, gitStackName])),
    };
    const idFrom: Record<string, [string, string]> = { createSecret: ['removeSecret', 'id'], createConfig: ['removeConfig', 'id'], createGrant: ['deleteGrant', 'grantId'], createRule: ['removeRule', 'ruleId'] };
    // Changes first (the stack must exist to be read), reads, then removals.
    const rank = (method: string) => ({ PUT: 0, POST: 2, GET: 1, DELETE: 3 })[method] ?? 4;
    // Removals of what is inside (a registry's tag) before what holds it (the registry).
    const depth = (path: string) => path.split('/').length;
    const ordered = [...operations].sort((a, b) => rank(a.method) - rank(b.method) || (a.method === 'DELETE' ? depth(b.path) - depth(a.path) : 0));
    for (const { path, method, op } of ordered) {
      if (path.includes('{serviceId}') && !params.serviceId) {
        params.serviceId = String((await api('GET', `/swarms/${swarmId}/services`)).body.items!.find((s) => s.stack === stackName)!.id);
      }
      if (path.includes('{nodeId}') && !params.nodeId) params.nodeId = String((await api('GET', `/swarms/${swarmId}/nodes`)).body.items![0]!.id);
      if (path.includes('{jobId}') && !params.jobId) params.jobId = String((await api('POST', `/hosts/${h1}/images/pulls`, { body: { image: lab.image } })).body.id);
      const fill = (name: string) => (created[`${op.operationId}.${name}`] ?? params[name])!;
      const url = path.replace(/\{(\w+)\}/g, (_, name: string) => fill(name));
      const valid = await api(method, `${url}${query[op.operationId] ? `?${query[op.operationId]}` : ''}`, { body: method === 'PUT' || method === 'POST' ? body[op.operationId] ?? {} : undefined });
      const expected = expectedStatus[op.operationId];
      if (expected) expect(valid.status, `${method} ${url}: ${JSON.stringify(valid.body).slice(0, 300)}`).toBe(expected);
      else expect(valid.status, `${method} ${url}: ${JSON.stringify(valid.body).slice(0, 300)}`).toBeLessThan(300);
      if (op.operationId === 'startProvisionRun') runs.push(String(valid.body.jobId));
      conforms(`${method} ${url}`, op, valid);
      const next = idFrom[op.operationId];
      if (next) created[`${next[0]}.${next[1]}`] = String(valid.body.id);

      // Invalid input: a malformed path id, else a page size out of range, else a value outside its enum.
      const first = op.parameters.find((p) => p.in === 'path');
      const invalidUrl = first ? path.replace(/\{(\w+)\}/g, (_, name: string) => (name === first.name ? 'NOT-valid_ID' : fill(name))) : path.includes('audit') ? `${path}?result=bogus` : `${path}?limit=0`;
      const invalid = await api(method, invalidUrl, { body: method === 'PUT' || method === 'POST' ? {} : undefined });
      expect([invalid.status, invalid.body.code], `${method} ${invalidUrl}`).toEqual([400, 'INVALID_INPUT']);
      conforms(`${method} ${invalidUrl}`, op, invalid);
    }
    // And without a token, every operation answers 401 as documented.
    for (const { path, method, op } of operations) conforms(`${method} ${path} without a token`, op, await api(method, path.replace(/\{(\w+)\}/g, (_, name: string) => params[name] ?? 'x'), { token: null }));
    // The removals happened on the engine, not only in the answers.
    await expect(docker.getImage(imageId).inspect()).rejects.toThrow();
    await expect(docker.getVolume(volume.name).inspect()).rejects.toThrow();
    await expect(network.inspect()).rejects.toThrow();
    expect(await deps.db.registry.count({ where: { id: registry.id } })).toBe(0);
    expect(await deps.db.role.count({ where: { id: role.id } })).toBe(0);
    // No answer carried a registry's password or a channel's URL beyond its hint.
    const everything = JSON.stringify((await api('GET', '/registries')).body) + JSON.stringify((await api('GET', '/notifications/channels')).body);
    expect(everything).not.toContain(lab.registry.password);
    expect(everything).not.toContain('/hook');
    // Nor a git stack's token; the stack made through the API follows its repository.
    const source = await api('GET', `/swarms/${swarmId}/stacks/${gitStackName}/git`);
    expect(source.body).toMatchObject({ hasToken: true, paused: true, deployedCommit: gitStack.commit });
    expect(JSON.stringify(source.body)).not.toContain(git.token);
    expect((await api('GET', `/swarms/${swarmId}/stacks/contract-git-new/git`)).body).toMatchObject({ hasToken: true, deployedCommit: gitStack.commit });
    expect(await deps.db.stackRevision.count({ where: { swarmId, stackName: gitStackName } })).toBe(2);
    for (const jobId of runs) await cancelProvision(deps, admin.actor, { jobId }).catch(() => {});
    receiver.close();
  }, 300_000);
});
