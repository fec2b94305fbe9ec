// Policies an administrator shapes, on a real lab engine (a one-node swarm): an operator's bind of
// /srv is refused under the default policy; a policy allowing /srv read-only, attached to the host,
// lets the read-only bind through and refuses a read-write one naming the rule and the policy;
// attached to the swarm it judges stacks there; every save is a version, every change an audit row;
// an attached policy cannot be deleted.
import Dockerode from 'dockerode';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { AppError, localizeText } from '@/lib/errors.ts';
import { DEFAULT_RULES } from '@/lib/models/policies/policy-rules.ts';
import { createContainerSchema } from '@/lib/schemas/containers.ts';
import { policyRulesSchema } from '@/lib/schemas/policies.ts';
import { createContainer } from '@/lib/services/containers/create-container.ts';
import type { Inventory } from '@/lib/services/inventory/inventory.ts';
import { attachPolicy, createPolicy, deletePolicy, savePolicyVersion } from '@/lib/services/policy/manage-policies.ts';
import { deployStack } from '@/lib/services/stacks/deploy-stack.ts';
import { listSwarmServices } from '@/lib/services/swarm-services/manage-services.ts';
import { labState, type TestDeps } from '../support/integration.ts';
import { leaveAllSwarms, swarmTestBed } from '../support/swarm-lab.ts';

const lab = labState();
const engine = lab.hosts[0];
const docker = new Dockerode({ socketPath: engine.socket });
const run = randomBytes(3).toString('hex');
const LABEL = { 'wharf.test': 'policies' };
const quick = 'sh -c "trap \'exit 0\' TERM; while true; do sleep 1; done"';
let deps: TestDeps;
let inventory: Inventory;
let admin: Actor;
let operator: Actor;
let swarmId: string;
let hostId: string;
let policyId: string;
const policyName = `srv-ro-${run}`;

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error, 'expected a refusal').toBeInstanceOf(AppError);
  return error as AppError;
}

const container = (actor: Actor, volumes: string, name: string) => createContainer(deps, actor, createContainerSchema.parse({ hostId, image: lab.image, command: quick, volumes, labels: LABEL, name }));
const stack = (actor: Actor, stackName: string, volume: string) =>
  deployStack(deps, actor, { swarmId, stackName, composeText: `services:\n  app:\n    image: ${lab.image}\n    command: ["sleep", "3600"]\n    volumes:\n      - "${volume}"\n`, variables: {}, files: {} });
const audit = (action: string, result: string) => deps.db.auditEntry.findMany({ where: { action, result }, orderBy: { id: 'asc' } });

async function cleanUp() {
  for (const c of await docker.listContainers({ all: true, filters: JSON.stringify({ label: ['wharf.test=policies'] }) }).catch(() => [])) await docker.getContainer(c.Id).remove({ force: true }).catch(() => {});
}

beforeAll(async () => {
  await cleanUp();
  await leaveAllSwarms([engine.socket]);
  ({ deps, inventory, admin, operator, swarmId } = await swarmTestBed('policies', 'pol', [engine]));
  hostId = (await deps.db.host.findFirstOrThrow({ where: { name: engine.name } })).id;
}, 120_000);

afterAll(async () => {
  inventory?.stop();
  await leaveAllSwarms([engine.socket]);
  await cleanUp();
  await deps?.close();
}, 120_000);

