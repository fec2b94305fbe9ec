// Images, volumes and events of every host in one view each: rows of two lab hosts side by side
// with a Host column, the host picker (?host=) narrowing the table to one host and offering its
// prune; a volume removed from one host (the button and the question name the host) while the
// other host's volume of the same name stays; a volume created from the dialog on a chosen host;
// containers started on two hosts appearing in the one events feed, filtered to one host; and a
// container duplicated into the create form with its environment changed.
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_STATE } from './support/accounts.ts';
import { lab } from './support/fixtures.ts';
import { adminPage } from './support/pages.ts';
import { dockerOn, ensureLabHosts, type ApiHost } from './support/swarms.ts';

test.use({ storageState: ADMIN_STATE });
test.describe.configure({ mode: 'serial' });

const state = lab();
const engines = state.hosts.slice(0, 2);
const run = randomBytes(3).toString('hex');
const REPOSITORY = 'local/e2e-across';
const TAG = `${REPOSITORY}:${run}`;
const VOLUME = `e2e-across-${run}`;
const MADE = `e2e-made-${run}`;
const STARTED = `e2e-across-ev-${run}`;
const COMMAND = ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'];
const ORIGINAL = `e2e-dup-${run}`;

let hosts: Record<string, ApiHost>;
let page: Page;

async function cleanUp() {
  for (const h of engines) {
    const docker = dockerOn(h.socket);
    // By tag, never by id with force: the id is the lab image's own.
    await docker.getImage(TAG).remove().catch(() => {});
    await docker.getVolume(VOLUME).remove().catch(() => {});
    await docker.getVolume(MADE).remove().catch(() => {});
    await docker.getContainer(`${STARTED}-${h.name}`).remove({ force: true }).catch(() => {});
    for (const name of [ORIGINAL, `${ORIGINAL}-copy`]) await docker.getContainer(name).remove({ force: true }).catch(() => {});
  }
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  for (const h of engines) {
    const docker = dockerOn(h.socket);
    await docker.getImage(state.image).tag({ repo: REPOSITORY, tag: run });
    await docker.createVolume({ Name: VOLUME, Labels: { 'wharf.e2e': 'resources-across' } });
  }
  page = await adminPage(browser);
  hosts = await ensureLabHosts(page, engines);
});

test.afterAll(async () => {
  await cleanUp();
  await page?.context().close();
});

