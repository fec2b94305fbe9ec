// Stacks on a real lab swarm: Wharf deploys exactly what `docker stack deploy` deploys (compared
// field by field), serves HTTP on a host-mode port, keeps revisions with diff and rollback, shows
// and removes stacks the CLI deployed, explains bad files, and enforces the workload policy.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { AppError, toErrorPayload } from '@/lib/errors.ts';
import { problemText } from '@/lib/services/stacks/compose/compose-path.ts';
import type { Inventory } from '@/lib/services/inventory/inventory.ts';
import { deployStack } from '@/lib/services/stacks/deploy-stack.ts';
import { diffTexts } from '@/lib/models/stacks/diff-revisions.ts';
import { listStacks, readStack } from '@/lib/services/stacks/read-stacks.ts';
import { removeStack } from '@/lib/services/stacks/remove-stack.ts';
import { readRevision, rollbackStack } from '@/lib/services/stacks/stack-revisions.ts';
import { recordStackState } from '@/lib/services/stacks/record-stack-state.ts';
import { listSwarmServices, scaleService, updateServiceImage } from '@/lib/services/swarm-services/manage-services.ts';
import { dockerCli } from '../support/docker-cli.ts';
import { labState, type TestDeps } from '../support/integration.ts';
import { leaveAllSwarms, swarmTestBed } from '../support/swarm-lab.ts';
import { waitFor } from '../support/wait-for.ts';

const lab = labState();
const [l1, l2, l3] = lab.hosts;
// The project's sample compose files, kept with the translation's golden fixtures.
const FIXTURES = path.resolve(import.meta.dirname, '../../lib/services/stacks/compose/fixtures');
const sample = (name: string) => readFileSync(path.join(FIXTURES, name.replace(/\.yml$/, ''), 'compose.yml'), 'utf8');
let deps: TestDeps;
let inventory: Inventory;
let admin: Actor;
let operator: Actor;
let swarmId: string;
const docker = new Dockerode({ socketPath: l1.socket });

type Json = Record<string, unknown>;

/** A service spec as stored, made comparable: ids, versions and timestamps out; networks, secrets
 * and configs by name. */
async function comparableServices(stack: string): Promise<Record<string, unknown>> {
  const services = (await docker.listServices({ filters: JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] }) })) as unknown as Json[];
  const networks = new Map(((await docker.listNetworks()) as unknown as { Id: string; Name: string }[]).map((n) => [n.Id, n.Name]));
  const out: Record<string, unknown> = {};
  for (const service of services) {
    const spec = structuredClone(service.Spec) as Json & { Name: string; TaskTemplate: Json & { Networks?: { Target: string }[]; ContainerSpec: Json & { Secrets?: Json[]; Configs?: Json[] } } };
    for (const n of spec.TaskTemplate.Networks ?? []) n.Target = networks.get(n.Target) ?? n.Target;
    for (const s of spec.TaskTemplate.ContainerSpec.Secrets ?? []) delete s.SecretID;
    for (const c of spec.TaskTemplate.ContainerSpec.Configs ?? []) delete c.ConfigID;
    out[spec.Name] = spec;
  }
  return out;
}

/** The engine numbers overlay networks itself; the number is not part of what was asked for. */
function withoutVxlanIds(options: Record<string, string> | null) {
  if (!options) return options;
  const { 'com.docker.network.driver.overlay.vxlanid_list': _assigned, ...rest } = options;
  return rest;
}

async function comparableObjects(stack: string) {
  const label = JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] });
  const networks = ((await docker.listNetworks({ filters: label })) as unknown as Json[]).map((n) => ({ Name: n.Name, Driver: n.Driver, Scope: n.Scope, Internal: n.Internal, Attachable: n.Attachable, Labels: n.Labels, Options: withoutVxlanIds(n.Options as Record<string, string> | null) }));
  const secrets = ((await docker.listSecrets({ filters: label })) as unknown as { Spec: Json }[]).map((s) => s.Spec);
  const configs = ((await docker.listConfigs({ filters: label })) as unknown as { Spec: Json }[]).map((c) => c.Spec);
  const byName = (a: Json, b: Json) => String(a.Name).localeCompare(String(b.Name));
  return { networks: networks.sort(byName), secrets: secrets.sort(byName), configs: configs.sort(byName) };
}

