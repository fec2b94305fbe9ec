// Access control through every door: the Users page creates the accounts; a viewer cannot add or
// remove hosts and an operator cannot manage users, whether through the UI or a crafted POST to
// the server action; a foreign or missing Origin is refused; a role change applies at once.
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_STATE, OPERATOR, VIEWER } from './support/accounts.ts';
import { captureAction, lab, postAction, type CapturedAction } from './support/fixtures.ts';
import { addUser, signedInPage } from './support/pages.ts';

test.describe.configure({ mode: 'serial' });

const state = lab();
let registerHost: CapturedAction;
let createUser: CapturedAction;

async function hostNames(page: Page): Promise<string[]> {
  const response = await page.request.get('/api/hosts');
  expect(response.ok()).toBe(true);
  return ((await response.json()) as { name: string }[]).map((h) => h.name);
}

test.describe('as the administrator', () => {
  test.use({ storageState: ADMIN_STATE });

  test('creates an operator and a viewer on the Users page', async ({ page }) => {
    await page.goto('/users');
    for (const [account, role] of [[OPERATOR, 'operator'], [VIEWER, 'viewer']] as const) {
      await addUser(page, account, role);
      await expect(page.getByRole('row').filter({ hasText: account.username })).toContainText(role === 'operator' ? 'Operator' : 'Viewer');
    }
  });

  test('learns the ids of two server actions by using them', async ({ page }) => {
    await page.goto('/hosts/new');
    await page.getByLabel('Name').fill('probe-only');
    await page.getByRole('radio', { name: /Unix socket/ }).check();
    await page.getByLabel('Socket path').fill('/tmp/no-engine-here.sock');
    registerHost = await captureAction(page, () => page.getByRole('button', { name: 'Add host' }).click());
    await expect(page.getByRole('alert').filter({ hasText: 'no socket' }).first()).toBeVisible();

    await page.goto('/users');
    await page.getByRole('button', { name: 'New user' }).click();
    const dialog = page.getByRole('dialog', { name: 'New user' });
    await dialog.getByLabel('Username').fill('x');
    createUser = await captureAction(page, () => dialog.getByRole('button', { name: 'Create user' }).click());
    expect(registerHost.id).not.toBe(createUser.id);
  });

  test('a crafted POST with a foreign, "null" or missing Origin changes nothing', async ({ page, baseURL }) => {
    const input = { name: 'cross-site', description: '', transport: 'unix', socketPath: state.hosts[0].socket };
    for (const origin of ['http://evil.example', 'null', undefined]) {
      const headers: Record<string, string> = origin ? { origin } : {};
      const response = await postAction(page.request, registerHost, [input], headers);
      expect(response.text).not.toContain('"ok":true');
    }
    expect(await hostNames(page)).not.toContain('cross-site');
    // The same POST from our own origin does work: the refusals above were about the Origin.
    const ok = await postAction(page.request, registerHost, [{ ...input, name: 'same-site' }], { origin: baseURL! });
    expect(ok.text).toContain('"ok":true');
    expect(await hostNames(page)).toContain('same-site');
  });
});

test.describe('as the administrator, crafted input', () => {
  test.use({ storageState: ADMIN_STATE });

  test('malformed and oversized input is refused with field errors, and the console keeps working', async ({ page, baseURL }) => {
    const origin = { origin: baseURL! };
    const wrongTransport = await postAction(page.request, registerHost, [{ name: 'bad', transport: 'ftp', socketPath: '/x' }], origin);
    expect(wrongTransport.text).toContain('INVALID_INPUT');
    const wrongTypes = await postAction(page.request, registerHost, [{ name: 42, transport: 'unix', socketPath: ['/var/run/docker.sock'] }], origin);
    expect(wrongTypes.text).toContain('INVALID_INPUT');
    const traversal = await postAction(page.request, registerHost, [{ name: '../../etc', transport: 'unix', socketPath: state.hosts[0].socket }], origin);
    expect(traversal.text).toContain('INVALID_INPUT');
    const longName = await postAction(page.request, registerHost, [{ name: 'x'.repeat(10_000), transport: 'unix', socketPath: state.hosts[0].socket }], origin);
    expect(longName.text).toContain('At most 63 characters.');
    const hugePem = await postAction(page.request, registerHost, [{ name: 'huge', transport: 'tcp', host: '10.99.0.12', ca: 'A'.repeat(100_000), cert: 'B', key: 'C' }], origin);
    expect(hugePem.text).toContain('too long');
    expect(await hostNames(page)).toEqual(expect.not.arrayContaining(['bad', 'huge', '../../etc']));
    // Past the body limit the request does not reach Wharf at all (the server may drop the connection).
    const tooBig = await postAction(page.request, registerHost, [{ name: 'big', transport: 'unix', socketPath: 'x'.repeat(3_000_000) }], origin).catch((e: Error) => ({ status: 0, text: e.message }));
    expect(tooBig.text).not.toContain('"ok":true');
    await page.goto('/hosts');
    await expect(page.getByRole('heading', { name: 'Hosts' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'big', exact: true })).toHaveCount(0);
  });
});