test('images of two hosts in one table with a Host column; the host picker narrows it to one', async () => {
  await page.goto('/containers/images');
  await expect(page.getByRole('heading', { level: 1, name: 'Images' })).toBeVisible();
  const table = page.getByRole('table', { name: 'Images' });
  await expect(table.getByRole('columnheader', { name: 'Host' })).toBeVisible();
  await page.getByRole('search', { name: 'Filter images' }).getByLabel('Name').fill(run);
  const rows = table.getByRole('row').filter({ hasText: TAG });
  await expect(rows).toHaveCount(2);
  for (const h of engines) await expect(rows.filter({ has: page.getByRole('link', { name: hosts[h.name].name, exact: true }) })).toHaveCount(1);
  // Pull, push and prune act on one host: offered once one is chosen.
  await expect(page.getByRole('button', { name: 'Prune images…' })).toHaveCount(0);

  const one = hosts[engines[1].name];
  await page.getByRole('combobox', { name: 'Host' }).selectOption({ label: one.name });
  await expect(page).toHaveURL(new RegExp(`[?&]host=${one.id}`));
  await expect(table.getByRole('columnheader', { name: 'Host' })).toHaveCount(0);
  await expect(table.getByRole('row').filter({ hasText: TAG })).toHaveCount(1);
  await expect(page.getByRole('button', { name: 'Prune images…' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Pull an image' })).toBeVisible();
});

test('a volume removed from one host; the same name on the other host stays', async () => {
  await page.goto('/containers/volumes');
  const table = page.getByRole('table', { name: 'Volumes' });
  await page.getByRole('search', { name: 'Filter volumes' }).getByLabel('Name').fill(VOLUME);
  await expect(table.getByRole('rowheader', { name: VOLUME })).toHaveCount(2);
  const [gone, kept] = engines.map((h) => hosts[h.name].name);
  await page.getByRole('button', { name: `Remove volume ${VOLUME} on ${gone}` }).click();
  const confirm = page.getByRole('dialog', { name: `Remove volume ${VOLUME} on ${gone}?` });
  await confirm.getByRole('button', { name: 'Remove volume' }).click();
  await expect(page.getByText(`Volume ${VOLUME} removed from ${gone}.`)).toBeVisible();
  await expect(table.getByRole('rowheader', { name: VOLUME })).toHaveCount(1);
  await expect(table.getByRole('row').filter({ hasText: VOLUME })).toContainText(kept);
});

test('a volume created from the dialog on the chosen host, with a label', async () => {
  const target = hosts[engines[0].name];
  await page.goto(`/containers/volumes?host=${target.id}`);
  await page.getByRole('button', { name: 'Create volume…' }).click();
  const dialog = page.getByRole('dialog', { name: `Create a volume on ${target.name}` });
  await dialog.getByLabel('Name').fill(MADE);
  await dialog.getByLabel('Labels').fill('wharf.e2e=resources-across');
  await dialog.getByRole('button', { name: 'Create volume' }).click();
  await expect(page.getByText(`Volume ${MADE} created on ${target.name}.`)).toBeVisible();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('table', { name: 'Volumes' }).getByRole('rowheader', { name: MADE })).toBeVisible();
  expect((await dockerOn(engines[0].socket).getVolume(MADE).inspect()).Labels).toMatchObject({ 'wharf.e2e': 'resources-across' });
});

test('containers started on two hosts appear in the one events feed; the Host filter keeps one', async () => {
  await page.goto('/containers/events');
  await expect(page.getByRole('status').filter({ hasText: /^Live from/ })).toBeVisible({ timeout: 30_000 });
  await page.getByLabel('Type', { exact: true }).selectOption('container');
  await expect(page.getByRole('status').filter({ hasText: /^Live from/ })).toBeVisible({ timeout: 30_000 });
  for (const h of engines) {
    const container = await dockerOn(h.socket).createContainer({ name: `${STARTED}-${h.name}`, Image: state.image, Cmd: COMMAND, Labels: { 'wharf.e2e': 'resources-across' } });
    await container.start();
  }
  const feed = page.getByRole('table', { name: 'Events on every host' });
  const started = (h: (typeof engines)[number]) => feed.getByRole('row').filter({ hasText: `${STARTED}-${h.name}` }).filter({ has: page.getByRole('cell', { name: 'start', exact: true }) });
  for (const h of engines) await expect(started(h).filter({ has: page.getByRole('cell', { name: hosts[h.name].name, exact: true }) })).toHaveCount(1, { timeout: 15_000 });

  await page.getByLabel('Host filter').selectOption({ label: hosts[engines[1].name].name });
  await expect(started(engines[1])).toHaveCount(1);
  await expect(started(engines[0])).toHaveCount(0);
});

test('a container duplicated into the create form, its environment changed, is created with the rest of its configuration', async () => {
  const docker = dockerOn(engines[0].socket);
  const original = await docker.createContainer({
    name: ORIGINAL,
    Image: state.image,
    Cmd: COMMAND,
    Env: ['GREETING=one', 'LOG_LEVEL=info'],
    Labels: { 'wharf.e2e': 'resources-across', team: 'web' },
    HostConfig: { RestartPolicy: { Name: 'unless-stopped' } },
  });
  await original.start();
  await page.goto(`/containers/${hosts[engines[0].name].id}/${original.id}`);
  await page.getByRole('link', { name: 'Duplicate', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Duplicate ${ORIGINAL}` })).toBeVisible();
  await expect(page.getByLabel('Name', { exact: true })).toHaveValue(`${ORIGINAL}-copy`);
  await expect(page.getByLabel('Restart policy')).toHaveValue('unless-stopped');
  await expect(page.getByRole('region', { name: 'Copied from the original' })).toContainText('team=web');
  const environment = page.getByLabel('Environment');
  await expect(environment).toHaveValue('GREETING=one\nLOG_LEVEL=info');
  await environment.fill('GREETING=two\nLOG_LEVEL=info');
  await page.getByRole('button', { name: 'Create container' }).click();
  await expect(page.getByText(`Container ${ORIGINAL}-copy created and started on ${hosts[engines[0].name].name}.`)).toBeVisible();
  const copy = await docker.getContainer(`${ORIGINAL}-copy`).inspect();
  expect(copy.Config.Env).toEqual(expect.arrayContaining(['GREETING=two', 'LOG_LEVEL=info']));
  expect(copy.Config.Cmd).toEqual(COMMAND);
  expect(copy.Config.Labels).toMatchObject({ 'wharf.e2e': 'resources-across', team: 'web' });
  expect(copy.HostConfig.RestartPolicy?.Name).toBe('unless-stopped');
});