async function cliDeploy(stack: string, composeText: string) {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'wharf-stack-'));
  writeFileSync(path.join(dir, 'docker-compose.yml'), composeText);
  await dockerCli(l1.socket, ['stack', 'deploy', '--resolve-image', 'never', '--prune', '-c', 'docker-compose.yml', stack], { cwd: dir });
}

/** `docker stack rm` returns at once, and a network still used by a stopping task is refused and left
 * (the CLI says so and goes on): it is asked again every few seconds until everything of the stack
 * is gone, which on a loaded machine can take minutes (a deadline, not a timing assertion). */
async function cliRemove(stack: string) {
  const label = JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] });
  let askedAt = 0;
  await waitFor(
    async () => {
      const left = ((await docker.listNetworks({ filters: label })) as unknown[]).length + ((await docker.listServices({ filters: label })) as unknown[]).length;
      if (left && Date.now() - askedAt > 5000) {
        askedAt = Date.now();
        await dockerCli(l1.socket, ['stack', 'rm', stack]).catch(() => '');
      }
      return left === 0;
    },
    { timeoutMs: 180_000, intervalMs: 500, what: `${stack} gone` },
  );
}

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error, 'expected a refusal').toBeInstanceOf(AppError);
  return error as AppError;
}

const deploy = (actor: Actor, stackName: string, composeText: string, extra: { variables?: Record<string, string>; files?: Record<string, string> } = {}) =>
  deployStack(deps, actor, { swarmId, stackName, composeText, variables: extra.variables ?? {}, files: extra.files ?? {} });

beforeAll(async () => {
  await leaveAllSwarms([l1.socket, l2.socket, l3.socket]);
  ({ deps, inventory, admin, operator, swarmId } = await swarmTestBed('stacks', 'stacks', [l1, l2, l3]));
  await docker.createSecret({ Name: 'my-pass', Data: Buffer.from('s3cret').toString('base64') } as never);
}, 120_000);

afterAll(async () => {
  inventory?.stop();
  await leaveAllSwarms([l1.socket, l2.socket, l3.socket]);
  await deps?.close();
}, 120_000);

describe('parity with docker stack deploy', () => {
  it.each(['local-web.yml', 'wordpress.yml', 'cluster.yml'])('%s deploys the same service specs, networks, secrets and configs as the CLI', async (file) => {
    const composeText = sample(file);
    const stack = `par${file.replace(/\W/g, '').slice(0, 8)}`;
    await cliDeploy(stack, composeText);
    const cliServices = await comparableServices(stack);
    const cliObjects = await comparableObjects(stack);
    await cliRemove(stack);

    try {
      await deploy(admin, stack, composeText);
      const wharfServices = await comparableServices(stack);
      const wharfObjects = await comparableObjects(stack);
      expect(Object.keys(wharfServices).sort()).toEqual(Object.keys(cliServices).sort());
      for (const name of Object.keys(cliServices)) expect(wharfServices[name], `service ${name}`).toEqual(cliServices[name]);
      expect(wharfObjects).toEqual(cliObjects);
    } finally {
      // Published ports are cluster-wide: leave none behind for the next file.
      await removeStack(deps, admin, { swarmId, stackName: stack, confirmName: stack }).catch(() => undefined);
      await cliRemove(stack);
    }
  }, 420_000);
});