test('a viewer sees hosts but cannot add or remove them, through the UI or a direct POST', async ({ browser, baseURL }) => {
  const page = await signedInPage(browser, VIEWER);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Users' })).toHaveCount(0);
  await expect(nav.getByRole('link', { name: 'Audit' })).toHaveCount(0);

  await page.goto('/hosts');
  await expect(page.getByRole('link', { name: 'same-site' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Add host' })).toHaveCount(0);
  await page.getByRole('link', { name: 'same-site' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('same-site');
  await expect(page.getByRole('button', { name: 'Remove' })).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Edit' })).toHaveCount(0);

  await page.goto('/hosts/new');
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();

  const response = await postAction(page.request, registerHost, [{ name: 'viewer-host', description: '', transport: 'unix', socketPath: state.hosts[0].socket }], { origin: baseURL! });
  expect(response.text).toContain('FORBIDDEN');
  expect(await hostNames(page)).not.toContain('viewer-host');
  await page.context().close();
});

test('an operator manages hosts but not users, through the UI or a direct POST', async ({ browser, baseURL }) => {
  const page = await signedInPage(browser, OPERATOR);
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Users' })).toHaveCount(0);
  await page.goto('/users');
  await expect(page.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await page.goto('/hosts');
  await expect(page.getByRole('link', { name: 'Add host' })).toBeVisible();

  const response = await postAction(page.request, createUser, [{ username: 'mallory', password: 'mallory-password', role: 'admin' }], { origin: baseURL! });
  expect(response.text).toContain('FORBIDDEN');
  await page.context().close();
});

test.describe('as the administrator, afterwards', () => {
  test.use({ storageState: ADMIN_STATE });

  test('denied attempts are in the audit log, and nobody called mallory exists', async ({ page }) => {
    await page.goto('/users');
    await expect(page.getByRole('row').filter({ hasText: 'mallory' })).toHaveCount(0);
    await page.goto('/audit?result=denied');
    const rows = page.getByRole('row');
    await expect(rows.filter({ hasText: 'action.origin-check' }).filter({ hasText: 'Origin http://evil.example' }).first()).toBeVisible();
    await expect(rows.filter({ hasText: 'action.origin-check' }).filter({ hasText: 'Origin null' }).first()).toBeVisible();
    await expect(rows.filter({ hasText: VIEWER.username }).filter({ hasText: 'host.create' }).first()).toBeVisible();
    await expect(rows.filter({ hasText: OPERATOR.username }).filter({ hasText: 'user.manage' }).first()).toBeVisible();
  });

  test('a role change applies to an open session at once', async ({ page, browser }) => {
    const viewer = await signedInPage(browser, VIEWER);
    await viewer.goto('/hosts');
    await expect(viewer.getByRole('link', { name: 'Add host' })).toHaveCount(0);

    await page.goto('/users');
    await page.getByRole('button', { name: `Change role for ${VIEWER.username}` }).click();
    const dialog = page.getByRole('dialog', { name: `Change role for ${VIEWER.username}` });
    await dialog.getByLabel('Role').selectOption('operator');
    await dialog.getByRole('button', { name: 'Save role' }).click();
    await expect(page.getByRole('row').filter({ hasText: VIEWER.username })).toContainText('Operator');

    await viewer.reload();
    await expect(viewer.getByRole('link', { name: 'Add host' })).toBeVisible();
    await viewer.context().close();
  });

  test('disabling a user signs them out everywhere at once, live page included', async ({ page, browser }) => {
    const victim = await signedInPage(browser, VIEWER);
    await victim.goto('/hosts');
    await page.goto('/users');
    await page.getByRole('button', { name: `Disable ${VIEWER.username}` }).click();
    await page.getByRole('dialog', { name: `Disable ${VIEWER.username}?` }).getByRole('button', { name: 'Disable user' }).click();
    await expect(page.getByRole('row').filter({ hasText: VIEWER.username })).toContainText(/Disabled/i);
    // The open page's live connection is closed and it is sent to sign in, without a reload.
    await expect(victim).toHaveURL(/\/login/, { timeout: 10_000 });
    expect((await victim.request.get('/api/hosts')).status()).toBe(401);
    await victim.context().close();
  });
});
