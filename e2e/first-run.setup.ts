// First run: a fresh console sends everyone to setup, where the first administrator is made.
import { expect, test } from '@playwright/test';
import { ADMIN, ADMIN_STATE } from './support/accounts.ts';

test('first run: create the administrator and land on an empty dashboard', async ({ page }) => {
  await page.goto('/');
  await expect(page).toHaveURL(/\/setup$/);
  await expect(page.getByRole('heading', { name: 'Welcome to Wharf' })).toBeVisible();

  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password', { exact: true }).fill('short');
  await page.getByLabel('Confirm password').fill('short');
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expect(page.getByText('At least 10 characters.').last()).toBeVisible();

  await page.getByLabel('Password', { exact: true }).fill(ADMIN.password);
  await page.getByLabel('Confirm password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Create administrator' }).click();

  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'No hosts yet' })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Add a host' })).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link')).toHaveText(['Dashboard', 'Hosts', 'Swarms', 'Stacks', 'Services', 'Containers', 'Registries', 'Users', 'Policies', 'Audit']);

  // Setup is closed now, for everyone.
  const anonymous = await page.context().browser()!.newContext();
  const other = await anonymous.newPage();
  await other.goto('/setup');
  await expect(other).toHaveURL(/\/login$/);
  await anonymous.close();

  await page.context().storageState({ path: ADMIN_STATE });
});
