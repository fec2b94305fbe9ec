// First run: a fresh console sends everyone to setup, where the first administrator is made with
// the one-time setup token the console printed when it started (case 42).
import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';
import { ADMIN, ADMIN_STATE, CONSOLE_LOG, USERNAME_RULE } from './support/accounts.ts';
import { captureAction, postAction } from './support/fixtures.ts';

/** The setup token, read from the console's output as an operator would. */
function printedSetupToken(): string {
  const line = readFileSync(CONSOLE_LOG, 'utf8').split('\n').find((l) => l.startsWith('First-run setup:'));
  const token = /setup token (\S+)/.exec(line ?? '')?.[1];
  if (!token) throw new Error(`the console printed no setup token in ${CONSOLE_LOG}`);
  return token;
}

test('first run: create the administrator with the printed setup token and land on an empty dashboard', async ({ page, baseURL }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Welcome to Wharf' })).toBeVisible();
  const tokenField = page.getByLabel('Setup token');
  await expect(tokenField).toBeFocused();
  await expect(page.getByText(/printed it in its output when it started/)).toBeVisible();

  await tokenField.fill('not-the-token');
  await expect(page.getByLabel('Username')).toHaveAccessibleDescription(USERNAME_RULE);
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Confirm password').fill('short');
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page.getByText('At least 10 characters.').last()).toBeVisible();

  // A wrong token is answered on its field, saying where the right one is.
  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Confirm password').fill(ADMIN.password);
  const action = await captureAction(page, () => page.getByRole('button', { name: 'Create administrator' }).click());
  await expect(tokenField).toHaveAccessibleDescription(/^That is not the setup token\. Copy it from Wharf's output, on the line beginning "First-run setup"/);
  await expect(page).toHaveURL(/\/setup$/);

  // A page served under another name pointed at this machine (DNS rebinding) sends its own Host
  // and Origin, which agree with each other: the right token does not help it.
  const token = printedSetupToken();
  const rebound = new URL(baseURL!);
  rebound.hostname = 'rebind.example';
  const replay = await postAction(page.request, action, [{ token, username: 'mallory', password: 'a long password 0' }], { host: rebound.host, origin: rebound.origin });
  expect(replay.text).toContain('Setup only works at an address of this machine, and this page was opened as \\"rebind.example');

  await tokenField.fill(token);
  await page.getByRole('button', { name: 'Create administrator' }).click();

  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No hosts yet' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Add a host' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(['Dashboard', 'Hosts', 'Swarms', 'Stacks', 'Services', 'Containers', 'Registries', 'Users', 'Teams', 'Roles', 'Policies', 'Audit', 'Notifications', 'Backup']);

  // Setup is closed now, for everyone, and the token is worth nothing.
  const anonymous = await page.context().browser()!.newContext();
  const other = await anonymous.newPage();
  await other.goto('/setup');
  await expect(other).toHaveURL(/\/login$/);
  const late = await postAction(anonymous.request, action, [{ token, username: 'late', password: 'a long password 1' }], { origin: new URL(baseURL!).origin });
  expect(late.text).toContain('Wharf is already set up. Sign in instead.');
  await anonymous.close();

  await page.context().storageState({ path: ADMIN_STATE });
});
