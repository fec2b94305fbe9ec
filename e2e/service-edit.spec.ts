// Editing a service on a one-node swarm of lab-1: change a field in the form prefilled from the
// running spec, see the change in the review dialog, apply, see the new value; then edit the
// whole spec as YAML (an environment value left masked keeps its value).
import { expect, test, type Page } from '@playwright/test';
import { stringify } from 'yaml';
import { ADMIN_STATE } from './support/accounts.ts';
import { lab } from './support/fixtures.ts';
import { adminPage } from './support/pages.ts';
import { createSwarmWithWorkers } from './support/services.ts';
import { typeIntoEditor } from './support/stacks.ts';
import { createService, dockerOn, ensureLabHosts, labSockets, leaveAllSwarms, nudgeFacts } from './support/swarms.ts';

test.use({ storageState: ADMIN_STATE });
test.describe.configure({ mode: 'serial' });

const state = lab();
const [l1] = state.hosts;
const SWARM = 'e2e-edit';
const SERVICE = 'e2e-edited';
const MASK = '••••••';

let page: Page;
let swarmId: string;

const spec = async () => (await dockerOn(l1.socket).getService(SERVICE).inspect()) as { Spec: { Labels: Record<string, string>; TaskTemplate: { ContainerSpec: { Env: string[] } } } & Record<string, unknown> };
const editCard = (p: Page) => p.getByRole('region', { name: 'Edit service' });
const reviewDialog = (p: Page) => p.getByRole('dialog', { name: `Apply these changes to ${SERVICE}?` });

test.beforeAll(async ({ browser }) => {
  test.setTimeout(120_000);
  await leaveAllSwarms(labSockets());
  page = await adminPage(browser);
  const hosts = await ensureLabHosts(page, [l1]);
  swarmId = await createSwarmWithWorkers(page, SWARM, hosts, l1, []);
  await createService(l1.socket, {
    Name: SERVICE,
    Labels: { tier: 'web' },
    TaskTemplate: { ContainerSpec: { Image: state.image, Args: ['sh', '-c', 'trap "exit 0" TERM; while true; do sleep 1; done'], Env: ['MODE=one'] } },
    Mode: { Replicated: { Replicas: 1 } },
  });
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await leaveAllSwarms(labSockets());
  for (const socket of labSockets()) await nudgeFacts(socket).catch(() => {});
  await page?.context().close();
});

test('edit a label in the form: the review shows the change, apply, the page shows the new value', async () => {
  test.setTimeout(120_000);
  await page.goto(`/services?swarm=${swarmId}`);
  await page.getByRole('link', { name: SERVICE, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: SERVICE })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Edit service' }).click();
  const card = editCard(page);
  await expect(card.getByLabel('Name', { exact: true })).toHaveValue(SERVICE);
  await expect(card.getByLabel('Image', { exact: true })).toHaveValue(state.image);
  // Environment values are not shown: left masked, they keep their value.
  await expect(card.getByLabel('Variable 1 value')).toHaveValue(MASK);
  await expect(card.getByLabel('Label 1 key')).toHaveValue('tier');
  await card.getByLabel('Label 1 value').fill('api');
  await card.getByRole('button', { name: 'Review changes' }).click();

  const dialog = reviewDialog(page);
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  const row = dialog.getByRole('row', { name: /Labels\.tier/ });
  await expect(row).toContainText('web');
  await expect(row).toContainText('api');
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(editCard(page)).toBeHidden();

  await page.getByText('Spec (JSON, read-only, environment values hidden)').click();
  await expect(page.locator('pre').filter({ hasText: '"tier": "api"' })).toBeVisible({ timeout: 30_000 });
  const after = await spec();
  expect(after.Spec.Labels.tier).toBe('api');
  expect(after.Spec.TaskTemplate.ContainerSpec.Env).toEqual(['MODE=one']);
});

test('edit as YAML: the review shows the change, apply, the new value shows', async () => {
  test.setTimeout(120_000);
  await page.getByRole('button', { name: 'Edit service' }).click();
  const card = editCard(page);
  await card.getByRole('tab', { name: 'Edit as YAML' }).click();
  const { Spec } = await spec();
  const edited = { ...Spec, Labels: { ...Spec.Labels, via: 'yaml' }, TaskTemplate: { ...Spec.TaskTemplate, ContainerSpec: { ...Spec.TaskTemplate.ContainerSpec, Env: [`MODE=${MASK}`] } } };
  await typeIntoEditor(page, 'Service spec (YAML)', stringify(edited));
  await card.getByRole('button', { name: 'Review changes' }).click();

  const dialog = reviewDialog(page);
  await expect(dialog).toBeVisible({ timeout: 30_000 });
  await expect(dialog.getByRole('row', { name: /Labels\.via/ })).toContainText('yaml');
  await expect(dialog.getByRole('row')).toHaveCount(2);
  await dialog.getByRole('button', { name: 'Apply' }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
  await expect(page.locator('pre').filter({ hasText: '"via": "yaml"' })).toBeVisible({ timeout: 30_000 });
  const after = await spec();
  expect(after.Spec.Labels).toMatchObject({ tier: 'api', via: 'yaml' });
  expect(after.Spec.TaskTemplate.ContainerSpec.Env).toEqual(['MODE=one']);
});
