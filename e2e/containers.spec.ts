// Containers through the console on three lab engines: one table across hosts; a stop and a start
// watched live from a second browser; a container created from the form (field errors shown,
// input kept), its environment masked then revealed, removed after a confirmation; images with a
// pull whose progress and failure are shown, a prune dry run, a volume removed; and a viewer who
// sees containers but no actions, and whose crafted action POST is refused.
import { randomBytes } from 'node:crypto';
import { expect, test, type Browser, type Locator, type Page } from '@playwright/test';
import { ADMIN_STATE } from './support/accounts.ts';
import { captureAction, lab, postAction, type CapturedAction } from './support/fixtures.ts';
import { adminPage, ensureUser, signedInPage } from './support/pages.ts';
import { dockerOn, ensureLabHosts, labSockets, leaveAllSwarms, type ApiHost } from './support/swarms.ts';

test.use({ storageState: ADMIN_STATE });
test.describe.configure({ mode: 'serial' });

const state = lab();
const engines = state.hosts.slice(0, 3);
const LABEL = { 'wharf.e2e': 'containers' };
const PREFIX = 'e2e-c-';
const CREATED = 'e2e-c-created';
const VOLUME = 'e2e-c-spare-volume';
const VIEWER = { username: 'carla', password: 'viewer-password-carla' };
const OPERATOR = { username: 'otto', password: 'operator-password-otto' }; // not 'oscar': that name is the lab directory's, signed in by the directory spec
const COMMAND = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'];

let hosts: Record<string, ApiHost>;
const containerIds: Record<string, string> = {};
let page: Page;
let stopAction: CapturedAction;
let createAction: CapturedAction;

const nameOf = (engineName: string) => `${PREFIX}${engineName}`;

async function cleanUp() {
  for (const h of engines) {
    const docker = dockerOn(h.socket);
    const mine = await docker.listContainers({ all: true, filters: JSON.stringify({ name: [PREFIX] }) });
    for (let i = 0; i < mine.length; i += 25) await Promise.all(mine.slice(i, i + 25).map((c) => docker.getContainer(c.Id).remove({ force: true, v: true }).catch(() => {})));
    await docker.getVolume(VOLUME).remove().catch(() => {});
  }
}

/** The table row of a container, by its name (the row header's link). */
const rowOf = (p: Page, name: string): Locator => p.getByRole('table', { name: 'Containers' }).getByRole('row').filter({ has: p.getByRole('link', { name, exact: true }) });

async function openContainers(p: Page, nameFilter: string) {
  await p.goto('/containers');
  await expect(p.getByRole('heading', { level: 1, name: 'Containers' })).toBeVisible();
  await p.getByRole('search', { name: 'Filter containers' }).getByLabel('Name').fill(nameFilter);
}

async function rowAction(p: Page, name: string, hostName: string, item: string) {
  const button = p.getByRole('button', { name: `Actions for ${name} on ${hostName}` });
  await button.click();
  await p.getByRole('menu', { name: `Actions for ${name} on ${hostName}` }).getByRole('menuitem', { name: item, exact: true }).click();
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  await cleanUp();
  await leaveAllSwarms(labSockets());
  for (const h of engines) {
    const container = await dockerOn(h.socket).createContainer({ name: nameOf(h.name), Image: state.image, Cmd: COMMAND, Labels: LABEL });
    await container.start();
    containerIds[h.name] = container.id;
  }
  page = await adminPage(browser);
  hosts = await ensureLabHosts(page, engines);
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await cleanUp();
  await page?.context().close();
});

