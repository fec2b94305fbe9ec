// Pages of their own for a spec (a browser context per page), signed in as the administrator or as
// another account, which the administrator creates on the Users page when it is missing.
import { expect, type Browser, type Page } from '@playwright/test';
import { ADMIN_STATE } from './accounts.ts';
import { signIn } from './fixtures.ts';

type Account = { username: string; password: string };

/** A page in a new browser context signed in as the administrator (the first-run setup's session). */
export async function adminPage(browser: Browser): Promise<Page> {
  return (await browser.newContext({ storageState: ADMIN_STATE })).newPage();
}

/** A page in a new browser context signed in through the login form as `account`. */
export async function signedInPage(browser: Browser, account: Account): Promise<Page> {
  // browser.newContext() inherits test.use() options, storage state included: start signed out.
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, account);
  return page;
}

/** Creates the account with the Users page's "New user" dialog (`page` is the administrator's, on /users). */
export async function addUser(page: Page, account: Account, role: 'viewer' | 'operator'): Promise<void> {
  await page.getByRole('button', { name: 'New user' }).click();
  const dialog = page.getByRole('dialog', { name: 'New user' });
  await dialog.getByLabel('Username').fill(account.username);
  await dialog.getByLabel('Password').fill(account.password);
  await dialog.getByLabel('Role').selectOption(role);
  await dialog.getByRole('button', { name: 'Create user' }).click();
  await expect(dialog).toBeHidden();
}

/** Creates the account on the Users page (`page` is the administrator's) unless it is listed there already. */
export async function ensureUser(page: Page, account: Account, role: 'viewer' | 'operator'): Promise<void> {
  await page.goto('/users');
  await expect(page.getByRole('button', { name: 'New user' })).toBeVisible();
  if ((await page.getByRole('row').filter({ hasText: account.username }).count()) === 0) await addUser(page, account, role);
}
