// Services, secrets, configs, networks and volumes through the console, on a swarm of three lab
// engines: create a service from the form and watch it live, scale it inline, a rolling image
// update to the end, rollback, force redeploy; secrets (value never shown, refused while in use),
// configs (content revealed on request), an overlay network, a node's volume; remove the service by its name.
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_STATE } from './support/accounts.ts';
import { lab } from './support/fixtures.ts';
import { adminPage } from './support/pages.ts';
import { cellOf, confirmAction, createSwarmWithWorkers, removeThroughDialog, rowOf, submitDialog } from './support/services.ts';
import { apiHosts, dockerOn, ensureLabHosts, isHostOf, labSockets, leaveAllSwarms, nudgeFacts, type ApiHost } from './support/swarms.ts';

test.use({ storageState: ADMIN_STATE });
test.describe.configure({ mode: 'serial' });

const state = lab();
const [l1, l2, l3] = state.hosts;
const SWARM = 'e2e-services';
const SERVICE = 'e2e-web';
const USED_SECRET = 'e2e-api-key';
const USED_SECRET_VALUE = 'used-secret-value-7d1f';
const SECRET = 'e2e-token';
const SECRET_VALUE = 'never-show-me-42ab';
const CONFIG = 'e2e-app.conf';
const NETWORK = 'e2e-net';
const VOLUME = 'e2e-unused-volume';
// A task that stops on SIGTERM (a bare `sleep` as PID 1 ignores it and waits out the grace period).
const COMMAND = `sh -c 'trap "exit 0" TERM; while true; do sleep 1; done'`;

let hosts: Record<string, ApiHost>;
let swarmId: string;
let page: Page;

const url = (path: string) => `${path}?swarm=${swarmId}`;
const progress = (p: Page) => p.getByRole('progressbar', { name: 'Update progress' });
const updateCard = (p: Page) => p.getByRole('region', { name: 'Rolling update' });

async function removeVolumeEverywhere() {
  for (const h of [l1, l2, l3]) await dockerOn(h.socket).getVolume(VOLUME).remove({ force: true }).catch(() => {});
}

/** Creates a secret with the Secrets page's dialog (and labels, when given). */
async function createSecret(name: string, value: string, labels?: string) {
  await page.goto(url('/services/secrets'));
  await page.getByRole('button', { name: 'Create secret' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create a secret' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Value', { exact: true }).fill(value);
  if (labels) await dialog.getByLabel('Labels').fill(labels);
  await submitDialog(dialog, 'Create secret');
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  await leaveAllSwarms(labSockets());
  // A second tag of the lab image on every engine, for a rolling update without a registry.
  for (const h of [l1, l2, l3]) await dockerOn(h.socket).getImage(state.image).tag({ repo: 'local/busybox', tag: 'v2' });
  await removeVolumeEverywhere();
  await dockerOn(l2.socket).createVolume({ Name: VOLUME, Labels: { 'wharf.e2e': 'services' } });
  page = await adminPage(browser);
  hosts = await ensureLabHosts(page, [l1, l2, l3]);
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await leaveAllSwarms(labSockets());
  for (const socket of labSockets()) await nudgeFacts(socket).catch(() => {});
  await removeVolumeEverywhere();
  await page?.context().close();
});

test('with a swarm of lab-1..3 and nothing on it, the services page says how to start', async () => {
  test.setTimeout(120_000);
  swarmId = await createSwarmWithWorkers(page, SWARM, hosts, l1, [l2, l3]);
  await page.goto('/services');
  await expect(page.getByRole('heading', { level: 1, name: 'Services' })).toBeVisible();
  // With several swarms the picker keeps the choice in the URL.
  const picker = page.getByLabel('Swarm', { exact: true });
  if (await picker.count()) {
    await picker.selectOption(swarmId);
    await expect(page).toHaveURL(url('/services'));
  }
  await page.goto(url('/services'));
  await expect(page.getByRole('heading', { name: 'No services yet' })).toBeVisible({ timeout: 30_000 });
  const tabs = page.getByRole('navigation', { name: 'Services sections' });
  await expect(tabs.getByRole('link', { name: 'Services' })).toHaveAttribute('aria-current', 'page');
  await tabs.getByRole('link', { name: 'Volumes' }).click();
  await expect(page).toHaveURL(url('/services/volumes'));
});

