// Signing in and out through the real form and next-auth, with database sessions.
import { expect, test, type APIRequestContext } from '@playwright/test';
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

// Case 43. The test browser stands for a reverse proxy on loopback (WHARF_TRUSTED_PROXIES=127.0.0.1
// in e2e/support/start-console.ts): the address in its X-Forwarded-For is the client's.
/** next-auth's CSRF token for the request context (its cookie is kept there). */
const csrf = async (request: APIRequestContext) => ((await (await request.get('/api/auth/csrf')).json()) as { csrfToken: string }).csrfToken;

/** Posts the sign-in form the way next-auth's own client does, from `forwardedFor`. */
async function postSignIn(request: APIRequestContext, csrfToken: string, account: { username: string; password: string }, forwardedFor: string) {
  const response = await request.post('/api/auth/callback/credentials', {
    form: { ...account, csrfToken, json: 'true' },
    headers: { 'x-forwarded-for': forwardedFor },
    failOnStatusCode: false,
    maxRedirects: 0,
  });
  const body = (await response.json()) as { url: string };
  return { status: response.status(), retryAfter: response.headers()['retry-after'], error: new URL(body.url).searchParams.get('error') };
}

test('twelve wrong passwords at once for one username: five are evaluated, the rest answered 429 with Retry-After and when to retry', async ({ request, page }) => {
  const username = `burst-${Date.now().toString(36)}`;
  const token = await csrf(request);
  const answers = await Promise.all(Array.from({ length: 12 }, (_, i) => postSignIn(request, token, { username, password: `wrong password ${i}` }, `198.51.100.${10 + i}`)));
  expect(answers.filter((a) => a.status === 401)).toHaveLength(5);
  const throttled = answers.filter((a) => a.status === 429);
  expect(throttled).toHaveLength(7);
  for (const answer of throttled) {
    expect(Number(answer.retryAfter)).toBeGreaterThan(0);
    expect(Number(answer.retryAfter)).toBeLessThanOrEqual(15 * 60);
    expect(answer.error).toBe('Too many sign-in attempts. Try again in 15 minutes.');
  }
  // The sign-in form says the same, in words.
  await page.goto('/login');
  await page.getByLabel('Username').fill(username);
  await page.getByLabel('Password').fill('yet another guess');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Too many' })).toHaveText('Too many sign-in attempts. Try again in 15 minutes.');
});

test("behind a trusted proxy, one client's failures throttle that client, not everyone behind the proxy", async ({ request, browser }) => {
  const noisy = '203.0.113.66';
  const token = await csrf(request);
  for (let i = 0; i < 30; i++) expect((await postSignIn(request, token, { username: `spray-${i}-${Date.now().toString(36)}`, password: 'wrong password' }, noisy)).status).toBe(401);
  const locked = await postSignIn(request, token, { username: 'someone-else', password: 'wrong password' }, noisy);
  expect(locked.status).toBe(429);
  expect(locked.error).toMatch(/^Too many sign-in attempts\. Try again in \d+ minutes?\.$/);
  // Another client through the same proxy signs in.
  expect((await postSignIn(request, token, ADMIN, '203.0.113.67')).status).toBe(200);
  // So does the browser (no forwarded address: the proxy itself, 127.0.0.1).
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  await signIn(await context.newPage(), ADMIN);
  await context.close();
});