test('containers from three hosts in one table, filtered and sorted', async () => {
  await openContainers(page, PREFIX);
  for (const h of engines) {
    const row = rowOf(page, nameOf(h.name));
    await expect(row).toBeVisible();
    // The first cell after the row's box and name: its host, linked.
    await expect(row.getByRole('cell').nth(1)).toHaveText(hosts[h.name].name);
    await expect(row.getByRole('link', { name: hosts[h.name].name, exact: true })).toHaveAttribute('href', `/hosts/${hosts[h.name].id}`);
    await expect(row).toContainText('running');
  }
  await expect(page.getByRole('status').filter({ hasText: /^3 (containers|of \d+ containers match the filters)$/ })).toBeVisible();

  // Sorted by name by default; sorting by name descending puts lab-3 first, by host ascending lab-1.
  const table = page.getByRole('table', { name: 'Containers' });
  await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'ascending');
  await table.getByRole('button', { name: 'Name' }).click();
  await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');
  await expect(table.getByRole('rowheader').first()).toHaveText(nameOf(engines[2].name));
  await table.getByRole('button', { name: 'Host' }).click();
  await expect(table.getByRole('columnheader', { name: 'Host' })).toHaveAttribute('aria-sort', 'ascending');
  await expect(table.getByRole('rowheader').first()).toHaveText(nameOf(engines[0].name));

  // The one host selector (the page's picker), and the per-host view in the URL.
  await page.getByLabel('Host', { exact: true }).selectOption(hosts[engines[1].name].id);
  await expect(page).toHaveURL(new RegExp(`host=${hosts[engines[1].name].id}`));
  await expect(rowOf(page, nameOf(engines[1].name))).toBeVisible();
  await expect(rowOf(page, nameOf(engines[0].name))).toHaveCount(0);
  await page.goto(`/containers?host=${hosts[engines[0].name].id}`);
  await expect(page.getByLabel('Host', { exact: true })).toHaveValue(hosts[engines[0].name].id);
  await page.getByLabel('Name').fill(PREFIX);
  await expect(rowOf(page, nameOf(engines[0].name))).toBeVisible();
  await expect(rowOf(page, nameOf(engines[1].name))).toHaveCount(0);
});

test('a long list renders only the rows in view, and scrolling reaches the last one', async () => {
  test.setTimeout(120_000);
  const docker = dockerOn(engines[2].socket);
  const count = 400;
  const bulk = (i: number) => `${PREFIX}bulk-${String(i).padStart(4, '0')}`;
  for (let i = 0; i < count; i += 25) {
    await Promise.all(Array.from({ length: Math.min(25, count - i) }, (_, k) => docker.createContainer({ name: bulk(i + k), Image: state.image, Cmd: ['true'], Labels: LABEL })));
  }
  await openContainers(page, `${PREFIX}bulk-`);
  await expect(page.getByRole('status').filter({ hasText: new RegExp(`^${count} (containers|of \\d+ containers match the filters)$`) })).toBeVisible();
  const table = page.getByRole('table', { name: 'Containers' });
  await expect(table).toHaveAttribute('aria-rowcount', String(count + 1));
  await expect(rowOf(page, bulk(0))).toBeVisible();
  expect(await table.getByRole('row').count()).toBeLessThan(60);
  await table.locator('.overflow-y-auto').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  await expect(rowOf(page, bulk(count - 1))).toBeVisible();
  await expect(rowOf(page, bulk(0))).toHaveCount(0);
  expect(await table.getByRole('row').count()).toBeLessThan(60);
  for (let i = 0; i < count; i += 25) {
    await Promise.all(Array.from({ length: Math.min(25, count - i) }, (_, k) => docker.getContainer(bulk(i + k)).remove({ force: true })));
  }
  await expect(page.getByRole('heading', { name: 'No containers' }).or(page.getByRole('status').filter({ hasText: /^0 of/ }))).toBeVisible();
});

test('stop and start a container and watch its state change live in a second browser', async ({ browser }) => {
  const target = engines[0];
  const name = nameOf(target.name);
  const hostName = hosts[target.name].name;
  const watcher = await adminPage(browser);
  await openContainers(watcher, name);
  await expect(rowOf(watcher, name)).toContainText('running');
  await openContainers(page, name);

  stopAction = await captureAction(page, () => rowAction(page, name, hostName, 'Stop'));
  await expect(page.getByText(`Container ${name} on ${hostName} stopped.`)).toBeVisible();
  await expect(rowOf(watcher, name)).toContainText('exited');
  await expect(rowOf(page, name)).toContainText('exited');

  await rowAction(page, name, hostName, 'Start');
  await expect(page.getByText(`Container ${name} on ${hostName} started.`)).toBeVisible();
  await expect(rowOf(watcher, name)).toContainText('running');
  await watcher.context().close();
});