test('create a secret, then a service from the form that uses it; the list shows it live at 2/2', async () => {
  test.setTimeout(120_000);
  await createSecret(USED_SECRET, USED_SECRET_VALUE);
  await expect(rowOf(page, 'Secrets', USED_SECRET)).toBeVisible();
  await expect(page.getByText(USED_SECRET_VALUE)).toHaveCount(0);

  await page.getByRole('navigation', { name: 'Services sections' }).getByRole('link', { name: 'Services' }).click();
  await page.getByRole('link', { name: 'Create a service' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: 'Create a service' })).toBeVisible();
  // A problem the server finds comes back at its field, and what was typed stays.
  await page.getByLabel('Name', { exact: true }).fill(SERVICE);
  await page.getByLabel('Image', { exact: true }).fill('not an image!');
  await page.getByLabel('Command', { exact: true }).fill(COMMAND);
  await page.getByRole('button', { name: 'Create service' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Not an image reference.' })).toBeVisible();
  await expect(page.getByLabel('Image', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Command', { exact: true })).toHaveValue(COMMAND);

  await page.getByLabel('Image', { exact: true }).fill(state.image);
  await page.getByLabel('Replicas', { exact: true }).fill('2');
  await page.getByRole('checkbox', { name: USED_SECRET }).check();
  await page.getByLabel(`File name for secret ${USED_SECRET}`).fill('api-key');
  await page.getByRole('button', { name: 'Add label' }).click();
  await page.getByLabel('Label 1 key').fill('team');
  await page.getByLabel('Label 1 value').fill('e2e');
  await page.getByRole('button', { name: 'Create service' }).click();
  await expect(page).toHaveURL(/\/services\/[a-z0-9]{25}\/[a-z0-9]{25}$/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1, name: SERVICE })).toBeVisible({ timeout: 30_000 });

  await page.getByRole('link', { name: '← All services' }).click();
  await expect(page).toHaveURL(url('/services'));
  await expect(await cellOf(page, 'Services', SERVICE, 'Replicas')).toHaveText('2/2', { timeout: 60_000 });
  await expect(await cellOf(page, 'Services', SERVICE, 'Image')).toHaveText(state.image);
  await expect(await cellOf(page, 'Services', SERVICE, 'Mode')).toHaveText('replicated');
});

test('scale to 3 from the list', async () => {
  test.setTimeout(90_000);
  await page.goto(url('/services'));
  const row = rowOf(page, 'Services', SERVICE);
  await row.getByLabel(`Replicas for ${SERVICE}`).fill('3');
  await row.getByRole('button', { name: 'Scale' }).click();
  await expect(await cellOf(page, 'Services', SERVICE, 'Replicas')).toHaveText('3/3', { timeout: 60_000 });
});

test('update the image: the progress bar reaches 3 of 3, with the state and the failure action', async () => {
  test.setTimeout(150_000);
  await page.goto(url('/services'));
  await page.getByRole('link', { name: SERVICE, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: SERVICE })).toBeVisible({ timeout: 30_000 });
  await expect(updateCard(page)).toContainText('No update has run');
  await updateCard(page).getByLabel('New image').fill('local/busybox:v2');
  await updateCard(page).getByRole('button', { name: 'Update image' }).click();

  // The bar appears with the update, counting the tasks of the new spec out of the replicas.
  await expect(progress(page)).toHaveAttribute('aria-valuemax', '3', { timeout: 30_000 });
  await expect(updateCard(page)).toContainText('pause the update');
  const tasks = page.getByRole('table', { name: 'Tasks' });
  await expect(tasks.getByRole('row').filter({ hasText: 'local/busybox:v2' }).filter({ hasText: /running\s*running/ })).toHaveCount(3, { timeout: 120_000 });
  await expect(progress(page)).toHaveAttribute('aria-valuenow', '3', { timeout: 60_000 });
  await expect(updateCard(page)).toContainText('3 of 3 tasks updated');
  await expect(updateCard(page)).toContainText('update completed', { timeout: 60_000 });
  await expect(page.getByLabel('Image', { exact: true })).toHaveText('local/busybox:v2');
  await expect(page.getByLabel('Tasks running', { exact: true })).toHaveText('3/3');
});