describe('deploying, editing and rolling back', () => {
  const stack = 'web';
  let revision1: string;

  it('deploys local-web.yml, which serves HTTP on its host-mode port', async () => {
    revision1 = sample('local-web.yml');
    const result = await deploy(operator, stack, revision1);
    expect(result.revision).toBe(1);
    expect(result.created).toEqual(expect.arrayContaining(['network web_default', 'service web_web', 'service web_ticker']));
    const detail = await waitFor(async () => {
      const d = await readStack(deps, swarmId, stack);
      return d.services.find((s) => s.name === 'web_web')?.tasksRunning === 2 ? d : null;
    }, { timeoutMs: 60_000, what: 'two web tasks running' });
    const nodeIds = detail.tasks.filter((t) => t.serviceName === 'web_web' && t.state === 'running').map((t) => t.nodeId);
    const nodes = (await docker.listNodes()) as unknown as { ID: string; Status: { Addr: string } }[];
    const address = nodes.find((n) => n.ID === nodeIds[0])!.Status.Addr;
    const response = await waitFor(async () => (await fetch(`http://${address}:8089/`).catch(() => null)) ?? null, { timeoutMs: 30_000, what: 'HTTP on 8089' });
    // busybox httpd serving /bin: there is no index page, and it says so in its own words.
    expect(response.status).toBe(404);
    expect(await response.text()).toMatch(/The requested URL was not found/);
  }, 120_000);

  it('redeploys an edited file: a new revision, with a diff against the first', async () => {
    const edited = revision1.replace('replicas: 2', 'replicas: 3').replace('"httpd", "-f", "-p", "80", "-h", "/bin"', '"httpd", "-f", "-p", "80", "-h", "/etc"');
    expect(edited).not.toBe(revision1);
    const result = await deploy(operator, stack, edited);
    expect(result.revision).toBe(2);
    expect(result.updated).toEqual(expect.arrayContaining(['service web_web']));
    const [one, two] = await Promise.all([readRevision(deps, swarmId, stack, 1), readRevision(deps, swarmId, stack, 2)]);
    const changed = diffTexts(one.composeText, two.composeText).filter((l) => l.kind !== 'same').map((l) => `${l.kind} ${l.text.trim()}`);
    expect(changed).toEqual(expect.arrayContaining(['removed replicas: 2', 'added replicas: 3']));
    const spec = (await docker.getService('web_web').inspect()) as { Spec: { Mode: { Replicated: { Replicas: number } } } };
    expect(spec.Spec.Mode.Replicated.Replicas).toBe(3);
  }, 60_000);

  it('rolls back to the first revision as a new revision', async () => {
    const result = await rollbackStack(deps, operator, { swarmId, stackName: stack, toRevision: 1 });
    expect(result.revision).toBe(3);
    const detail = await readStack(deps, swarmId, stack);
    expect(detail.revisions.map((r) => [r.number, r.outcome, r.restoredFrom])).toEqual([[3, 'deployed', 1], [2, 'deployed', null], [1, 'deployed', null]]);
    expect(detail.composeText).toBe(revision1);
    const spec = (await docker.getService('web_web').inspect()) as { Spec: { Mode: { Replicated: { Replicas: number } }; TaskTemplate: { ContainerSpec: { Args: string[] } } } };
    expect(spec.Spec.Mode.Replicated.Replicas).toBe(2);
    expect(spec.Spec.TaskTemplate.ContainerSpec.Args).toContain('/bin');
  }, 60_000);

  it('removes services that left the file', async () => {
    const onlyWeb = revision1.replace(/\n {2}ticker:[\s\S]*$/, '\n');
    const result = await deploy(operator, stack, onlyWeb);
    expect(result.removed).toEqual(['service web_ticker']);
    expect((await readStack(deps, swarmId, stack)).services.map((s) => s.name)).toEqual(['web_web']);
  }, 60_000);

  it('keeps variables sealed and inherits them on an edit', async () => {
    const withVariable = 'services:\n  echo:\n    image: local/busybox:latest\n    command: ["sleep", "${NAP}"]\n';
    await deploy(operator, 'vars', withVariable, { variables: { NAP: '3600' } });
    const row = await deps.db.stackRevision.findFirstOrThrow({ where: { stackName: 'vars' } });
    expect(row.inputsSealed).not.toContain('3600');
    const second = await deployStack(deps, operator, { swarmId, stackName: 'vars', composeText: `${withVariable}    labels: [edited=1]\n`, variables: {}, files: {}, inheritFrom: 1 });
    expect(second.revision).toBe(2);
    const spec = (await docker.getService('vars_echo').inspect()) as { Spec: { TaskTemplate: { ContainerSpec: { Args: string[] } } } };
    expect(spec.Spec.TaskTemplate.ContainerSpec.Args).toEqual(['sleep', '3600']);
    expect((await readRevision(deps, swarmId, 'vars', 2)).variableNames).toEqual(['NAP']);
  }, 60_000);
});

