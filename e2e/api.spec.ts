// The REST API in a real browser and over HTTP: the administrator creates an API token on their
// Account page (shown once, with a copy button), uses it with plain fetches against /api/v1 (a
// list, an error naming its field, the OpenAPI document), sees its last use listed, revokes it
// behind a confirmation, and the next request with it is refused. The API reference the Account
// page links to renders the OpenAPI document in the console under its content-security-policy.
import { expect, test, type APIRequestContext } from '@playwright/test';
import { ADMIN_STATE } from './support/accounts.ts';
import { watchPolicies } from './support/csp.ts';

test.use({ storageState: ADMIN_STATE });

const NAME = `e2e-ci-${Date.now().toString(36)}`;

/** A fetch as a script would make it: no cookie, only the token. */
async function apiGet(request: APIRequestContext, path: string, token: string) {
  const response = await request.get(`/api/v1${path}`, { headers: { authorization: `Bearer ${token}`, cookie: '' } });
  return { status: response.status(), body: await response.json() };
}

test('a token made on the Account page works with fetch until it is revoked, then is refused', async ({ page, playwright, baseURL }) => {
  await page.goto('/account');
  const form = page.getByRole('form', { name: 'Create an API token' });
  await form.getByLabel('Token name').fill(NAME);
  await form.getByLabel('Expires after').selectOption('7');
  await form.getByRole('button', { name: 'Create token' }).click();

  const dialog = page.getByRole('dialog', { name: `Token "${NAME}" created` });
  await expect(dialog.getByRole('button', { name: 'Copy the token' })).toBeVisible();
  const token = await dialog.getByLabel('Your new API token').inputValue();
  expect(token).toMatch(/^wharf_pat_[A-Za-z0-9_-]{43}$/);
  await dialog.getByRole('button', { name: 'Done' }).click();
  const row = page.getByRole('row', { name: new RegExp(NAME) });
  await expect(row).toContainText('Never');

  // A client with no cookie at all, as curl would be.
  const script = await playwright.request.newContext({ baseURL });
  const hosts = await apiGet(script, '/hosts', token);
  expect(hosts.status).toBe(200);
  expect(hosts.body).toEqual({ items: expect.any(Array), nextCursor: null });
  const invalid = await apiGet(script, '/hosts?limit=0', token);
  expect([invalid.status, invalid.body.code, invalid.body.field]).toEqual([400, 'INVALID_INPUT', 'limit']);
  const document = await script.get('/api/v1/openapi.json');
  expect((await document.json()).openapi).toBe('3.1.0');

  await page.reload();
  await expect(page.getByRole('row', { name: new RegExp(NAME) })).not.toContainText('Never');

  await page.getByRole('button', { name: `Revoke token ${NAME}` }).click();
  const confirm = page.getByRole('dialog', { name: `Revoke token "${NAME}"?` });
  await confirm.getByRole('button', { name: 'Revoke token' }).click();
  await expect(confirm).toBeHidden();
  await expect(page.getByRole('row', { name: new RegExp(NAME) })).toHaveCount(0);

  const refused = await apiGet(script, '/hosts', token);
  expect([refused.status, refused.body.code]).toEqual([401, 'UNAUTHENTICATED']);
  await script.dispose();
});

test('the API reference, linked from the tokens on the Account page, lists the endpoints under the strict policy', async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE, viewport: { width: 1280, height: 800 } });
  const reports = await watchPolicies(context);
  const page = await context.newPage();
  await page.goto('/account');
  await page.getByRole('link', { name: 'Read the API reference' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'API reference' })).toBeVisible();
  // Each operation is a button naming its method, path and summary (Swagger UI breaks paths with zero-width spaces).
  const listRegistries = page.getByRole('button', { name: /^GET.*registries.*The registries you may see/ });
  await expect(listRegistries).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: /^POST.*notifications.*rules.*Send events to a channel/ })).toBeVisible();
  // An operation opens with its parameters and answers (the OpenAPI 3.1 resolver runs in the bundle).
  await listRegistries.click();
  await expect(page.getByRole('heading', { name: 'Responses' }).first()).toBeVisible({ timeout: 30_000 });
  await expect(page.getByText('200', { exact: true }).first()).toBeVisible();
  expect(reports).toEqual([]);
  await context.close();
});
