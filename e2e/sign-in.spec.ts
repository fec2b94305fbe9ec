// Signing in and out through the real form and next-auth, with database sessions.
import { expect, test } from '@playwright/test';
import { ADMIN } from './support/accounts.ts';
import { signIn } from './support/fixtures.ts';

test('a wrong password is refused with a message that does not say which part was wrong', async ({ page }) => {
  await page.goto('/hosts');
  await expect(page).toHaveURL(/\/login/);
  await page.getByLabel('Username').fill(ADMIN.username);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong' })).toHaveText('Wrong username or password.');
  await page.getByLabel('Username').fill('no-such-user');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong' })).toHaveText('Wrong username or password.');
});

test('signing in opens the console; signing out ends the session on the server', async ({ page, browser }) => {
  await signIn(page, ADMIN);
  await expect(page.getByText(ADMIN.username, { exact: true })).toBeVisible();
  const cookies = await page.context().cookies();
  const session = cookies.find((c) => c.name === 'wharf.session');
  expect(session?.httpOnly).toBe(true);

  await page.getByRole('button', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);

  // The old cookie is worthless now, even if someone kept a copy.
  const replay = await browser.newContext();
  await replay.addCookies([session!]);
  const again = await replay.newPage();
  await again.goto('/hosts');
  await expect(again).toHaveURL(/\/login/);
  const api = await replay.request.get('/api/hosts');
  expect(api.status()).toBe(401);
  await replay.close();
});

test('a session cookie planted before sign-in is replaced, and never grants access', async ({ page, context, baseURL }) => {
  const planted = 'A'.repeat(43);
  await context.addCookies([{ name: 'wharf.session', value: planted, url: baseURL! }]);
  await page.goto('/hosts');
  await expect(page).toHaveURL(/\/login/);
  await signIn(page, ADMIN);
  const session = (await context.cookies()).find((c) => c.name === 'wharf.session');
  expect(session?.value).toBeTruthy();
  expect(session?.value).not.toBe(planted);
});

test('a request claiming to be a middleware subrequest still needs a session', async ({ request }) => {
  const headers = { 'x-middleware-subrequest': 'middleware:middleware:middleware:middleware:middleware' };
  const api = await request.get('/api/hosts', { headers });
  expect(api.status()).toBe(401);
  const page = await request.get('/hosts', { headers, maxRedirects: 0 });
  expect(page.status()).toBeGreaterThanOrEqual(300);
  expect(page.status()).toBeLessThan(400);
  expect(page.headers().location).toMatch(/\/login/);
});
