// The workload policy as an operator meets it in a browser, on a swarm of three lab engines (security
// cases 38–41): the service form puts each finding on the field it concerns (a volume that is a bind
// of a node's /etc, mounted by its name; the host network, sent by a script through the form or by
// its short id); the stack editor refuses volumes that are host disks in disguise, at their lines;
// a terminal in a container the operator could not have made is refused naming why, while the
// administrator gets one; a viewer sees a service's environment names only, an operator reveals the
// values (audited). Nothing the operator was refused reaches an engine.
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_STATE, OPERATOR } from './support/accounts.ts';
import { captureAction, lab, postAction } from './support/fixtures.ts';
import { adminPage, ensureUser, signedInPage } from './support/pages.ts';
import { createSwarmWithWorkers } from './support/services.ts';
import { stackServices, typeIntoEditor } from './support/stacks.ts';
import { apiHosts, createService, dockerOn, ensureLabHosts, isHostOf, labSockets, leaveAllSwarms, nudgeFacts, type ApiHost } from './support/swarms.ts';

// A viewer of this file's own: access.spec.ts changes the shared viewer's role and disables it.
const VIEWER = { username: 'wanda', password: 'viewer-password-wanda' };

test.use({ storageState: ADMIN_STATE });
test.describe.configure({ mode: 'serial' });

const state = lab();
const [l1, l2, l3] = state.hosts;
const run = randomBytes(3).toString('hex');
const LABEL = { 'wharf.e2e': 'policy' };
const BIND_VOLUME = 'e2e-etc-bind';
const SERVICE = `e2e-policy-${run}`;
const STACK = `e2e-disks-${run}`;
const PRIVILEGED = `e2e-privileged-${run}`;
const SYS_ADMIN = `e2e-sysadmin-${run}`;
const ENV_SERVICE = `e2e-env-${run}`;
const TOKEN = `token-${randomBytes(6).toString('hex')}`;
const quiet = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'];

let admin: Page;
let operator: Page;
let hosts: Record<string, ApiHost>;
let swarmId: string;

async function cleanUp() {
  for (const h of [l1, l2, l3]) {
    const docker = dockerOn(h.socket);
    for (const c of await docker.listContainers({ all: true, filters: JSON.stringify({ label: ['wharf.e2e=policy'] }) })) await docker.getContainer(c.Id).remove({ force: true }).catch(() => {});
    await docker.getVolume(BIND_VOLUME).remove({ force: true }).catch(() => {});
  }
}

const execIds = async (id: string) => ((await dockerOn(l1.socket).getContainer(id).inspect()) as { ExecIDs: string[] | null }).ExecIDs ?? [];
const volumesNamed = async (prefix: string) => (await Promise.all([l1, l2, l3].map(async (h) => ((await dockerOn(h.socket).listVolumes()).Volumes ?? []).map((v) => v.Name)))).flat().filter((n) => n.startsWith(prefix));

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  await leaveAllSwarms(labSockets());
  await cleanUp();
  // What an administrator made with the docker CLI: a volume that is the node's /etc.
  await dockerOn(l2.socket).createVolume({ Name: BIND_VOLUME, Driver: 'local', DriverOpts: { type: 'none', o: 'bind', device: '/etc' }, Labels: LABEL });
  admin = await adminPage(browser);
  hosts = await ensureLabHosts(admin, [l1, l2, l3]);
  swarmId = await createSwarmWithWorkers(admin, `e2e-policy-${run}`, hosts, l1, [l2, l3]);
  // The nodes' volumes are read through their hosts: wait until the console has every node's facts.
  await expect
    .poll(async () => (await apiHosts(admin)).filter((h) => [l1, l2, l3].some((e) => isHostOf(h, e)) && h.facts?.swarm.state === 'active').length, { timeout: 30_000, message: 'the console sees the three nodes in the swarm' })
    .toBeGreaterThanOrEqual(3);
  await ensureUser(admin, OPERATOR, 'operator');
  await ensureUser(admin, VIEWER, 'viewer');
  operator = await signedInPage(browser, OPERATOR);
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await leaveAllSwarms(labSockets());
  for (const socket of labSockets()) await nudgeFacts(socket).catch(() => {});
  await cleanUp();
  await operator?.context().close();
  await admin?.context().close();
});

