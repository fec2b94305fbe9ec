// Issue 11's done-when for policies, in a browser: an operator's service with a read-only bind of
// /srv is refused in the service form, the rule and the policy named at the mount; the
// administrator creates a policy on the Policies page, allows /srv read-only with the labelled
// form (a new version), attaches it to the swarm after a confirmation that says what changes and
// that running workloads are not changed; the operator's same submission then passes.
import { randomBytes } from 'node:crypto';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_STATE, OPERATOR } from './support/accounts.ts';
import { lab } from './support/fixtures.ts';
import { adminPage, ensureUser, signedInPage } from './support/pages.ts';
import { createSwarmWithWorkers } from './support/services.ts';
import { dockerOn, ensureLabHosts, labSockets, leaveAllSwarms, nudgeFacts } from './support/swarms.ts';

test.use({ storageState: ADMIN_STATE });
test.describe.configure({ mode: 'serial' });

const state = lab();
const [l1] = state.hosts;
const run = randomBytes(3).toString('hex');
const SWARM = `e2e-policies-${run}`;
const SERVICE = `e2e-srv-${run}`;
const POLICY = `data-ro-${run}`;

let admin: Page;
let operator: Page;
let swarmId: string;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  await leaveAllSwarms(labSockets());
  admin = await adminPage(browser);
  const hosts = await ensureLabHosts(admin, [l1]);
  swarmId = await createSwarmWithWorkers(admin, SWARM, hosts, l1, []);
  await ensureUser(admin, OPERATOR, 'operator');
  operator = await signedInPage(browser, OPERATOR);
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await leaveAllSwarms(labSockets());
  for (const socket of labSockets()) await nudgeFacts(socket).catch(() => {});
  await operator?.context().close();
  await admin?.context().close();
});

test('an operator refused by the default policy in the service form passes once an administrator allows /srv read-only on the Policies page', async () => {
  test.setTimeout(120_000);
  await operator.goto(`/services/new?swarm=${swarmId}`);
  await operator.getByLabel('Name', { exact: true }).fill(SERVICE);
  await operator.getByLabel('Image', { exact: true }).fill(state.image);
  await operator.getByLabel('Command', { exact: true }).fill('sleep 3600');
  await operator.getByRole('button', { name: 'Add mount' }).click();
  await operator.getByLabel('Mount 1 type').selectOption('bind');
  await operator.getByLabel('Mount 1 source').fill('/srv');
  await operator.getByLabel('Mount 1 target').fill('/data');
  await operator.getByLabel('Mount 1 read-only').check();
  await operator.getByRole('button', { name: 'Create service' }).click();
  const source = operator.getByLabel('Mount 1 source');
  await expect(source).toHaveAttribute('aria-invalid', 'true');
  await expect(source).toHaveAccessibleDescription('Bind-mounting the host path /srv is not allowed. (rule Bind paths of policy "Default" (built in))');

  // The operator may read the policies (to understand the refusal) but not change them.
  // (In another tab: the refused form stays filled in, to be submitted again below.)
  const policiesTab = await operator.context().newPage();
  await policiesTab.goto('/policies');
  await expect(policiesTab.getByRole('heading', { level: 1, name: 'Policies' })).toBeVisible();
  await expect(policiesTab.getByRole('button', { name: 'New policy' })).toHaveCount(0);
  await policiesTab.close();

  // The administrator makes a policy from the default and allows /srv read-only.
  await admin.goto('/policies');
  await admin.getByRole('button', { name: 'New policy' }).click();
  await admin.getByRole('dialog').getByLabel('Name').fill(POLICY);
  await admin.getByRole('button', { name: 'Create policy' }).click();
  await expect(admin.getByRole('heading', { level: 1, name: `Policy ${POLICY}` })).toBeVisible();
  await admin.getByRole('button', { name: 'Add bind path' }).click();
  await admin.getByLabel('Bind path 1', { exact: true }).fill('/srv');
  await expect(admin.getByLabel('Read-only (path 1)')).toBeChecked();
  await admin.getByRole('button', { name: 'Save as version 2' }).click();
  await expect(admin.getByRole('button', { name: 'Save as version 3' })).toBeVisible();
  const versions = admin.getByRole('table', { name: 'Versions' });
  await expect(versions.getByRole('row').filter({ hasText: 'Bind paths: none → /srv (read-only)' })).toBeVisible();
  const diff = admin.getByRole('table', { name: 'Rules changed from version 1 to 2' });
  await expect(diff.getByRole('row', { name: /Bind paths none \/srv \(read-only\)/ })).toBeVisible();

  // Attached to the swarm, after a confirmation that says what loosens and what it does not touch.
  await admin.goto('/policies');
  await admin.getByLabel(`Policy for Swarm ${SWARM}`).selectOption({ label: POLICY });
  await admin.getByRole('button', { name: `Apply to Swarm ${SWARM}` }).click();
  const confirm = admin.getByRole('dialog', { name: `Change the policy of Swarm ${SWARM}?` });
  await expect(confirm).toContainText('Running workloads are not changed');
  await expect(confirm.getByRole('list', { name: 'Rules that change' })).toHaveText('Bind paths: none → /srv (read-only)');
  await confirm.getByRole('button', { name: 'Attach policy' }).click();
  await expect(confirm).toBeHidden();
  await expect(admin.getByRole('row', { name: new RegExp(`Swarm ${SWARM}.*${POLICY} \\(version 2\\)`) }).first()).toBeVisible();

  // The operator's same submission now passes.
  await operator.getByRole('button', { name: 'Create service' }).click();
  await expect(operator).toHaveURL(/\/services\/[a-z0-9]{25}\/[a-z0-9]{25}$/, { timeout: 30_000 });
  const services = (await dockerOn(l1.socket).listServices()) as { Spec: { Name: string; TaskTemplate: { ContainerSpec: { Mounts?: { Source: string; ReadOnly?: boolean }[] } } } }[];
  const made = services.find((s) => s.Spec.Name === SERVICE);
  expect(made?.Spec.TaskTemplate.ContainerSpec.Mounts).toEqual([expect.objectContaining({ Source: '/srv', ReadOnly: true })]);
});
