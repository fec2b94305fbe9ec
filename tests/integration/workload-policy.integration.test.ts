// The ways around the workload policy (security cases 38–41), on a swarm of three real lab engines
// and the real streams namespace: predefined networks named by name, full id or short id (the
// manager's own ids and the swarm's copies of host and bridge); volumes that reach a node's disks,
// declared in a stack or already existing as a bind and mounted by name; terminals and starts in
// containers an operator could not have created; and secrets shown to whoever reads a service,
// a config or a redeploy. Every refusal is audited and leaves the engines as they were.
import Dockerode from 'dockerode';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { authorize } from '@/lib/auth/authorize.ts';
import { AppError, localizeText } from '@/lib/errors.ts';
import { createContainerSchema } from '@/lib/schemas/containers.ts';
import { registerHostSchema } from '@/lib/schemas/hosts.ts';
import { serviceFormSchema } from '@/lib/schemas/services.ts';
import { initSwarmSchema } from '@/lib/schemas/swarms.ts';
import { changeContainerState } from '@/lib/services/containers/change-container.ts';
import { createContainer } from '@/lib/services/containers/create-container.ts';
import { registerHost } from '@/lib/services/hosts/register-host.ts';
import { Inventory } from '@/lib/services/inventory/inventory.ts';
import { deployStack } from '@/lib/services/stacks/deploy-stack.ts';
import { listStacks } from '@/lib/services/stacks/read-stacks.ts';
import { removeStack } from '@/lib/services/stacks/remove-stack.ts';
import { createSwarmService, listSwarmServices, readService, removeSwarmService, revealServiceEnv, scaleService } from '@/lib/services/swarm-services/manage-services.ts';
import { createSwarmObject, listSwarmObjects, revealConfig } from '@/lib/services/swarm-services/swarm-objects.ts';
import { initSwarm } from '@/lib/services/swarms/init-swarm.ts';
import { joinHost } from '@/lib/services/swarms/join-host.ts';
import { changeUserRole } from '@/lib/services/users/manage-users.ts';
import { auditLines } from '../support/audit-rows.ts';
import { labState, seedUser } from '../support/integration.ts';
import { call, ok, StreamsSuite } from '../support/streams-server.ts';
import { leaveAllSwarms, waitForFacts } from '../support/swarm-lab.ts';
import { waitFor } from '../support/wait-for.ts';

const lab = labState();
const hosts = lab.hosts.slice(0, 3);
const [l1, l2] = hosts;
const engines = hosts.map((h) => new Dockerode({ socketPath: h.socket }));
const run = randomBytes(3).toString('hex');
const LABEL = { 'wharf.test': 'policy' };
const BIND_VOLUME = `etc-bind-${run}`;
const PLAIN_VOLUME = `plain-${run}`;
const suite = new StreamsSuite();
let admin: Actor;
let operator: Actor;
let viewer: Actor;
const ids: string[] = [];
let swarmId: string;