test('the service form puts each refusal on its field: a volume that binds /etc at its mount, the host network at the networks', async ({ baseURL }) => {
  await operator.goto(`/services/new?swarm=${swarmId}`);
  await expect(operator.getByRole('heading', { level: 1, name: 'Create a service' })).toBeVisible();
  await operator.getByLabel('Name', { exact: true }).fill(SERVICE);
  await operator.getByLabel('Image', { exact: true }).fill(state.image);
  await operator.getByLabel('Command', { exact: true }).fill('sleep 3600');
  await operator.getByRole('button', { name: 'Add mount' }).click();
  await operator.getByLabel('Mount 1 source').fill(BIND_VOLUME);
  await operator.getByLabel('Mount 1 target').fill('/config');
  const create = await captureAction(operator, () => operator.getByRole('button', { name: 'Create service' }).click());

  const bindFinding = `Volume ${BIND_VOLUME} on ${l2.name} binds the host path /etc: mounting it is not allowed. Mount another volume, or ask an administrator. (rule Bind paths of policy "Default" (built in))`;
  const source = operator.getByLabel('Mount 1 source');
  await expect(source).toHaveAttribute('aria-invalid', 'true');
  await expect(source).toHaveAccessibleDescription(bindFinding);
  await expect(operator.getByRole('alert').filter({ hasText: `Service ${SERVICE} asks for more than your role allows` })).toBeVisible();
  await expect(operator.getByLabel('Name', { exact: true })).toHaveValue(SERVICE);

  // The form offers the swarm's own networks only; a script can send anything through it.
  await operator.getByRole('button', { name: 'Remove mount 1' }).click();
  await operator.route(create.url, async (route) => {
    const request = route.request();
    if (request.method() !== 'POST' || request.headers()['next-action'] !== create.id) return route.continue();
    const args = JSON.parse(request.postData() ?? '[]') as [{ form: { networks: string[] } }];
    args[0].form.networks = ['host'];
    return route.continue({ postData: JSON.stringify(args) });
  });
  await operator.getByRole('button', { name: 'Create service' }).click();
  const networks = operator.getByRole('group', { name: 'Networks' });
  await expect(networks.getByRole('alert')).toHaveText("Joining the host network shares the node's own network stack: not allowed. Use a network made for your workloads. (rule Host namespaces of policy \"Default\" (built in))");
  await operator.unrouteAll();

  // The same, as a crafted POST naming the manager's host network by a short id.
  const hostNetwork = (await dockerOn(l1.socket).listNetworks()).find((n) => n.Name === 'host')!;
  const form = { name: SERVICE, image: state.image, command: ['sleep', '3600'], networks: [hostNetwork.Id.slice(0, 12)] };
  const crafted = await postAction(operator.request, create, [{ swarmId, form }], { origin: baseURL! });
  expect(crafted.text).toContain('FORBIDDEN');
  expect(crafted.text).toContain('Joining the host network shares the node');
  const services = (await dockerOn(l1.socket).listServices()) as { Spec: { Name: string } }[];
  expect(services.map((s) => s.Spec.Name)).not.toContain(SERVICE);
});