test('roll back to the previous image after confirming', async () => {
  test.setTimeout(150_000);
  await confirmAction(page, 'Roll back', `Roll back ${SERVICE}?`);
  await expect(updateCard(page)).toContainText('rolled back', { timeout: 120_000 });
  await expect(updateCard(page)).toContainText('3 of 3 tasks rolled back');
  const tasks = page.getByRole('table', { name: 'Tasks' });
  await expect(tasks.getByRole('row').filter({ hasText: state.image }).filter({ hasText: /running\s*running/ })).toHaveCount(3);
  await expect(page.getByLabel('Image', { exact: true })).toHaveText(state.image);
});

test('force redeploy after confirming: the swarm runs an update to the end again', async () => {
  test.setTimeout(150_000);
  await confirmAction(page, 'Force redeploy', `Force redeploy ${SERVICE}?`);
  // A forced update is an update: it ends as one, with every task on the (unchanged) spec again.
  await expect(updateCard(page)).toContainText('update completed', { timeout: 120_000 });
  await expect(progress(page)).toHaveAttribute('aria-valuenow', '3', { timeout: 60_000 });
  await expect(updateCard(page)).toContainText('3 of 3 tasks updated');
});

test("the service's logs page downloads every task's logs as a text file named after the service", async () => {
  await page.getByRole('link', { name: 'Logs of every task' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Logs of ${SERVICE}` })).toBeVisible();
  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download logs' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(new RegExp(`^${SERVICE}-logs-[0-9T-]+Z\\.txt$`));
  expect(await download.failure()).toBeNull();
});

test('a secret a service uses cannot be removed: the refusal names the service', async () => {
  await page.goto(url('/services/secrets'));
  await expect(await cellOf(page, 'Secrets', USED_SECRET, 'Used by')).toHaveText(SERVICE);
  await page.getByRole('button', { name: `Remove secret ${USED_SECRET}` }).click();
  const dialog = page.getByRole('dialog', { name: `Remove secret ${USED_SECRET}?` });
  await dialog.getByRole('button', { name: 'Remove secret' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'in use' })).toContainText(SERVICE, { timeout: 30_000 });
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  await expect(rowOf(page, 'Secrets', USED_SECRET)).toBeVisible();
});

test('a secret and a config: the secret value is never shown, the config content only when revealed; both removed', async () => {
  test.setTimeout(90_000);
  await createSecret(SECRET, SECRET_VALUE, 'env=e2e');
  await expect(await cellOf(page, 'Secrets', SECRET, 'Used by')).toHaveText('nothing');
  await page.getByRole('button', { name: `Inspect ${SECRET}` }).click();
  let dialog = page.getByRole('dialog', { name: `Secret ${SECRET}` });
  await expect(dialog).toContainText('never shown');
  await expect(dialog.getByRole('list', { name: 'Labels' })).toContainText('env=e2e');
  await expect(page.getByText(SECRET_VALUE)).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await removeThroughDialog(page, { table: 'Secrets', kind: 'secret', name: SECRET });

  await page.getByRole('navigation', { name: 'Services sections' }).getByRole('link', { name: 'Configs' }).click();
  await expect(page).toHaveURL(url('/services/configs'));
  await page.getByRole('button', { name: 'Create config' }).first().click();
  dialog = page.getByRole('dialog', { name: 'Create a config' });
  await dialog.getByLabel('Name', { exact: true }).fill(CONFIG);
  await dialog.getByLabel('Load the content from a file').setInputFiles({ name: 'app.conf', mimeType: 'text/plain', buffer: Buffer.from('port=8080\nmode=e2e\n') });
  await expect(dialog.getByLabel('Content', { exact: true })).toHaveValue('port=8080\nmode=e2e\n');
  await submitDialog(dialog, 'Create config');
  await page.getByRole('button', { name: `Inspect ${CONFIG}` }).click();
  dialog = page.getByRole('dialog', { name: `Config ${CONFIG}` });
  // Hidden until revealed, like an environment: the reveal is audited.
  await expect(dialog).toContainText('The content is hidden.');
  await expect(dialog.getByText('port=8080')).toHaveCount(0);
  await dialog.getByRole('button', { name: 'Reveal content' }).click();
  await expect(dialog.getByLabel('Content')).toContainText('port=8080');
  await dialog.getByRole('button', { name: 'Close' }).last().click();
  await removeThroughDialog(page, { table: 'Configs', kind: 'config', name: CONFIG });
});

test('create an encrypted, attachable overlay network with a subnet, then remove it', async () => {
  test.setTimeout(90_000);
  await page.goto(url('/services/networks'));
  await page.getByRole('button', { name: 'Create network' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Create an overlay network' });
  await dialog.getByLabel('Name', { exact: true }).fill(NETWORK);
  await dialog.getByLabel('Subnet', { exact: true }).fill('10.31.0.0/24');
  await dialog.getByRole('checkbox', { name: /Attachable/ }).check();
  await dialog.getByRole('checkbox', { name: /Encrypted/ }).check();
  await submitDialog(dialog, 'Create network');
  await expect(await cellOf(page, 'Networks', NETWORK, 'Driver')).toHaveText('overlay');
  await expect(await cellOf(page, 'Networks', NETWORK, 'Subnet')).toHaveText('10.31.0.0/24');
  await expect(await cellOf(page, 'Networks', NETWORK, 'Encrypted')).toHaveText('yes');
  await expect(await cellOf(page, 'Networks', NETWORK, 'Attachable')).toHaveText('yes');
  await expect(await cellOf(page, 'Networks', NETWORK, 'Internal')).toHaveText('no');
  await removeThroughDialog(page, { table: 'Networks', kind: 'network', name: NETWORK });
});

test("list the nodes' volumes and remove an unused one", async () => {
  test.setTimeout(90_000);
  await page.goto(url('/services/volumes'));
  await expect(await cellOf(page, 'Volumes', VOLUME, 'Node')).toHaveText(l2.name);
  // Earlier specs may have registered lab-2 more than once (socket, TLS): any of its hosts will do.
  const lab2Hosts = (await apiHosts(page)).filter((h) => isHostOf(h, l2)).map((h) => h.name);
  expect(lab2Hosts).toContain(hosts[l2.name].name);
  expect(lab2Hosts).toContain((await (await cellOf(page, 'Volumes', VOLUME, 'Host')).textContent())?.trim());
  await expect(await cellOf(page, 'Volumes', VOLUME, 'In use by')).toHaveText('nothing');
  await removeThroughDialog(page, { table: 'Volumes', kind: 'volume', name: VOLUME, label: `${VOLUME} on ${l2.name}` });
});

test('remove the service by typing its name', async () => {
  test.setTimeout(90_000);
  await page.goto(url('/services'));
  await page.getByRole('link', { name: SERVICE, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: SERVICE })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Remove service' }).click();
  const dialog = page.getByRole('dialog', { name: `Remove ${SERVICE}?` });
  const confirm = dialog.getByRole('button', { name: 'Remove service' });
  await dialog.getByLabel(`Type ${SERVICE} to confirm`).fill(SERVICE.slice(0, -1));
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type ${SERVICE} to confirm`).fill(SERVICE);
  await confirm.click();
  await expect(page).toHaveURL(url('/services'), { timeout: 30_000 });
  await expect(page.getByRole('heading', { name: 'No services yet' })).toBeVisible({ timeout: 30_000 });
});
