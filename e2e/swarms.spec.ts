// Swarm through the console on three lab engines: create, join a worker and a manager at once,
// promote and demote, drain with a service running, labels and placement, token rotation, and
// manager failover down to a lost quorum and back.
import { expect, test, type Page } from '@playwright/test';
import { startEngine, stopEngine } from '@/scripts/lab/index.ts';
import { ADMIN_STATE } from './support/accounts.ts';
import { lab } from './support/fixtures.ts';
import { adminPage } from './support/pages.ts';
import { apiHosts, createService, dockerOn, ensureLabHosts, labNameOf, labSockets, leaveAllSwarms, nodeAction, nodeCell, nodeRow, nudgeFacts, type ApiHost } from './support/swarms.ts';

test.use({ storageState: ADMIN_STATE });
test.describe.configure({ mode: 'serial' });

const state = lab();
const [l1, l2, l3] = state.hosts;
const SWARM = 'e2e-swarm';
let hosts: Record<string, ApiHost>;
let swarmUrl: string;
let page: Page;

const quorum = (p: Page) => p.getByRole('region', { name: 'Quorum' });
/** A value of the quorum card, named by its term. */
const quorumValue = (p: Page, term: string) => quorum(p).getByLabel(term, { exact: true });
const viaManager = (p: Page) => p.getByLabel('Through manager', { exact: true });

async function confirmIn(p: Page, dialogName: string | RegExp, button: string) {
  const dialog = p.getByRole('dialog', { name: dialogName });
  await dialog.getByRole('button', { name: button }).click();
  // Writes wait for the swarm; during an election that takes a while.
  await expect(dialog).toBeHidden({ timeout: 45_000 });
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  await leaveAllSwarms(labSockets());
  page = await adminPage(browser);
  hosts = await ensureLabHosts(page, [l1, l2, l3]);
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await Promise.all([l1, l2, l3].map((h) => startEngine(h.name)));
  await leaveAllSwarms(labSockets());
  for (const socket of labSockets()) await nudgeFacts(socket).catch(() => {});
  await page?.context().close();
});

test('create a swarm on lab-1: lab-1 leads and no manager may fail', async () => {
  await page.goto('/swarms');
  await page.getByRole('link', { name: 'Create a swarm' }).first().click();
  await expect(page.getByRole('heading', { name: 'Create a swarm' })).toBeVisible();
  await page.getByLabel('Host', { exact: true }).selectOption(hosts[l1.name].id);
  await page.getByLabel('Name').fill(SWARM);
  await page.getByLabel('Advertise address').fill(l1.address);
  await expect(page.getByLabel('Listen address')).toHaveValue('0.0.0.0:2377');
  await page.getByRole('button', { name: 'Create swarm' }).click();

  await expect(page).toHaveURL(/\/swarms\/[a-z0-9]{25}$/, { timeout: 30_000 });
  swarmUrl = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { level: 1, name: SWARM })).toBeVisible({ timeout: 30_000 });
  await expect(quorumValue(page, 'Leader')).toHaveText(l1.name, { timeout: 30_000 });
  await expect(quorumValue(page, 'Fault tolerance')).toHaveText('0');
  await expect(quorumValue(page, 'Managers')).toHaveText('1');
  await expect(await nodeCell(page, l1.name, 'Manager status')).toHaveText('leader');

  await page.goto('/swarms');
  const card = page.getByRole('article', { name: SWARM });
  await expect(card).toContainText(hosts[l1.name].name);
  await card.getByRole('link', { name: SWARM }).click();
  await expect(page).toHaveURL(swarmUrl);
});