test('the stack editor refuses volumes that are host disks in disguise, each at its line; nothing is deployed', async () => {
  const file = [
    'version: "3.8"',
    'services:',
    '  app:',
    '    image: local/busybox:latest',
    '    command: ["sleep", "3600"]',
    '    volumes:',
    '      - rootfs:/host',
    '      - disk:/disk',
    'volumes:',
    '  rootfs:',
    '    driver: local',
    '    driver_opts:',
    '      type: none',
    '      o: bind',
    '      device: /',
    '  disk:',
    '    driver_opts:',
    '      type: ext4',
    '      device: /dev/sda1',
    '',
  ].join('\n');
  await operator.goto(`/stacks/new?swarm=${swarmId}`);
  await operator.getByLabel('Stack name').fill(STACK);
  await typeIntoEditor(operator, 'Compose file', file);
  // The file itself is valid compose: the policy answers when it is deployed.
  await expect(operator.getByRole('status').filter({ hasText: 'No problems found in the file.' })).toBeVisible();
  await operator.getByRole('button', { name: 'Deploy', exact: true }).click();

  await expect(operator.getByRole('alert').filter({ hasText: 'This stack asks for more than your role allows' }).first()).toBeVisible({ timeout: 30_000 });
  const problems = operator.getByRole('list', { name: 'Problems' });
  await expect(problems).toContainText('line 10, column 3: Volume rootfs binds the host path /: not allowed.');
  await expect(problems).toContainText("line 16, column 3: Volume disk reaches the node's disks (type ext4, device /dev/sda1)");
  // Each finding names the rule and the policy that refused it.
  await expect(problems).toContainText('(rule Bind paths of policy "Default" (built in))');
  await expect(problems).toContainText('(rule Volume driver options of policy "Default" (built in))');
  await expect(operator.getByRole('textbox', { name: 'Compose file', exact: true })).toHaveAccessibleDescription(/2 problems: line 10, column 3: Volume rootfs binds the host path \//);
  await expect(operator.getByLabel('Stack name')).toHaveValue(STACK);
  expect(await stackServices(l1.socket, STACK)).toEqual([]);
  expect(await volumesNamed(`${STACK}_`)).toEqual([]);
});

test('a terminal in a container the operator could not have made is refused naming why; the administrator gets one', async () => {
  test.setTimeout(120_000);
  const docker = dockerOn(l1.socket);
  const host = hosts[l1.name];
  // Made by an administrator with the docker API. The lab's engines cannot run a privileged
  // container (their bounding set lacks a capability): that one is created, and judged all the same.
  const privileged = await docker.createContainer({ Image: state.image, name: PRIVILEGED, Cmd: quiet, Labels: LABEL, HostConfig: { Privileged: true } });
  const sysAdmin = await docker.createContainer({ Image: state.image, name: SYS_ADMIN, Cmd: quiet, Labels: LABEL, HostConfig: { CapAdd: ['SYS_ADMIN'] } });
  await sysAdmin.start();

  const openTerminal = async (page: Page, containerId: string) => {
    await page.goto(`/containers/${host.id}/${containerId}/terminal`);
    await page.getByLabel('Shell').selectOption('sh');
    await page.getByRole('button', { name: 'Open terminal' }).click();
    return page.getByRole('tabpanel', { name: 'Terminal 1: sh' });
  };
  const needs = `Opening a terminal in it needs the right to run unrestricted workloads on ${host.name}: ask an administrator.`;

  const refusedPrivileged = (await openTerminal(operator, privileged.id)).getByRole('alert');
  await expect(refusedPrivileged).toContainText('Could not open the terminal');
  await expect(refusedPrivileged).toContainText('Privileged mode gives the container full control of the host. (rule Privileged mode of policy "Default" (built in))');
  await expect(refusedPrivileged).toContainText(needs);
  await expect(operator.getByRole('tab', { name: 'Terminal 1: sh (refused)' })).toBeVisible();

  const refusedCapability = (await openTerminal(operator, sysAdmin.id)).getByRole('alert');
  await expect(refusedCapability).toContainText('(rule Capabilities of policy "Default" (built in))');
  await expect(refusedCapability).toContainText('Adding the capability SYS_ADMIN is not allowed');
  await expect(refusedCapability).toContainText(needs);
  expect(await execIds(privileged.id)).toEqual([]);
  expect(await execIds(sysAdmin.id)).toEqual([]);

  // The administrator may run it, so may get into it.
  const panel = await openTerminal(admin, sysAdmin.id);
  const screen = panel.getByRole('region', { name: 'Terminal 1: sh' }).locator('.xterm-rows');
  await expect(screen).toContainText('#');
  await panel.getByRole('region', { name: 'Terminal 1: sh' }).click();
  await admin.keyboard.type('echo policy-$((6*7))');
  await admin.keyboard.press('Enter');
  await expect(screen).toContainText('policy-42');
  await expect(panel.getByRole('alert')).toHaveCount(0);
  expect((await execIds(sysAdmin.id)).length).toBeGreaterThan(0);
  await admin.goto('/');
});

test('a viewer sees a service\'s environment names only and cannot reveal them; an operator reveals them, audited', async ({ browser }) => {
  await createService(l1.socket, { Name: ENV_SERVICE, Labels: LABEL, TaskTemplate: { ContainerSpec: { Image: state.image, Command: quiet, Env: [`E2E_TOKEN=${TOKEN}`, 'E2E_MODE=policy'] } }, Mode: { Replicated: { Replicas: 1 } } });
  const serviceId = ((await dockerOn(l1.socket).listServices({ filters: { name: [ENV_SERVICE] } })) as { ID: string }[])[0].ID;
  const viewer = await signedInPage(browser, VIEWER);
  try {
    await viewer.goto(`/services/${swarmId}/${serviceId}`);
    const card = viewer.getByRole('region', { name: 'Environment' });
    const env = card.getByRole('table', { name: 'Environment' });
    await expect(env.getByRole('row').filter({ has: viewer.getByRole('rowheader', { name: 'E2E_TOKEN' }) })).toContainText('••••••');
    await expect(env.getByRole('rowheader', { name: 'E2E_MODE' })).toBeVisible();
    await expect(card).toContainText('Your role may not reveal them.');
    await expect(viewer.getByRole('button', { name: 'Reveal values' })).toHaveCount(0);
    // Nowhere on the page, the raw spec included.
    await expect(viewer.getByText(TOKEN)).toHaveCount(0);
    expect(await viewer.content()).not.toContain(TOKEN);
  } finally {
    await viewer.context().close();
  }

  await operator.goto(`/services/${swarmId}/${serviceId}`);
  const card = operator.getByRole('region', { name: 'Environment' });
  await expect(card.getByRole('table', { name: 'Environment' })).toContainText('••••••');
  await card.getByRole('button', { name: 'Reveal values' }).click();
  await expect(card.getByRole('table', { name: 'Environment' }).getByRole('row').filter({ hasText: 'E2E_TOKEN' })).toContainText(TOKEN);
  await expect(card).toContainText('Revealing was recorded in the audit log.');

  await admin.goto('/audit?action=service.env.reveal');
  const rows = admin.getByRole('table', { name: 'Audit log, newest first' }).getByRole('row');
  const row = rows.filter({ hasText: OPERATOR.username }).filter({ hasText: ENV_SERVICE });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('service.env.reveal');
  await expect(row).toContainText('Succeeded');
});