test('recreate a container from its page: confirmed, the new container\'s page follows, the old one is gone', async () => {
  const target = engines[1];
  const name = nameOf(target.name);
  const host = hosts[target.name];
  const oldId = containerIds[target.name];
  await page.goto(`/containers/${host.id}/${oldId}`);
  await page.getByRole('button', { name: `Actions for ${name} on ${host.name}` }).click();
  await page.getByRole('menu', { name: `Actions for ${name} on ${host.name}` }).getByRole('menuitem', { name: 'Recreate…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Recreate ${name}?` });
  await expect(dialog).toContainText('If anything fails, the old one is put back as it was.');
  await expect(dialog.getByRole('checkbox', { name: 'Pull its image first (the newest image under its tag)' })).not.toBeChecked();
  await dialog.getByRole('button', { name: 'Recreate' }).click();
  await expect(page.getByText(`Container ${name} on ${host.name} was recreated from its configuration.`)).toBeVisible({ timeout: 30_000 });
  await expect(page).not.toHaveURL(new RegExp(oldId));
  const fresh = await dockerOn(target.socket).getContainer(name).inspect();
  expect(fresh.Id).not.toBe(oldId);
  expect(fresh.State.Running).toBe(true);
  await expect(page).toHaveURL(new RegExp(`/containers/${host.id}/${fresh.Id}`));
  await expect(dockerOn(target.socket).getContainer(oldId).inspect()).rejects.toThrow();
  containerIds[target.name] = fresh.Id;
});

test('create a container from the form: errors at their fields, input kept, environment masked until revealed', async () => {
  const target = engines[1];
  await page.goto('/containers');
  await page.getByRole('link', { name: 'Create container' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create container' })).toBeVisible();
  await page.getByLabel('Host', { exact: true }).selectOption(hosts[target.name].id);
  await page.getByLabel('Image', { exact: true }).fill(state.image);
  await page.getByLabel('Name', { exact: true }).fill(CREATED);
  await page.getByLabel('Command', { exact: true }).fill(`sh -c 'trap "exit 0" TERM; while true; do sleep 1; done'`);
  await page.getByLabel('Environment', { exact: true }).fill('GREETING=hello-from-e2e');
  await page.getByLabel('Ports', { exact: true }).fill('not-a-port');
  await page.getByLabel('Volumes', { exact: true }).fill('/scratch');
  await page.getByLabel('Restart policy', { exact: true }).selectOption('unless-stopped');
  createAction = await captureAction(page, () => page.getByRole('button', { name: 'Create container' }).click());
  await expect(page.getByLabel('Ports', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('alert').filter({ hasText: '"not-a-port" is not a port' })).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(CREATED);
  await expect(page.getByLabel('Environment', { exact: true })).toHaveValue('GREETING=hello-from-e2e');

  await page.getByLabel('Ports', { exact: true }).fill('');
  await page.getByRole('button', { name: 'Create container' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(CREATED);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('running');
  await expect(page.getByRole('link', { name: 'Logs' })).toHaveAttribute('href', /\/logs$/);
  await expect(page.getByRole('link', { name: 'Terminal' })).toHaveAttribute('href', /\/terminal$/);

  await page.getByRole('tab', { name: 'Environment' }).click();
  const env = page.getByRole('table', { name: 'Environment' });
  await expect(env.getByRole('row').filter({ hasText: 'GREETING' })).toContainText('••••••');
  await expect(page.getByText('hello-from-e2e')).toHaveCount(0);
  await page.getByRole('tab', { name: 'Raw JSON' }).click();
  await expect(page.getByLabel('Inspect document')).toContainText('"GREETING=••••••"');
  await page.getByRole('tab', { name: 'Environment' }).click();
  await page.getByRole('button', { name: 'Reveal values' }).click();
  await expect(env.getByRole('row').filter({ hasText: 'GREETING' })).toContainText('hello-from-e2e');

  await page.getByRole('tab', { name: 'Mounts' }).click();
  await expect(page.getByRole('table', { name: 'Mounts' })).toContainText('/scratch');
  await page.getByRole('tab', { name: 'Processes' }).click();
  await expect(page.getByRole('table', { name: 'Processes' })).toContainText('sleep');
});

test('remove the created container after a confirmation, with its anonymous volume', async () => {
  const target = engines[1];
  const docker = dockerOn(target.socket);
  const id = (await docker.listContainers({ all: true, filters: JSON.stringify({ name: [CREATED] }) }))[0].Id;
  const volume = ((await docker.getContainer(id).inspect()) as { Mounts: { Name: string }[] }).Mounts[0].Name;
  await page.goto(`/containers/${hosts[target.name].id}/${id}`);
  await rowAction(page, CREATED, hosts[target.name].name, 'Remove…');
  const dialog = page.getByRole('dialog', { name: `Remove container ${CREATED}?` });
  await expect(dialog).toBeVisible();
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect((await docker.getContainer(id).inspect()).Id).toBe(id);

  await rowAction(page, CREATED, hosts[target.name].name, 'Remove…');
  await dialog.getByLabel('Also remove its anonymous volumes').check();
  await dialog.getByRole('button', { name: 'Remove container' }).click();
  await expect(page.getByText(`Container ${CREATED} removed from ${hosts[target.name].name} with its anonymous volumes.`)).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/containers\\?host=${hosts[target.name].id}$`));
  await expect(docker.getContainer(id).inspect()).rejects.toMatchObject({ statusCode: 404 });
  await expect(docker.getVolume(volume).inspect()).rejects.toMatchObject({ statusCode: 404 });
});

test('images: a pull shows progress and says why it failed; prune lists what would go first', async () => {
  const target = engines[0];
  await page.goto(`/containers/images?host=${hosts[target.name].id}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Images' })).toBeVisible();
  await expect(page.getByRole('table', { name: 'Images' }).getByRole('row').filter({ hasText: state.image })).toContainText(nameOf(target.name));

  // The lab registry wants credentials; Wharf has no registry accounts yet, so this pull fails and says so.
  const image = `${state.registry.url}/e2e/absent:${randomBytes(3).toString('hex')}`;
  await page.getByLabel('Image to pull').fill(image);
  await page.getByRole('button', { name: 'Pull' }).click();
  await expect(page.getByRole('progressbar', { name: `Pulling ${image}` })).toBeVisible();
  await expect(page.getByRole('alert').filter({ hasText: `The pull of ${image} failed` })).toContainText('wants credentials');
  await expect(page.getByRole('progressbar', { name: `Pulling ${image}` })).toHaveAttribute('aria-valuetext', 'failed');

  await page.getByRole('button', { name: 'Prune images…' }).click();
  const dialog = page.getByRole('dialog', { name: `Prune images on ${hosts[target.name].name}` });
  await dialog.getByLabel('What to prune').selectOption('unused');
  await expect(dialog.getByRole('status').filter({ hasText: /would be removed, reclaiming up to|Nothing to prune/ })).toBeVisible();
  await expect(dialog.getByRole('list').filter({ hasText: state.image })).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('volumes: prune lists an unused volume; removing it asks first', async () => {
  const target = engines[0];
  await dockerOn(target.socket).createVolume({ Name: VOLUME, Labels: LABEL });
  await page.goto(`/containers/volumes?host=${hosts[target.name].id}`);
  await page.getByRole('button', { name: 'Prune volumes…' }).click();
  const dialog = page.getByRole('dialog', { name: `Prune volumes on ${hosts[target.name].name}` });
  await dialog.getByLabel('What to prune').selectOption('unused');
  await expect(dialog.getByRole('list', { name: 'volumes that would be removed' })).toContainText(VOLUME);
  await dialog.getByRole('button', { name: 'Cancel' }).click();

  await page.getByRole('button', { name: `Remove volume ${VOLUME}` }).click();
  const confirm = page.getByRole('dialog', { name: `Remove volume ${VOLUME}?` });
  await confirm.getByRole('button', { name: 'Remove volume' }).click();
  await expect(page.getByText(`Volume ${VOLUME} removed from ${hosts[target.name].name}.`)).toBeVisible();
  await expect(page.getByRole('table', { name: 'Volumes' }).getByRole('rowheader', { name: VOLUME })).toHaveCount(0);
  await page.getByRole('link', { name: 'Networks' }).click();
  await expect(page.getByRole('table', { name: 'Networks' }).getByRole('row').filter({ hasText: 'bridge' }).first()).toBeVisible();
});

/** Creates the account on the Users page (as the administrator) unless it exists, and signs it in in a new browser. */
async function signedIn(browser: Browser, account: { username: string; password: string }, role: 'viewer' | 'operator'): Promise<Page> {
  await ensureUser(page, account, role);
  return signedInPage(browser, account);
}

test('an operator\'s crafted create with privileged mode or a host bind is refused by the workload policy', async ({ browser, baseURL }) => {
  const operator = await signedIn(browser, OPERATOR, 'operator');
  const target = engines[0];
  const base = { hostId: hosts[target.name].id, image: state.image, command: 'sleep 60' };
  const privileged = await postAction(operator.request, createAction, [{ ...base, name: `${PREFIX}privileged`, privileged: true }], { origin: baseURL! });
  expect(privileged.text).toContain('FORBIDDEN');
  expect(privileged.text).toContain('Privileged mode');
  const bind = await postAction(operator.request, createAction, [{ ...base, name: `${PREFIX}bind`, volumes: '/:/host' }], { origin: baseURL! });
  expect(bind.text).toContain('Bind-mounting the host path / is not allowed');
  const made = await dockerOn(target.socket).listContainers({ all: true, filters: JSON.stringify({ name: [`${PREFIX}privileged`, `${PREFIX}bind`] }) });
  expect(made).toHaveLength(0);
  await operator.context().close();
});

test('a viewer sees containers but no actions, and a crafted action POST is refused', async ({ browser, baseURL }) => {
  const viewer = await signedIn(browser, VIEWER, 'viewer');
  const context = viewer.context();
  const target = engines[2];
  const name = nameOf(target.name);
  await openContainers(viewer, PREFIX);
  await expect(rowOf(viewer, name)).toContainText('running');
  await expect(viewer.getByRole('button', { name: /^Actions for / })).toHaveCount(0);
  await expect(viewer.getByRole('link', { name: 'Create container' })).toHaveCount(0);

  await rowOf(viewer, name).getByRole('link', { name }).click();
  await expect(viewer.getByRole('heading', { level: 1 })).toContainText(name);
  await expect(viewer.getByRole('button', { name: /^Actions/ })).toHaveCount(0);
  await viewer.getByRole('tab', { name: 'Environment' }).click();
  await expect(viewer.getByRole('button', { name: 'Reveal values' })).toHaveCount(0);

  await viewer.goto('/containers/new');
  await expect(viewer.getByRole('heading', { name: 'Not allowed' })).toBeVisible();

  const refused = await postAction(viewer.request, stopAction, [{ hostId: hosts[target.name].id, containerId: containerIds[target.name], verb: 'stop' }], { origin: baseURL! });
  expect(refused.text).toContain('FORBIDDEN');
  expect(((await dockerOn(target.socket).getContainer(containerIds[target.name]).inspect()) as { State: { Running: boolean } }).State.Running).toBe(true);
  await context.close();
});