test('join lab-2 as a worker and lab-3 as a manager in one action; both appear live', async () => {
  test.setTimeout(120_000);
  await page.goto(swarmUrl);
  await page.getByRole('button', { name: 'Join hosts' }).click();
  const dialog = page.getByRole('dialog', { name: `Join hosts to ${SWARM}` });
  const [worker, manager] = [hosts[l2.name].name, hosts[l3.name].name];
  await dialog.getByRole('checkbox', { name: worker }).check();
  await dialog.getByLabel(`Role for ${worker}`).selectOption('worker');
  await dialog.getByRole('checkbox', { name: manager }).check();
  await dialog.getByLabel(`Role for ${manager}`).selectOption('manager');
  await dialog.getByRole('button', { name: 'Join 2 hosts' }).click();

  const progress = dialog.getByRole('list', { name: 'Join progress' });
  await expect(progress.getByRole('listitem').filter({ hasText: worker })).toContainText('joined', { timeout: 60_000 });
  await expect(progress.getByRole('listitem').filter({ hasText: manager })).toContainText('joined', { timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(dialog).toBeHidden();

  await expect(nodeRow(page, l2.name)).toBeVisible({ timeout: 30_000 });
  await expect(nodeRow(page, l3.name)).toBeVisible({ timeout: 30_000 });
  await expect(await nodeCell(page, l2.name, 'Role')).toHaveText('worker');
  await expect(await nodeCell(page, l3.name, 'Role')).toHaveText('manager');
  await expect(nodeRow(page, l2.name)).toContainText(`registered as ${worker}`);
  await expect(quorumValue(page, 'Managers')).toHaveText('2', { timeout: 30_000 });
});

test('promote lab-2, then demote it again, with the quorum warning first', async () => {
  test.setTimeout(120_000);
  await page.goto(swarmUrl);
  await nodeAction(page, l2.name, 'Promote to manager');
  await confirmIn(page, `Promote ${l2.name} to manager?`, `Promote ${l2.name}`);
  await expect(await nodeCell(page, l2.name, 'Role')).toHaveText('manager', { timeout: 30_000 });
  await expect(await nodeCell(page, l2.name, 'Manager status')).toHaveText('reachable', { timeout: 30_000 });
  await expect(quorumValue(page, 'Fault tolerance')).toHaveText('1');

  await nodeAction(page, l2.name, 'Demote to worker');
  const dialog = page.getByRole('dialog', { name: `Demote ${l2.name} to worker?` });
  await expect(dialog.getByRole('list', { name: 'Warnings' })).toContainText('even number');
  await confirmIn(page, `Demote ${l2.name} to worker?`, `Demote ${l2.name}`);
  await expect(await nodeCell(page, l2.name, 'Role')).toHaveText('worker', { timeout: 30_000 });
  await expect(quorumValue(page, 'Managers')).toHaveText('2', { timeout: 30_000 });
});

test('drain lab-2 while a replicated service runs: its running tasks go to 0', async () => {
  test.setTimeout(150_000);
  await createService(l1.socket, { Name: 'e2e-spread', TaskTemplate: { ContainerSpec: { Image: state.image, Command: ['sleep', '3600'] } }, Mode: { Replicated: { Replicas: 4 } } });
  await page.goto(swarmUrl);
  const running = await nodeCell(page, l2.name, 'Running tasks');
  await expect.poll(async () => Number(await running.textContent()), { timeout: 60_000, message: 'tasks running on lab-2' }).toBeGreaterThan(0);
  await expect(page.getByRole('region', { name: `Tasks on ${l2.name}` })).toContainText('e2e-spread');

  await nodeAction(page, l2.name, 'Drain');
  await confirmIn(page, `Drain ${l2.name}?`, `Drain ${l2.name}`);
  await expect(await nodeCell(page, l2.name, 'Availability')).toHaveText('drain', { timeout: 30_000 });
  await expect(running).toHaveText('0', { timeout: 60_000 });
  await expect(page.getByRole('region', { name: `Tasks on ${l2.name}` })).toContainText('No tasks', { timeout: 30_000 });
  // The four replicas run elsewhere.
  await expect
    .poll(async () => Number(await (await nodeCell(page, l1.name, 'Running tasks')).textContent()) + Number(await (await nodeCell(page, l3.name, 'Running tasks')).textContent()), { timeout: 60_000 })
    .toBe(4);

  await nodeAction(page, l2.name, 'Set active');
  await confirmIn(page, `Activate ${l2.name}?`, `Activate ${l2.name}`);
  await expect(await nodeCell(page, l2.name, 'Availability')).toHaveText('active', { timeout: 30_000 });
});

test('label lab-3 zone=blue and a constrained task lands there', async () => {
  test.setTimeout(120_000);
  await page.goto(swarmUrl);
  await nodeAction(page, l3.name, 'Edit labels…');
  const dialog = page.getByRole('dialog', { name: `Labels of ${l3.name}` });
  await dialog.getByLabel('Label 1 key').fill('zone');
  await dialog.getByLabel('Label 1 value').fill('blue');
  await dialog.getByRole('button', { name: 'Save labels' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(await nodeCell(page, l3.name, 'Labels')).toHaveText('zone=blue', { timeout: 30_000 });

  await createService(l1.socket, {
    Name: 'e2e-placed',
    TaskTemplate: { ContainerSpec: { Image: state.image, Command: ['sleep', '3600'] }, Placement: { Constraints: ['node.labels.zone == blue'] } },
  });
  await nodeRow(page, l3.name).getByRole('link', { name: l3.name, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(l3.name);
  await expect(page.getByRole('region', { name: 'Labels' })).toContainText('zone=blue');
  const task = page.getByRole('table', { name: 'Tasks on this node' }).getByRole('row').filter({ hasText: 'e2e-placed' });
  await expect(task).toContainText('running', { timeout: 60_000 });
  await expect(page.getByRole('region', { name: 'Inspect' })).toContainText('Raw node inspect (JSON)');
  await page.getByRole('link', { name: 'Back to swarm' }).click();
  await expect(page).toHaveURL(swarmUrl);
});

test('reveal the join tokens, rotate the worker token: the old one no longer joins', async () => {
  test.setTimeout(120_000);
  await page.goto(swarmUrl);
  const tokens = page.getByRole('region', { name: 'Join tokens' });
  const workerToken = tokens.getByLabel('Worker token', { exact: true });
  await expect(workerToken).not.toHaveValue(/SWMTKN-1-[a-z0-9]/);
  await tokens.getByRole('button', { name: 'Reveal tokens' }).click();
  await expect(workerToken).toHaveValue(/^SWMTKN-1-[a-z0-9-]+$/, { timeout: 30_000 });
  const before = await workerToken.inputValue();
  await expect(tokens.getByLabel('Worker join command', { exact: true })).toHaveValue(new RegExp(`^docker swarm join --token ${before} 10\\.99\\.0\\.\\d+:2377$`));

  await tokens.getByRole('button', { name: 'Rotate worker token' }).click();
  const dialog = page.getByRole('dialog', { name: 'Rotate the worker token?' });
  await expect(dialog).toContainText('stops working for new joins');
  await dialog.getByRole('button', { name: 'Rotate worker token' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(workerToken).not.toHaveValue(before);

  await tokens.getByRole('button', { name: 'Reveal tokens' }).click();
  await expect(workerToken).toHaveValue(/^SWMTKN-1-[a-z0-9-]+$/, { timeout: 30_000 });
  const after = await workerToken.inputValue();
  expect(after).not.toBe(before);

  const outsider = dockerOn(state.ssh.engineSocket);
  try {
    const refused = await outsider.swarmJoin({ ListenAddr: '0.0.0.0:2377', RemoteAddrs: [`${l1.address}:2377`], JoinToken: before }).then(
      () => null,
      (error: Error) => error,
    );
    expect(refused, 'joining with the rotated-out token must fail').not.toBeNull();
  } finally {
    await outsider.swarmLeave({ force: true }).catch(() => {});
  }
});

test('failover: the manager in use stops, Wharf keeps working through another; two stop and quorum is lost; both return', async () => {
  test.setTimeout(300_000);
  await page.goto(swarmUrl);
  await nodeAction(page, l2.name, 'Promote to manager');
  await confirmIn(page, `Promote ${l2.name} to manager?`, `Promote ${l2.name}`);
  await expect(quorumValue(page, 'Managers')).toHaveText('3', { timeout: 30_000 });
  await expect(quorumValue(page, 'Reachable')).toHaveText('3', { timeout: 60_000 });

  const viaHost = (await viaManager(page).textContent())!.trim();
  const first = labNameOf(await apiHosts(page), viaHost);
  let second: string | null = null;
  try {
    await stopEngine(first);
    await expect(page.getByRole('status').filter({ hasText: 'Manager failover' })).toContainText(`Wharf now talks to`, { timeout: 60_000 });
    await expect(viaManager(page)).not.toHaveText(viaHost);
    const nowVia = labNameOf(await apiHosts(page), (await viaManager(page).textContent())!.trim());
    // Nodes are still listed, the stopped one as an unreachable manager.
    await expect(await nodeCell(page, first, 'Manager status')).toHaveText('unreachable', { timeout: 60_000 });
    for (const h of [l1, l2, l3]) await expect(nodeRow(page, h.name)).toBeVisible();

    // A change still goes through once the two remaining managers have a leader.
    second = [l1, l2, l3].map((h) => h.name).find((name) => name !== first && name !== nowVia)!;
    await expect(quorumValue(page, 'Leader')).not.toHaveText(first, { timeout: 60_000 });
    // Right after an election the overview can still flip to "no quorum" for a read, which
    // unmounts the nodes table and an open dialog with it: ask again until the drain is through.
    await expect(async () => {
      if ((await (await nodeCell(page, second!, 'Availability')).textContent())?.trim() === 'drain') return;
      await nodeAction(page, second!, 'Drain');
      await page.getByRole('dialog', { name: `Drain ${second}?` }).getByRole('button', { name: `Drain ${second}` }).click({ timeout: 10_000 });
      await expect(await nodeCell(page, second!, 'Availability')).toHaveText('drain', { timeout: 45_000 });
    }).toPass({ timeout: 180_000 });

    await stopEngine(second);
    await expect(page.getByRole('alert').filter({ hasText: 'Quorum lost' })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByRole('alert').filter({ hasText: 'Quorum lost' })).toContainText('What to do');
  } finally {
    await Promise.all([startEngine(first), ...(second ? [startEngine(second)] : [])]);
  }
  await expect(page.getByRole('alert').filter({ hasText: 'Quorum lost' })).toHaveCount(0, { timeout: 60_000 });
  await expect(quorumValue(page, 'Reachable')).toHaveText('3', { timeout: 60_000 });
  await expect(quorumValue(page, 'Leader')).not.toHaveText('none');
  for (const h of [l1, l2, l3]) await expect(nodeRow(page, h.name)).toBeVisible();
});
