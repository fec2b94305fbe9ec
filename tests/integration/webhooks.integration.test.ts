// Inbound webhooks on real Postgres and a real swarm of the lab (issue 14; docs/security.md,
// "Inbound webhooks"): a webhook's secret URL redeploys its service (a forced update, or the image
// with a new tag) or its stack (the latest revision again, with new values of its variables), as
// its creator and named in the audit log; the secret is kept only as a hash; a wrong secret answers
// exactly as a deleted webhook does; calls are rate-limited; the workload policy judges what a
// webhook deploys. Requests go through the webhook door itself (serveWebhook, what the route calls).
import Dockerode from 'dockerode';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CLIENT_IP_HEADER } from '@/lib/http/client-address.ts';
import { RateWindow } from '@/lib/http/webhooks/rate-window.ts';
import { serveWebhook, type WebhookLimits } from '@/lib/http/webhooks/webhook-door.ts';
import { DEFAULT_RULES } from '@/lib/models/policies/policy-rules.ts';
import { policyRulesSchema } from '@/lib/schemas/policies.ts';
import type { Inventory } from '@/lib/services/inventory/inventory.ts';
import { attachPolicy, createPolicy, savePolicyVersion } from '@/lib/services/policy/manage-policies.ts';
import { deployStack } from '@/lib/services/stacks/deploy-stack.ts';
import { listSwarmServices } from '@/lib/services/swarm-services/manage-services.ts';
import { createWebhook, deleteWebhook, readWebhook } from '@/lib/services/webhooks/manage-webhooks.ts';
import { createTestDeps, labState, seedUser, type TestDeps } from '../support/integration.ts';
import { auditLines } from '../support/audit-rows.ts';
import { oneManagerSwarm, refusal } from '../support/security-lab.ts';
import { leaveAllSwarms } from '../support/swarm-lab.ts';

const lab = labState();
const [l1] = lab.hosts;
const docker = new Dockerode({ socketPath: l1.socket });
const run = randomBytes(3).toString('hex');
const newTag = `hook-${run}`;
let deps: TestDeps;
let admin: Awaited<ReturnType<typeof seedUser>>;
let swarmId: string;
let inventory: Inventory;

type Spec = { Mode: { Replicated: { Replicas: number } }; TaskTemplate: { ForceUpdate?: number; ContainerSpec: { Image: string } } };
const specOf = async (serviceId: string) => (await docker.getService(serviceId).inspect()).Spec as Spec;
const secretOf = (path: string) => path.replace('/api/hooks/', '');
const roomy = (): WebhookLimits => ({ perAddress: new RateWindow(1000, 60_000), perWebhook: new RateWindow(1000, 60_000) });