describe('drift from the file and convergence of the tasks', () => {
  const file = `# drift test
services:
  app:
    image: ${lab.image}
    command: ["sleep", "3600"]
    deploy:
      replicas: 1
`;

  it('shows a scale and an image change made on the Services page as drift, and records them as a new revision without touching the swarm', async () => {
    // A second tag of the lab's image on every node (nothing can be pulled here).
    for (const engine of [l1, l2, l3]) await new Dockerode({ socketPath: engine.socket }).getImage(lab.image).tag({ repo: 'local/busybox', tag: 'v2' });
    await deploy(operator, 'drift', file);
    const clean = await waitFor(async () => {
      const d = await readStack(deps, swarmId, 'drift');
      return d.convergence.state === 'running' ? d : null;
    }, { timeoutMs: 60_000, what: 'drift_app running' });
    expect(clean.drift).toEqual({ revision: 1, services: [], record: { possible: true } });

    const id = clean.services[0].id;
    await scaleService(deps, operator, { swarmId, serviceId: id, replicas: 2 });
    await updateServiceImage(deps, operator, { swarmId, serviceId: id, image: 'local/busybox:v2' });
    const drifted = await readStack(deps, swarmId, 'drift');
    expect(drifted.drift).toEqual({
      revision: 1,
      services: [{ service: 'drift_app', kind: 'changed', changes: [{ field: 'replicas', deployed: '1', running: '2' }, { field: 'image', deployed: lab.image, running: 'local/busybox:v2' }] }],
      record: { possible: true },
    });

    // Recording against a revision that is not the current one is refused; the current one is kept as revision 2.
    expect((await failure(recordStackState(deps, operator, { swarmId, stackName: 'drift', basedOn: 7 }))).code).toBe('CONFLICT');
    const before = (await docker.getService(id).inspect()) as { Version: { Index: number } };
    expect(await recordStackState(deps, operator, { swarmId, stackName: 'drift', basedOn: 1 })).toEqual({ revision: 2 });
    const after = (await docker.getService(id).inspect()) as { Version: { Index: number } };
    expect(after.Version.Index).toBe(before.Version.Index);
    const recorded = await readStack(deps, swarmId, 'drift');
    expect(recorded.revisions.map((r) => [r.number, r.outcome])).toEqual([[2, 'recorded'], [1, 'deployed']]);
    // The recorded revision says what it was recorded from, in each reader's language.
    expect(recorded.revisions[0].message).toBe(`Recorded from the running services: drift_app: replicas 1 in the file, 2 running; image ${lab.image} in the file, local/busybox:v2 running.`);
    expect((await readStack(deps, swarmId, 'drift', 'zh-CN')).revisions[0].message).toBe(`根据正在运行的服务记录：drift_app：replicas 在文件中为 1，运行中为 2；image 在文件中为 ${lab.image}，运行中为 local/busybox:v2。`);
    expect(recorded.drift).toEqual({ revision: 2, services: [], record: { possible: true } });
    expect(recorded.composeText).toContain('# drift test');
    expect(recorded.composeText).toContain('image: local/busybox:v2');
    expect(recorded.composeText).toContain('replicas: 2');
    const audit = await deps.db.auditEntry.findFirstOrThrow({ where: { action: 'stack.record', result: 'succeeded' } });
    expect(audit.targetName).toBe('drift (revision 2)');
    expect((await failure(recordStackState(deps, operator, { swarmId, stackName: 'drift', basedOn: 2 }))).message).toBe('drift runs as revision 2 says: there is nothing to record.');
    await removeStack(deps, operator, { swarmId, stackName: 'drift', confirmName: 'drift' });
  }, 120_000);

  it('a deploy whose image cannot be pulled is "deployed" but failed, with the tasks\' error, on the stack list, the stack and the services list', async () => {
    const result = await deploy(operator, 'unpullable', 'services:\n  app:\n    image: local/no-such-image:1\n    command: ["sleep", "3600"]\n');
    expect(result.revision).toBe(1);
    const listed = await waitFor(async () => {
      const stack = (await listStacks(deps, swarmId)).stacks.find((s) => s.name === 'unpullable');
      return stack?.convergence.state === 'failed' ? stack : null;
    }, { timeoutMs: 90_000, what: 'unpullable judged failed' });
    expect(listed.lastRevision?.outcome).toBe('deployed');
    expect(listed.convergence.errors[0]).toEqual({ service: 'unpullable_app', error: expect.stringMatching(/No such image: local\/no-such-image:1/) });
    const detail = await readStack(deps, swarmId, 'unpullable');
    expect(detail.convergence.state).toBe('failed');
    expect(detail.convergence.errors.map((e) => e.error).join(' ')).toMatch(/No such image/);
    const row = (await listSwarmServices(deps, swarmId)).services.find((s) => s.name === 'unpullable_app');
    expect(row?.convergence).toMatchObject({ state: 'failed', errors: [{ service: 'unpullable_app', error: expect.stringMatching(/No such image/) }] });
    await removeStack(deps, operator, { swarmId, stackName: 'unpullable', confirmName: 'unpullable' });
  }, 120_000);
});