const quick = 'sh -c "trap \'exit 0\' TERM; while true; do sleep 1; done"';
const containerInput = (hostId: string, over: Record<string, unknown> = {}) => createContainerSchema.parse({ hostId, image: lab.image, command: quick, labels: LABEL, ...over });
const serviceForm = (over: Record<string, unknown>) => serviceFormSchema.parse({ swarmId: 'a'.repeat(25), form: { image: lab.image, command: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'], ...over } }).form;
const deploy = (actor: Actor, stackName: string, composeText: string, extra: { variables?: Record<string, string>; inheritFrom?: number } = {}) =>
  deployStack(suite.deps, actor, { swarmId, stackName, composeText, variables: extra.variables ?? {}, files: {}, ...(extra.inheritFrom ? { inheritFrom: extra.inheritFrom } : {}) });

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error, 'expected a refusal').toBeInstanceOf(AppError);
  return error as AppError;
}

const denied = (action: string, actor: Actor = operator) => suite.deps.db.auditEntry.count({ where: { action, result: 'denied', actorId: actor.id } });
const containerNames = async (docker: Dockerode) => (await docker.listContainers({ all: true })).flatMap((c) => c.Names.map((n) => n.replace(/^\//, '')));
const serviceNames = async () => (await listSwarmServices(suite.deps, swarmId)).services.map((s) => s.name);

async function cleanUp() {
  for (const docker of engines) {
    for (const c of await docker.listContainers({ all: true, filters: JSON.stringify({ label: ['wharf.test=policy'] }) }).catch(() => [])) await docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => {});
    for (const name of [BIND_VOLUME, PLAIN_VOLUME]) await docker.getVolume(name).remove({ force: true }).catch(() => {});
  }
}

beforeAll(async () => {
  await cleanUp();
  await leaveAllSwarms(hosts.map((h) => h.socket));
  await suite.prepare('policy');
  suite.inventory = new Inventory({ ...suite.deps, timing: { heartbeatMs: 1000, pingTimeoutMs: 1000, backoffBaseMs: 200, backoffCapMs: 1000 } });
  await suite.inventory.start();
  admin = suite.admin.actor;
  operator = (await seedUser(suite.deps.db, 'operator')).actor;
  viewer = (await seedUser(suite.deps.db, 'viewer')).actor;
  for (const h of hosts) ids.push((await registerHost(suite.deps, admin, registerHostSchema.parse({ name: h.name, transport: 'unix', socketPath: h.socket }))).id);
  swarmId = (await initSwarm(suite.deps, admin, initSwarmSchema.parse({ hostId: ids[0], name: 'policy', advertiseAddr: l1.address }))).swarmId;
  await waitForFacts(suite.deps.db, ids[0], (f) => f.swarm.state === 'active' && f.swarm.role === 'manager', 'lab-1 manager facts');
  for (const [i, h] of hosts.slice(1).entries()) await joinHost(suite.deps, admin, { swarmId, hostId: ids[i + 1], role: 'worker', advertiseAddr: h.address });
  // Volumes are found on nodes through their hosts' facts (node ids).
  for (const id of ids) await waitForFacts(suite.deps.db, id, (f) => f.swarm.state === 'active' && !!f.swarm.nodeId, 'node facts');
  await suite.listen({ revalidateMs: 1000 });
}, 180_000);

afterAll(async () => {
  await suite.close(async () => {
    await leaveAllSwarms(hosts.map((h) => h.socket));
    await cleanUp();
  });
}, 120_000);

describe('38. predefined networks, by name, full id or short id', () => {
  it('refuses an operator a container joined to host, bridge or none in any spelling, on the network field, audited; nothing is created', async () => {
    const networks = (await engines[0].listNetworks()) as { Id: string; Name: string }[];
    const id = (name: string) => networks.find((n) => n.Name === name)!.Id;
    const spellings = ['host', id('host'), id('host').slice(0, 12), 'bridge', id('bridge'), id('bridge').slice(0, 12), 'none', id('none').slice(0, 12)];
    for (const [i, network] of spellings.entries()) {
      const refused = await failure(createContainer(suite.deps, operator, containerInput(ids[0], { name: `net-${run}-${i}`, network })));
      expect(refused.code, network).toBe('FORBIDDEN');
      expect(refused.fieldErrors?.network?.[0], network).toMatch(/host network|predefined network (bridge|none)/);
    }
    expect(await denied('container.create')).toBe(spellings.length);
    expect((await containerNames(engines[0])).filter((n) => n.startsWith(`net-${run}`))).toEqual([]);
    // An administrator may.
    const allowed = await createContainer(suite.deps, admin, containerInput(ids[0], { name: `net-${run}-admin`, network: 'none' }));
    expect(allowed.started).toBe(true);
  }, 60_000);

  it('refuses an operator a service on the host or bridge network by name, the manager\'s ids or the swarm\'s own ids, and an update of an administrator\'s host-network service', async () => {
    const before = await denied('service.create');
    const networks = (await engines[0].listNetworks()) as { Id: string; Name: string }[];
    const localHost = networks.find((n) => n.Name === 'host')!.Id;
    const localBridge = networks.find((n) => n.Name === 'bridge')!.Id;
    // The administrator's service on the host network: the swarm stores its own copy's id.
    const onHost = await createSwarmService(suite.deps, admin, swarmId, serviceForm({ name: `hostnet-${run}`, networks: ['host'] }));
    const swarmHostId = (await readService(suite.deps, swarmId, onHost.id)).spec as { TaskTemplate: { Networks: { Target: string }[] } };
    const swarmHost = swarmHostId.TaskTemplate.Networks[0].Target;
    expect(swarmHost).not.toBe(localHost);

    const spellings = ['host', localHost, localHost.slice(0, 12), swarmHost, swarmHost.slice(0, 8), 'bridge', localBridge.slice(0, 12)];
    for (const [i, network] of spellings.entries()) {
      const refused = await failure(createSwarmService(suite.deps, operator, swarmId, serviceForm({ name: `net-${run}-${i}`, networks: [network] })));
      expect(refused.code, network).toBe('FORBIDDEN');
      expect(refused.fieldErrors?.['form.networks']?.[0], network).toMatch(/host network|predefined network bridge/);
    }
    expect(await denied('service.create')).toBe(before + spellings.length);
    expect((await serviceNames()).filter((n) => n.startsWith(`net-${run}`))).toEqual([]);

    // Scaling the administrator's service is an update of a spec the operator could not create.
    const scale = await failure(scaleService(suite.deps, operator, { swarmId, serviceId: onHost.id, replicas: 3 }));
    expect(scale.message).toMatch(/host network/);
    expect(await denied('service.scale')).toBe(1);
    expect((await readService(suite.deps, swarmId, onHost.id)).service.replicas).toBe(1);
    await removeSwarmService(suite.deps, admin, { swarmId, serviceId: onHost.id, confirmName: `hostnet-${run}` });
  }, 90_000);

  it('refuses an operator a stack that names host as an external network, at the service that joins it', async () => {
    const file = 'services:\n  web:\n    image: local/busybox:latest\n    command: ["sleep", "3600"]\n    networks: [outside]\nnetworks:\n  outside:\n    external: true\n    name: host\n';
    const refused = await failure(deploy(operator, `hostnet${run}`, file));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toMatch(/host network/);
    // At the service that joins it, in the editor's terms.
    expect(refused.problems).toEqual([expect.objectContaining({ message: expect.stringMatching(/host network/), line: 2, column: 3 })]);
    expect(await denied('stack.deploy')).toBeGreaterThanOrEqual(1);
    expect((await listStacks(suite.deps, swarmId)).stacks.map((s) => s.name)).not.toContain(`hostnet${run}`);
  }, 60_000);
});

describe('39. volumes that reach a node\'s disks', () => {
  const withVolume = (options: string) => `services:\n  app:\n    image: local/busybox:latest\n    command: ["sleep", "3600"]\n    volumes: ["disk:/data"]\nvolumes:\n  disk:\n    driver_opts: ${options}\n`;
  const volumeOnAnyNode = async (name: string) => (await Promise.all(engines.map((d) => d.getVolume(name).inspect().then(() => true, () => false)))).some(Boolean);

  it('refuses an operator a stack whose volume is an overlay of host folders or a block device, at its line, audited; nothing is deployed', async () => {
    for (const [stack, options] of [
      [`ovl${run}`, '{ type: overlay, device: overlay, o: "lowerdir=/root:/etc,upperdir=/tmp/u,workdir=/tmp/w" }'],
      [`ext${run}`, '{ type: ext4, device: /dev/sda1 }'],
      [`nfs${run}`, '{ type: nfs, o: "addr=10.99.0.1,rw", device: ":/export" }'],
    ]) {
      const before = await denied('stack.deploy');
      const refused = await failure(deploy(operator, stack, withVolume(options)));
      expect(refused.code, stack).toBe('FORBIDDEN');
      expect(refused.message).toMatch(/Volume disk reaches the node's disks/);
      expect(refused.problems?.find((p) => p.path === 'volumes.disk'), 'the finding at its line in the file').toMatchObject({ line: 7, column: 3 });
      expect(await denied('stack.deploy')).toBe(before + 1);
      expect((await listStacks(suite.deps, swarmId)).stacks.map((s) => s.name)).not.toContain(stack);
      expect(await volumeOnAnyNode(`${stack}_disk`)).toBe(false);
    }
  }, 60_000);

  it('lets an operator deploy a stack with a tmpfs volume (what the allow-list allows)', async () => {
    const stack = `tmp${run}`;
    const result = await deploy(operator, stack, withVolume('{ type: tmpfs, device: tmpfs, o: "size=16m,uid=1000" }'));
    expect(result.created).toContain(`service ${stack}_app`);
    await removeStack(suite.deps, operator, { swarmId, stackName: stack, confirmName: stack });
  }, 60_000);

  it('refuses an existing bind volume mounted by name, by a service, a container or a stack; a plain volume is fine', async () => {
    await engines[1].createVolume({ Name: BIND_VOLUME, Driver: 'local', DriverOpts: { type: 'none', o: 'bind', device: '/etc' }, Labels: LABEL });
    await engines[1].createVolume({ Name: PLAIN_VOLUME, Labels: LABEL });

    const service = await failure(createSwarmService(suite.deps, operator, swarmId, serviceForm({ name: `vol-${run}`, mounts: [{ type: 'volume', source: BIND_VOLUME, target: '/e', readOnly: true }] })));
    expect(service.code).toBe('FORBIDDEN');
    expect(service.fieldErrors?.['form.mounts.0.source']?.[0]).toMatch(new RegExp(`Volume ${BIND_VOLUME} on ${l2.name} binds the host path /etc`));
    expect(await serviceNames()).not.toContain(`vol-${run}`);

    const container = await failure(createContainer(suite.deps, operator, containerInput(ids[1], { name: `vol-${run}`, volumes: `${PLAIN_VOLUME}:/p\n${BIND_VOLUME}:/e:ro` })));
    expect(localizeText(container.fieldErrors?.volumes?.[0] ?? '', 'en')).toMatch(new RegExp(`^Line 2: Volume ${BIND_VOLUME} on ${l2.name} binds the host path /etc`));
    expect(await containerNames(engines[1])).not.toContain(`vol-${run}`);

    const stack = await failure(deploy(operator, `vol${run}`, `services:\n  app:\n    image: local/busybox:latest\n    command: ["sleep", "3600"]\n    volumes: ["etc:/e"]\nvolumes:\n  etc:\n    external: true\n    name: ${BIND_VOLUME}\n`));
    expect(stack.message).toMatch(/binds the host path \/etc/);
    expect((await listStacks(suite.deps, swarmId)).stacks.map((s) => s.name)).not.toContain(`vol${run}`);

    expect(await denied('service.create')).toBeGreaterThanOrEqual(1);
    const plain = await createContainer(suite.deps, operator, containerInput(ids[1], { name: `plain-${run}`, volumes: `${PLAIN_VOLUME}:/p` }));
    expect(plain.started).toBe(true);
  }, 90_000);
});

describe('40. terminals and starts in containers an operator could not have created', () => {
  let privileged: string;
  let sysAdmin: string;
  let socketMount: string;

  beforeAll(async () => {
    // The lab's engines cannot run a privileged container (their bounding set lacks a capability):
    // this one is created, not started, which is also how an operator would find it to start.
    privileged = (await createContainer(suite.deps, admin, containerInput(ids[0], { name: `priv-${run}`, privileged: true, start: false }))).id;
    // Made with the docker CLI's API, as an administrator would: the form offers no capabilities.
    const withCap = await engines[0].createContainer({ Image: lab.image, name: `cap-${run}`, Cmd: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'], Labels: LABEL, HostConfig: { CapAdd: ['SYS_ADMIN'] } });
    await withCap.start();
    sysAdmin = withCap.id;
    // The lab engine's own socket, mounted where a container expects one.
    socketMount = (await createContainer(suite.deps, admin, containerInput(ids[0], { name: `sock-${run}`, volumes: `${l1.socket}:/var/run/docker.sock` }))).id;
  }, 60_000);

  const execIds = async (id: string) => ((await engines[0].getContainer(id).inspect()) as { ExecIDs: string[] | null }).ExecIDs ?? [];
  const open = <T,>(socket: Parameters<typeof call>[0], containerId: string) => call<T>(socket, 'exec:open', { hostId: ids[0], containerId, shell: { kind: 'sh' }, cols: 80, rows: 24 });

  it('refuses an operator a terminal in a privileged container, one with an added capability or the engine socket, naming why, audited; no exec is made', async () => {
    const { socket, user } = await suite.socketAs('operator');
    for (const [containerId, why] of [[privileged, /Privileged mode/], [sysAdmin, /capability SYS_ADMIN/], [socketMount, /host path .*docker\.sock/]] as const) {
      const ack = await open(socket, containerId);
      expect(ack.ok).toBe(false);
      if (ack.ok) continue;
      expect(ack.error.code).toBe('FORBIDDEN');
      expect(ack.error.message).toMatch(why);
      expect(ack.error.message).toMatch(/Opening a terminal in it needs the right to run unrestricted workloads on lab-1/);
      expect(await execIds(containerId)).toEqual([]);
    }
    expect(await suite.deps.db.auditEntry.count({ where: { action: 'container.exec', result: 'denied', actorId: user.id } })).toBe(3);
    // An ordinary container is the operator's to use.
    const ordinary = (await createContainer(suite.deps, operator, containerInput(ids[0], { name: `plain-exec-${run}` }))).id;
    await ok(open(socket, ordinary));
    socket.disconnect();
  }, 60_000);

  it('lets an administrator in, and ends the session when they lose the unrestricted right', async () => {
    const { socket, user } = await suite.socketOfNewUser('admin');
    let exit: string | null = null;
    const { sessionId } = await ok(open<{ sessionId: string }>(socket, sysAdmin));
    socket.on('exec:exit', (m) => {
      if (m.sessionId === sessionId) exit = m.reason;
    });
    // An operator keeps container.exec but not workload.unrestricted: this session must go.
    await changeUserRole(suite.deps, admin, user.id, 'operator');
    expect(await waitFor(() => exit, { timeoutMs: 15_000, what: 'the session to end' })).toMatch(/withdrawn/);
    socket.disconnect();
  }, 60_000);

  it('refuses an operator start, restart and unpause of such a container, audited, and lets them stop it', async () => {
    const state = async (id: string) => ((await engines[0].getContainer(id).inspect()) as { State: { StartedAt: string; Status: string } }).State;
    const ref = { hostId: ids[0], containerId: sysAdmin };
    const first = await state(sysAdmin);
    const restart = await failure(changeContainerState(suite.deps, operator, { ...ref, verb: 'restart' }));
    expect(restart.message).toMatch(/capability SYS_ADMIN.*Restarting it needs the right to run unrestricted workloads/);
    expect((await state(sysAdmin)).StartedAt).toBe(first.StartedAt);

    await changeContainerState(suite.deps, admin, { ...ref, verb: 'pause' });
    await failure(changeContainerState(suite.deps, operator, { ...ref, verb: 'unpause' }));
    expect((await state(sysAdmin)).Status).toBe('paused');
    await changeContainerState(suite.deps, admin, { ...ref, verb: 'unpause' });

    await changeContainerState(suite.deps, operator, { ...ref, verb: 'stop' });
    const start = await failure(changeContainerState(suite.deps, operator, { ...ref, verb: 'start' }));
    expect(start.code).toBe('FORBIDDEN');
    expect((await state(sysAdmin)).Status).toBe('exited');
    const startPrivileged = await failure(changeContainerState(suite.deps, operator, { hostId: ids[0], containerId: privileged, verb: 'start' }));
    expect(startPrivileged.message).toMatch(/Privileged mode.*Starting it needs the right/);
    expect((await state(privileged)).Status).toBe('created');
    expect(await Promise.all(['container.restart', 'container.unpause', 'container.start'].map((a) => denied(a)))).toEqual([1, 1, 2]);
    await changeContainerState(suite.deps, admin, { ...ref, verb: 'start' });
    expect((await state(sysAdmin)).Status).toBe('running');
  }, 90_000);
});

describe('41. secrets shown to viewers, and the redeploy trick', () => {
  it('masks a service\'s environment for everyone; revealing it needs service.env and is audited', async () => {
    const { id } = await createSwarmService(suite.deps, operator, swarmId, serviceForm({ name: `env-${run}`, env: [{ name: 'DB_PASSWORD', value: 's3cret-svc-value' }, { name: 'MODE', value: 'a=b' }] }));
    const detail = await readService(suite.deps, swarmId, id);
    expect(JSON.stringify(detail)).not.toContain('s3cret-svc-value');
    expect(detail.env).toEqual([{ name: 'DB_PASSWORD', value: null }, { name: 'MODE', value: null }]);
    await expect(authorize(suite.deps.db, viewer, 'service.env', { type: 'swarm', id: swarmId })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect(await revealServiceEnv(suite.deps, operator, { swarmId, serviceId: id })).toEqual([{ name: 'DB_PASSWORD', value: 's3cret-svc-value' }, { name: 'MODE', value: 'a=b' }]);
    const [audit] = await auditLines(suite.deps.db, { action: 'service.env.reveal', actorId: operator.id });
    expect(audit).toMatchObject({ result: 'succeeded', targetName: `env-${run}` });
    expect(`${audit?.message} ${audit?.targetName}`).not.toContain('s3cret-svc-value');
    await removeSwarmService(suite.deps, operator, { swarmId, serviceId: id, confirmName: `env-${run}` });
  }, 60_000);

  it('keeps config contents out of the list; revealing one is audited', async () => {
    const { id } = await createSwarmObject(suite.deps, operator, { swarmId, kind: 'config', name: `conf-${run}`, data: 'password=hunter2\n', labels: {} });
    expect(JSON.stringify(await listSwarmObjects(suite.deps, swarmId, 'config'))).not.toContain('hunter2');
    expect(await revealConfig(suite.deps, operator, { swarmId, id })).toEqual({ name: `conf-${run}`, data: 'password=hunter2\n' });
    expect(await suite.deps.db.auditEntry.count({ where: { action: 'config.reveal', result: 'succeeded', actorId: operator.id } })).toBe(1);
  }, 60_000);

  it('refuses a redeploy that prints a kept variable into a config or a label, audited, before anything is sent; an edit that keeps it in place deploys', async () => {
    const stack = `sealed${run}`;
    const sealed = 'services:\n  db:\n    image: local/busybox:latest\n    command: ["sleep", "3600"]\n    secrets: [pass]\nsecrets:\n  pass:\n    environment: DB_PASS\n';
    expect((await deploy(operator, stack, sealed, { variables: { DB_PASS: 'kept-s3cret' } })).revision).toBe(1);
    const configsBefore = (await listSwarmObjects(suite.deps, swarmId, 'config')).length;

    const intoConfig = `${sealed}configs:\n  leak:\n    content: "\${DB_PASS}"\n`;
    const intoLabel = sealed.replace('    secrets: [pass]\n', '    secrets: [pass]\n    labels: ["copy=${DB_PASS}"]\n');
    for (const [edited, place] of [[intoConfig, 'configs.leak.content'], [intoLabel, 'services.db.labels']] as const) {
      const before = await denied('stack.deploy');
      const refused = await failure(deploy(operator, stack, edited, { inheritFrom: 1 }));
      expect(refused.code).toBe('FORBIDDEN');
      expect(refused.problems?.map((p) => p.path)).toEqual([expect.stringMatching(new RegExp(`^${place.replace(/\./g, '\\.')}`))]);
      expect(refused.message).toMatch(/Variable DB_PASS is kept from revision 1/);
      expect(await denied('stack.deploy')).toBe(before + 1);
    }
    expect((await listSwarmObjects(suite.deps, swarmId, 'config')).length).toBe(configsBefore);
    expect(await suite.deps.db.stackRevision.count({ where: { stackName: stack } })).toBe(1);
    const spec = (await engines[0].getService(`${stack}_db`).inspect()) as { Spec: { Labels: Record<string, string> } };
    expect(JSON.stringify(spec.Spec.Labels)).not.toContain('kept-s3cret');

    // The same variable where it was, with another change: deploys.
    expect((await deploy(operator, stack, sealed.replace('"3600"', '"3601"'), { inheritFrom: 1 })).revision).toBe(2);
    await removeStack(suite.deps, operator, { swarmId, stackName: stack, confirmName: stack });
  }, 90_000);
});
