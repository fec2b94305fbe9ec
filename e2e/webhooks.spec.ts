// An inbound webhook in a real browser and over HTTP: on a service's page the administrator makes
// its webhook (the URL is shown once, with a copy button), a script with no cookie POSTs a new tag
// to it and the service's image on the swarm changes, the card shows the last use; regenerating
// (behind a confirmation) stops the old URL, and deleting stops the new one — both answer 404.
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_STATE } from './support/accounts.ts';
import { lab } from './support/fixtures.ts';
import { adminPage } from './support/pages.ts';
import { createSwarmThroughForm } from './support/stacks.ts';
import { dockerOn, ensureLabHosts, labSockets, leaveAllSwarms, leaveLabSwarms } from './support/swarms.ts';

test.use({ storageState: ADMIN_STATE });
test.describe.configure({ mode: 'serial' });

const state = lab();
const [l1] = state.hosts;
const SERVICE = 'e2e-hooked';
const [REPO] = state.image.split(':') as [string];
const TAG = `e2e-hook-${Date.now().toString(36)}`;
let page: Page;
let swarmId: string;
let serviceId: string;

const imageOf = async () => ((await dockerOn(l1.socket).getService(serviceId).inspect()).Spec as { TaskTemplate: { ContainerSpec: { Image: string } } }).TaskTemplate.ContainerSpec.Image;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  await leaveAllSwarms(labSockets());
  page = await adminPage(browser);
  const hosts = await ensureLabHosts(page, [l1]);
  swarmId = await createSwarmThroughForm(page, hosts[l1.name], 'e2e-hooks', l1.address);
  const docker = dockerOn(l1.socket);
  await docker.getImage(state.image).tag({ repo: REPO, tag: TAG });
  const created = (await docker.createService({ Name: SERVICE, TaskTemplate: { ContainerSpec: { Image: state.image, Command: ['sleep', '3600'] } }, Mode: { Replicated: { Replicas: 1 } } } as never)) as { id?: string; ID?: string };
  serviceId = String(created.id ?? created.ID);
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await leaveLabSwarms(page);
  await dockerOn(l1.socket).getImage(`${REPO}:${TAG}`).remove().catch(() => {});
});

test('a webhook made on the service page redeploys with a new tag from a script; regenerating and deleting stop its URLs', async ({ playwright, baseURL }) => {
  test.setTimeout(120_000);
  await page.goto(`/services/${swarmId}/${serviceId}`);
  const card = page.getByRole('region', { name: 'Webhook', exact: true });
  await expect(card.getByText('No webhook yet.')).toBeVisible();
  await card.getByRole('button', { name: 'Create webhook' }).click();

  const dialog = page.getByRole('dialog', { name: `Webhook URL for ${SERVICE}` });
  await expect(dialog.getByRole('button', { name: 'Copy URL' })).toBeVisible();
  const url = await dialog.getByLabel('Webhook URL').inputValue();
  expect(url).toMatch(/\/api\/hooks\/wharf_hook_[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(card).toContainText('never used');

  // A client with no cookie at all, as a pipeline would be.
  const script = await playwright.request.newContext({ baseURL });
  const called = await script.post(url, { data: { tag: TAG } });
  expect(called.status()).toBe(200);
  expect(await called.json()).toMatchObject({ kind: 'service', name: SERVICE, image: `${REPO}:${TAG}` });
  expect(await imageOf()).toMatch(new RegExp(`^${REPO}:${TAG}`));
  await page.reload();
  await expect(card).toContainText('last used');

  await card.getByRole('button', { name: 'Regenerate URL' }).click();
  await page.getByRole('dialog', { name: 'Regenerate the webhook URL?' }).getByRole('button', { name: 'Regenerate' }).click();
  const regenerated = page.getByRole('dialog', { name: `Webhook URL for ${SERVICE}` });
  const next = await regenerated.getByLabel('Webhook URL').inputValue();
  expect(next).not.toBe(url);
  await regenerated.getByRole('button', { name: 'Done' }).click();
  const old = await script.post(url);
  expect([old.status(), await old.json()]).toEqual([404, { code: 'NOT_FOUND', message: 'There is no webhook at this address.' }]);

  await card.getByRole('button', { name: 'Delete webhook' }).click();
  await page.getByRole('dialog', { name: 'Delete the webhook?' }).getByRole('button', { name: 'Delete' }).click();
  await expect(card.getByText('No webhook yet.')).toBeVisible();
  const gone = await script.post(next);
  expect([gone.status(), await gone.json()]).toEqual([404, { code: 'NOT_FOUND', message: 'There is no webhook at this address.' }]);
  await script.dispose();
});