describe('a deploy that fails', () => {
  it('keeps a failed revision whose message each reader reads in their language', async () => {
    const name = `nonet${Date.now().toString(36)}`;
    const error = await failure(deploy(operator, name, `services:\n  app:\n    image: ${lab.image}\n    networks: [outside]\nnetworks:\n  outside:\n    external: true\n    name: ${name}-missing\n`));
    expect(error.message).toBe(`Network "${name}-missing" is declared as external but does not exist. Create a swarm-scoped network with that name first.`);
    const english = await readRevision(deps, swarmId, name, 1, 'en');
    expect(english).toMatchObject({ outcome: 'failed', message: error.message });
    expect((await readRevision(deps, swarmId, name, 1, 'zh-CN')).message).toBe(`网络“${name}-missing”被声明为外部网络，但它不存在。请先创建一个同名的 Swarm 范围网络。`);
  }, 60_000);
});

describe('stacks the CLI deployed', () => {
  it('are listed as such, and can be removed through Wharf', async () => {
    await cliDeploy('fromcli', 'services:\n  s:\n    image: local/busybox:latest\n    command: ["sleep", "3600"]\n');
    const listed = (await listStacks(deps, swarmId)).stacks.find((s) => s.name === 'fromcli');
    expect(listed).toMatchObject({ deployedBy: 'cli', services: 1, lastRevision: null });
    const removed = await removeStack(deps, operator, { swarmId, stackName: 'fromcli', confirmName: 'fromcli' });
    expect(removed.removed).toEqual(expect.arrayContaining(['service fromcli_s', 'network fromcli_default']));
    expect((await listStacks(deps, swarmId)).stacks.find((s) => s.name === 'fromcli')).toBeUndefined();
  }, 60_000);
});

describe('bad files and the workload policy', () => {
  it('an undefined secret gets the CLI-style message and deploys nothing', async () => {
    const error = await failure(deploy(operator, 'broken', 'services:\n  db:\n    image: local/busybox:latest\n    secrets: [my-pass]\n'));
    expect(error.code).toBe('INVALID_INPUT');
    expect(toErrorPayload(error, 'en').problems?.map((p) => p.message)).toEqual(expect.arrayContaining([expect.stringMatching(/service db: undefined secret "?my-pass"?/)]));
    // A Chinese reader gets the same problem in Chinese, at the same place, and the refusal says it too.
    const inChinese = toErrorPayload(error, 'zh-CN');
    expect(inChinese.problems).toEqual(expect.arrayContaining([expect.objectContaining({ path: 'services.db.secrets[0]', line: 4, column: 15, message: '服务 db：未定义的密钥“my-pass”' })]));
    expect(inChinese.message).toContain('服务 db：未定义的密钥“my-pass”');
    expect((await listStacks(deps, swarmId)).stacks.map((s) => s.name)).not.toContain('broken');
  });

  it('a YAML error carries its line and column', async () => {
    const error = await failure(deploy(operator, 'broken', 'services:\n  db:\n    image: [unclosed\n'));
    expect(error.problems?.[0]).toMatchObject({ severity: 'error', line: expect.any(Number), column: expect.any(Number) });
  });

  it('refuses an operator a privileged or host-binding stack, audited, and lets an administrator deploy it', async () => {
    const risky = 'services:\n  x:\n    image: local/busybox:latest\n    command: ["sleep", "3600"]\n    privileged: true\n    volumes: ["/var/run/docker.sock:/var/run/docker.sock"]\n';
    const error = await failure(deploy(operator, 'risky', risky));
    expect(error.code).toBe('FORBIDDEN');
    expect(error.message).toMatch(/Privileged/);
    expect(error.message).toMatch(/engine's socket/);
    expect(await deps.db.auditEntry.count({ where: { action: 'stack.deploy', result: 'denied', actorId: operator.id } })).toBe(1);
    expect((await listStacks(deps, swarmId)).stacks.map((s) => s.name)).not.toContain('risky');
    const byAdmin = await deploy(admin, 'risky', risky);
    expect(byAdmin.warnings.map(problemText).join(' ')).toMatch(/privileged/);
  }, 60_000);
});