describe('a policy attached to a host', () => {
  it('refuses an operator a bind of /srv under the default policy, naming the rule and the policy on the volumes field', async () => {
    const refused = await failure(container(operator, '/srv:/data:ro', `default-${run}`));
    expect(refused.code).toBe('FORBIDDEN');
    expect(localizeText(refused.fieldErrors?.volumes?.[0] ?? '', 'en')).toMatch(/host path \/srv is not allowed\. \(rule Bind paths of policy "Default" \(built in\)\)/);
    expect((await audit('container.create', 'denied')).at(-1)?.message).toMatch(/policy "Default" \(built in\)/);
  }, 60_000);

  it('an administrator makes a policy allowing /srv read-only (version 2, audited with what changed) and attaches it to the host', async () => {
    ({ id: policyId } = await createPolicy(deps, admin, { name: policyName, description: 'Data folders, read-only' }));
    const saved = await savePolicyVersion(deps, admin, { policyId, rules: policyRulesSchema.parse({ ...DEFAULT_RULES, binds: [{ path: '/srv/', readOnly: true }] }), basedOn: 1 });
    expect(saved).toEqual({ version: 2, summary: 'Bind paths: none → /srv (read-only)' });
    // A save from a stale version is refused, not merged.
    expect((await failure(savePolicyVersion(deps, admin, { policyId, rules: DEFAULT_RULES, basedOn: 1 }))).code).toBe('CONFLICT');
    await attachPolicy(deps, admin, { scope: { type: 'host', id: hostId }, policyId });

    const versions = await deps.db.policyVersion.findMany({ where: { policyId }, orderBy: { number: 'asc' } });
    expect(versions.map((v) => [v.number, v.summary, v.createdByName])).toEqual([
      [1, 'Created from the default policy.', admin.username],
      [2, 'Bind paths: none → /srv (read-only)', admin.username],
    ]);
    expect((await audit('policy.create', 'succeeded')).map((r) => r.targetName)).toContain(policyName);
    expect((await audit('policy.update', 'succeeded')).at(-1)).toMatchObject({ targetName: `${policyName} version 2`, message: 'Bind paths: none → /srv (read-only)' });
    expect((await audit('policy.attach', 'succeeded')).at(-1)).toMatchObject({ targetName: policyName, message: expect.stringMatching(/^Attached to Host lab-1: .*running workloads are not changed/) });
  }, 60_000);

  it("then passes the operator's read-only bind and refuses a read-write one (and a way out of /srv), naming the rule and the policy", async () => {
    const created = await container(operator, '/srv:/data:ro', `ro-${run}`);
    expect(created.started).toBe(true);
    const mounts = (await docker.getContainer(created.id).inspect()).Mounts;
    expect(mounts).toEqual([expect.objectContaining({ Type: 'bind', Source: '/srv', Destination: '/data', RW: false })]);

    const deniedBefore = (await audit('container.create', 'denied')).length;
    const readWrite = await failure(container(operator, '/srv:/data', `rw-${run}`));
    expect(readWrite.code).toBe('FORBIDDEN');
    expect(localizeText(readWrite.fieldErrors?.volumes?.[0] ?? '', 'en')).toMatch(new RegExp(`allowed read-only only: mount it read-only\\. \\(rule Bind paths \\(read-only\\) of policy "${policyName}" version 2\\)`));
    const outside = await failure(container(operator, '/srv/../etc:/data:ro', `etc-${run}`));
    expect(localizeText(outside.fieldErrors?.volumes?.[0] ?? '', 'en')).toMatch(new RegExp(`host path /etc is not allowed\\. \\(rule Bind paths of policy "${policyName}" version 2\\)`));
    expect((await audit('container.create', 'denied')).length).toBe(deniedBefore + 2);
    const names = (await docker.listContainers({ all: true })).flatMap((c) => c.Names);
    expect(names).not.toContain(`/rw-${run}`);
    expect(names).not.toContain(`/etc-${run}`);
  }, 60_000);
});

describe('a policy attached to a swarm', () => {
  it('judges stacks on that swarm: refused under the default (the host attachment is not the swarm\'s), read-only passes once attached, read-write refused', async () => {
    const before = await failure(stack(operator, `ro${run}`, '/srv:/data:ro'));
    expect(before.code).toBe('FORBIDDEN');
    expect(before.problems?.[0]).toMatchObject({ line: 6, message: expect.stringMatching(/policy "Default" \(built in\)/) });

    await attachPolicy(deps, admin, { scope: { type: 'swarm', id: swarmId }, policyId });
    const deployed = await stack(operator, `ro${run}`, '/srv:/data:ro');
    expect(deployed.revision).toBe(1);
    expect((await listSwarmServices(deps, swarmId)).services.map((s) => s.name)).toContain(`ro${run}_app`);

    const readWrite = await failure(stack(operator, `rw${run}`, '/srv:/data'));
    expect(readWrite.problems?.[0]).toMatchObject({ line: 6, message: expect.stringMatching(new RegExp(`rule Bind paths \\(read-only\\) of policy "${policyName}" version 2`)) });
    expect((await listSwarmServices(deps, swarmId)).services.map((s) => s.name)).not.toContain(`rw${run}_app`);
  }, 120_000);
});

describe('deleting a policy', () => {
  it('is refused while it is attached (naming where), and allowed once detached, audited', async () => {
    const attached = await failure(deletePolicy(deps, admin, { policyId }));
    expect(attached.code).toBe('CONFLICT');
    expect(attached.message).toMatch(/attached to (Host lab-1, Swarm pol|Swarm pol, Host lab-1)/);
    await attachPolicy(deps, admin, { scope: { type: 'host', id: hostId }, policyId: null });
    await attachPolicy(deps, admin, { scope: { type: 'swarm', id: swarmId }, policyId: null });
    expect((await audit('policy.detach', 'succeeded')).length).toBe(2);
    await deletePolicy(deps, admin, { policyId });
    expect(await deps.db.policy.count({ where: { id: policyId } })).toBe(0);
    expect(await deps.db.policyVersion.count({ where: { policyId } })).toBe(0);
    expect((await audit('policy.delete', 'succeeded')).at(-1)?.targetName).toBe(policyName);
    // The host is judged by the default policy again.
    const refused = await failure(container(operator, '/srv:/data:ro', `after-${run}`));
    expect(localizeText(refused.fieldErrors?.volumes?.[0] ?? '', 'en')).toMatch(/policy "Default" \(built in\)/);
  }, 60_000);
});