/** One POST through the webhook door, as the route handler makes it. */
async function hook(secret: string, body?: unknown, options: { limits?: WebhookLimits; ip?: string } = {}) {
  const request = new Request(`http://wharf.test/api/hooks/${secret}`, {
    method: 'POST',
    headers: { [CLIENT_IP_HEADER]: options.ip ?? '10.1.2.3', ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
  const response = await serveWebhook(deps, request, secret, options.limits ?? roomy());
  return { status: response.status, body: (await response.json()) as Record<string, unknown>, headers: response.headers };
}

const file = (image: string) => `services:\n  app:\n    image: ${image}\n    command: ["sleep", "3600"]\n`;

async function serviceOf(stackName: string): Promise<{ id: string; name: string }> {
  const { services } = await listSwarmServices(deps, swarmId);
  const found = services.find((s) => s.name === `${stackName}_app`);
  if (!found) throw new Error(`no service ${stackName}_app`);
  return found;
}

beforeAll(async () => {
  deps = await createTestDeps('webhooks');
  admin = await seedUser(deps.db, 'admin');
  ({ swarmId, inventory } = await oneManagerSwarm(deps, admin.actor, l1, [l1.socket]));
  const [repo, tag] = lab.image.split(':') as [string, string];
  await docker.getImage(`${repo}:${tag}`).tag({ repo, tag: newTag });
}, 120_000);

afterAll(async () => {
  inventory?.stop();
  await leaveAllSwarms([l1.socket]);
  await docker.getImage(`${lab.image.split(':')[0]}:${newTag}`).remove().catch(() => {});
  await deps?.close();
}, 120_000);

describe('a service webhook', () => {
  it('redeploys with no body and changes the image tag with one, as its creator and named in the audit log; only a hash of the secret is kept', async () => {
    await deployStack(deps, admin.actor, { swarmId, stackName: 'hooked', composeText: file(lab.image), variables: {}, files: {} });
    const service = await serviceOf('hooked');
    const created = await createWebhook(deps, admin.actor, { kind: 'service', swarmId, serviceId: service.id });
    expect(created.path).toMatch(/^\/api\/hooks\/wharf_hook_[A-Za-z0-9_-]{43}$/);
    const row = await deps.db.webhook.findUniqueOrThrow({ where: { id: created.id } });
    expect(JSON.stringify(row)).not.toContain(secretOf(created.path));
    expect(JSON.stringify(await readWebhook(deps, { kind: 'service', swarmId, serviceId: service.id }))).not.toContain(secretOf(created.path));

    const before = (await specOf(service.id)).TaskTemplate.ForceUpdate ?? 0;
    const redeployed = await hook(secretOf(created.path));
    expect([redeployed.status, redeployed.body]).toEqual([200, expect.objectContaining({ kind: 'service', name: 'hooked_app', image: null })]);
    expect((await specOf(service.id)).TaskTemplate.ForceUpdate).toBe(before + 1);

    const retagged = await hook(secretOf(created.path), { tag: newTag });
    expect(retagged.body).toMatchObject({ image: `${lab.image.split(':')[0]}:${newTag}` });
    expect((await specOf(service.id)).TaskTemplate.ContainerSpec.Image).toMatch(new RegExp(`^${lab.image.split(':')[0]}:${newTag}`));

    const lines = await auditLines(deps.db, { actorId: admin.id, targetId: service.id });
    expect(lines.filter((l) => l.actorName === `${admin.username} (webhook hooked_app)`).map((l) => [l.action, l.result])).toEqual([
      ['service.force-update', 'succeeded'],
      ['service.update-image', 'succeeded'],
    ]);
    expect(await readWebhook(deps, { kind: 'service', swarmId, serviceId: service.id })).toMatchObject({ lastUsedIp: '10.1.2.3', createdByName: admin.username });
  }, 60_000);

  it('a bad body is refused naming the field, and nothing changes', async () => {
    const service = await serviceOf('hooked');
    const { path } = await createWebhook(deps, admin.actor, { kind: 'service', swarmId, serviceId: service.id });
    const before = await specOf(service.id);
    const badTag = await hook(secretOf(path), { tag: '../other' });
    expect([badTag.status, badTag.body.field]).toEqual([400, 'tag']);
    expect((await hook(secretOf(path), { tag: 'x', extra: 1 })).status).toBe(400);
    expect((await hook(secretOf(path), '{not json')).status).toBe(400);
    expect((await hook(secretOf(path), { variables: { A: '1' } })).body.field).toBe('variables');
    expect(await specOf(service.id)).toEqual(before);
  });

  it('a wrong secret, a regenerated-away secret and a deleted webhook answer exactly alike (404), and change nothing', async () => {
    const service = await serviceOf('hooked');
    const target = { kind: 'service' as const, swarmId, serviceId: service.id };
    const old = secretOf((await createWebhook(deps, admin.actor, target)).path);
    const current = secretOf((await createWebhook(deps, admin.actor, target)).path);
    expect((await hook(current)).status).toBe(200);
    const before = await specOf(service.id);
    const wrong = await hook(`wharf_hook_${'A'.repeat(43)}`);
    const malformed = await hook('nothing-like-a-secret');
    const regenerated = await hook(old);
    await deleteWebhook(deps, admin.actor, target);
    const deleted = await hook(current);
    expect(wrong.status).toBe(404);
    expect(wrong.body).toEqual({ code: 'NOT_FOUND', message: 'There is no webhook at this address.' });
    for (const answer of [malformed, regenerated, deleted]) expect([answer.status, answer.body]).toEqual([wrong.status, wrong.body]);
    expect(await specOf(service.id)).toEqual(before);
    expect((await refusal(deleteWebhook(deps, admin.actor, target))).code).toBe('NOT_FOUND');
  });

  it('a disabled creator\'s webhook is refused (403, audited naming the webhook) and changes nothing', async () => {
    const operator = await seedUser(deps.db, 'operator');
    const service = await serviceOf('hooked');
    const { path } = await createWebhook(deps, operator.actor, { kind: 'service', swarmId, serviceId: service.id });
    const before = await specOf(service.id);
    await deps.db.user.update({ where: { id: operator.id }, data: { disabled: true } });
    const refused = await hook(secretOf(path));
    expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
    expect(await specOf(service.id)).toEqual(before);
    const denial = (await auditLines(deps.db, { actorId: operator.id, result: 'denied' })).at(-1);
    expect(denial).toMatchObject({ actorName: `${operator.username} (webhook hooked_app)`, action: 'service.manage' });
  });

  it('calls are limited per webhook and per address (429 with Retry-After) before anything runs', async () => {
    const service = await serviceOf('hooked');
    const { path } = await createWebhook(deps, admin.actor, { kind: 'service', swarmId, serviceId: service.id });
    const limits: WebhookLimits = { perAddress: new RateWindow(3, 60_000), perWebhook: new RateWindow(1, 60_000) };
    expect((await hook(secretOf(path), undefined, { limits })).status).toBe(200);
    const before = await specOf(service.id);
    const again = await hook(secretOf(path), undefined, { limits, ip: '10.9.9.9' });
    expect([again.status, again.body.code, again.headers.get('retry-after')]).toEqual([429, 'RATE_LIMITED', expect.stringMatching(/^\d+$/)]);
    expect(await specOf(service.id)).toEqual(before);
    // Guessing from one address: wrong secrets count too, and the limit answers before any lookup.
    for (let i = 0; i < 2; i++) expect((await hook(`wharf_hook_${String(i).repeat(43)}`, undefined, { limits })).status).toBe(404);
    expect((await hook(`wharf_hook_${'9'.repeat(43)}`, undefined, { limits })).status).toBe(429);
  });
});

describe('a stack webhook', () => {
  it('deploys the latest revision again as a new one, with new values of variables it has; unknown variables and a tag are refused', async () => {
    const stackName = `hookstack-${run}`;
    expect((await refusal(createWebhook(deps, admin.actor, { kind: 'stack', swarmId, stackName }))).code).toBe('PRECONDITION');
    await deployStack(deps, admin.actor, { swarmId, stackName, composeText: file('${IMAGE}'), variables: { IMAGE: lab.image }, files: {} });
    const { path } = await createWebhook(deps, admin.actor, { kind: 'stack', swarmId, stackName });
    const service = await serviceOf(stackName);

    const retagged = await hook(secretOf(path), { variables: { IMAGE: `${lab.image.split(':')[0]}:${newTag}` } });
    expect([retagged.status, retagged.body]).toEqual([200, expect.objectContaining({ kind: 'stack', revision: 2, updated: [`service ${stackName}_app`] })]);
    expect((await specOf(service.id)).TaskTemplate.ContainerSpec.Image).toMatch(new RegExp(`^${lab.image.split(':')[0]}:${newTag}`));
    expect((await hook(secretOf(path))).body).toMatchObject({ revision: 3 });
    const revisions = await deps.db.stackRevision.findMany({ where: { swarmId, stackName }, orderBy: { number: 'asc' }, select: { createdByName: true, outcome: true } });
    expect(revisions.map((r) => r.outcome)).toEqual(['deployed', 'deployed', 'deployed']);

    const unknown = await hook(secretOf(path), { variables: { OTHER: 'x' } });
    expect([unknown.status, unknown.body.field]).toEqual([400, 'variables']);
    expect((await hook(secretOf(path), { tag: 'v2' })).body.field).toBe('tag');
    expect(await deps.db.stackRevision.count({ where: { swarmId, stackName } })).toBe(3);
    const lines = await auditLines(deps.db, { actorId: admin.id, targetName: `${stackName} (revision 2)` });
    expect(lines.map((l) => [l.action, l.actorName])).toEqual([['stack.deploy', `${admin.username} (webhook ${stackName})`]]);
  }, 60_000);

  it('the workload policy judges what it deploys: an operator\'s webhook cannot bring in an image the policy does not allow', async () => {
    const stackName = `hookpolicy-${run}`;
    const { id: policyId } = await createPolicy(deps, admin.actor, { name: `hooks-${run}`, description: null });
    await savePolicyVersion(deps, admin.actor, { policyId, rules: policyRulesSchema.parse({ ...DEFAULT_RULES, images: ['docker.io/local/**'] }), basedOn: 1 });
    await attachPolicy(deps, admin.actor, { scope: { type: 'swarm', id: swarmId }, policyId });
    try {
      const operator = await seedUser(deps.db, 'operator');
      await deployStack(deps, operator.actor, { swarmId, stackName, composeText: file('${IMAGE}'), variables: { IMAGE: lab.image }, files: {} });
      const { path } = await createWebhook(deps, operator.actor, { kind: 'stack', swarmId, stackName });
      const service = await serviceOf(stackName);
      const refused = await hook(secretOf(path), { variables: { IMAGE: 'registry.example.com/miner:1' } });
      expect([refused.status, refused.body.code]).toEqual([403, 'FORBIDDEN']);
      expect(String(refused.body.message)).toMatch(/image/i);
      expect((await specOf(service.id)).TaskTemplate.ContainerSpec.Image).toMatch(new RegExp(`^${lab.image}`));
      expect(await deps.db.stackRevision.count({ where: { swarmId, stackName } })).toBe(1);
      expect((await auditLines(deps.db, { actorId: operator.id, result: 'denied' })).at(-1)).toMatchObject({ actorName: `${operator.username} (webhook ${stackName})` });
    } finally {
      await attachPolicy(deps, admin.actor, { scope: { type: 'swarm', id: swarmId }, policyId: null });
    }
  }, 60_000);
});
