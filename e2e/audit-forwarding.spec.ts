// Audit forwarding on the Audit page: an administrator adds an HTTP destination (a node:http
// endpoint started here, the receiver), sends a test message, sees the delivery state, meets the
// form's and the delivery's errors, and removes it after confirming; a viewer sees none of it and
// a crafted POST of the create action is refused.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { ADMIN_STATE } from './support/accounts.ts';
import { captureAction, postAction, type CapturedAction } from './support/fixtures.ts';
import { ensureUser, signedInPage } from './support/pages.ts';

// A viewer of this file's own: access.spec.ts changes the shared viewer's role and disables it.
const VIEWER = { username: 'vince', password: 'viewer-password-vince' };

test.describe.configure({ mode: 'serial' });
test.use({ storageState: ADMIN_STATE });

type Post = { authorization?: string; body: { test?: boolean; entries: { number: string; hash: string; previousHash: string }[] } };
const posts: Post[] = [];
let server: http.Server;
let url = '';
let createAction: CapturedAction;
const SECRET = 'e2e-forwarding-secret';

test.beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      posts.push({ authorization: request.headers.authorization, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wharf-audit`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('an administrator adds an HTTP destination, sends a test message and sees entries delivered', async ({ page }) => {
  await page.goto('/audit');
  const forwarding = page.getByRole('region', { name: 'Forwarding' });
  await expect(forwarding.getByText('No destinations: the audit log is kept only in Wharf\'s database.')).toBeVisible();

  await forwarding.getByRole('button', { name: 'Add destination' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a forwarding destination' });
  await dialog.getByLabel('Kind').selectOption('http');
  await dialog.getByLabel('Name').fill('e2e receiver');
  await dialog.getByLabel('URL').fill('ftp://127.0.0.1/x');
  await dialog.getByRole('button', { name: 'Add destination' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Use an http:// or https:// URL.' })).toBeVisible();
  await dialog.getByLabel('URL').fill('http://169.254.169.254/latest');
  await dialog.getByRole('button', { name: 'Add destination' }).click();
  await expect(dialog.getByRole('alert').filter({ hasText: 'Link-local and cloud metadata addresses cannot receive the audit log.' })).toBeVisible();

  await dialog.getByLabel('URL').fill(url);
  await dialog.getByLabel('Bearer secret').fill(SECRET);
  createAction = await captureAction(page, () => dialog.getByRole('button', { name: 'Add destination' }).click());
  await expect(dialog).toBeHidden();

  const row = forwarding.getByRole('row', { name: 'e2e receiver' });
  await expect(row).toContainText(url);
  await expect(row).toContainText('bearer secret');
  await expect(page.getByText(SECRET)).toHaveCount(0);

  await row.getByRole('button', { name: 'Send a test message to e2e receiver' }).click();
  await expect(page.getByText(`Test message delivered to e2e receiver (${url}).`)).toBeVisible();
  expect(posts.find((p) => p.body.test)).toMatchObject({ authorization: `Bearer ${SECRET}`, body: { entries: [] } });

  // The entries the worker sends show up as delivered (the page refreshes itself).
  await expect(row).toContainText(/Delivered through entry \d+/, { timeout: 30_000 });
  const entries = posts.flatMap((p) => p.body.entries);
  expect(entries.length).toBeGreaterThan(0);
  for (let i = 1; i < entries.length; i++) {
    if (entries[i]!.number === entries[i - 1]!.number) continue; // at-least-once
    expect(entries[i]!.previousHash).toBe(entries[i - 1]!.hash);
  }
  await page.goto('/audit?action=audit.destination');
  await expect(page.getByRole('row').filter({ hasText: 'audit.destination.create' }).filter({ hasText: 'Succeeded' })).toHaveCount(1);
  await expect(page.getByRole('row').filter({ hasText: 'audit.destination.test' }).filter({ hasText: 'Succeeded' })).toHaveCount(1);
});

test('a destination that does not answer is reported in plain words', async ({ page }) => {
  const closed = http.createServer();
  await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', () => resolve()));
  const port = (closed.address() as AddressInfo).port;
  await new Promise<void>((resolve) => closed.close(() => resolve()));

  await page.goto('/audit');
  const forwarding = page.getByRole('region', { name: 'Forwarding' });
  await forwarding.getByRole('button', { name: 'Add destination' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a forwarding destination' });
  await dialog.getByLabel('Name').fill('e2e nowhere');
  await dialog.getByLabel('Host').fill('127.0.0.1');
  await dialog.getByLabel('Port').fill(String(port));
  await dialog.getByRole('button', { name: 'Add destination' }).click();
  await expect(dialog).toBeHidden();
  const row = forwarding.getByRole('row', { name: 'e2e nowhere' });
  await row.getByRole('button', { name: 'Send a test message to e2e nowhere' }).click();
  await expect(page.getByText(`The test message was not delivered. Nothing is listening at syslog 127.0.0.1:${port} (connection refused).`)).toBeVisible();
  await expect(row).toContainText('Failing', { timeout: 30_000 });
  await expect(row).toContainText(`Nothing is listening at syslog 127.0.0.1:${port}`);
  await expect(row).toContainText(/\d+ entr(y|ies) waiting/);

  await row.getByRole('button', { name: 'Disable e2e nowhere' }).click();
  const confirm = page.getByRole('dialog', { name: 'Disable e2e nowhere?' });
  await expect(confirm).toContainText('Retention does not wait for a disabled destination');
  await confirm.getByRole('button', { name: 'Disable forwarding' }).click();
  await expect(row).toContainText('Disabled');

  await row.getByRole('button', { name: 'Remove e2e nowhere' }).click();
  const remove = page.getByRole('dialog', { name: 'Remove e2e nowhere?' });
  await remove.getByRole('button', { name: 'Remove destination' }).click();
  await expect(forwarding.getByRole('row', { name: 'e2e nowhere' })).toHaveCount(0);
});

test('a viewer sees no forwarding settings and cannot add a destination by a crafted request', async ({ page, browser, baseURL }) => {
  await ensureUser(page, VIEWER, 'viewer');
  const viewer = await signedInPage(browser, VIEWER);
  await viewer.goto('/audit');
  await expect(viewer.getByRole('region', { name: 'Forwarding' })).toHaveCount(0);
  await expect(viewer.getByText('e2e receiver')).toHaveCount(0);
  const read = await viewer.request.get('/api/audit/destinations');
  expect(read.status()).toBe(403);
  expect(await read.text()).not.toContain(url);
  const crafted = await postAction(viewer.request, createAction, [{ kind: 'http', name: 'viewer sink', url, secret: '', ca: '', enabled: true }], { origin: baseURL! });
  expect(crafted.text).toContain('FORBIDDEN');
  await viewer.context().close();

  await page.goto('/audit');
  await expect(page.getByRole('region', { name: 'Forwarding' }).getByRole('row', { name: 'viewer sink' })).toHaveCount(0);
  // Leave nothing forwarding once this spec's receiver is gone.
  const row = page.getByRole('region', { name: 'Forwarding' }).getByRole('row', { name: 'e2e receiver' });
  await row.getByRole('button', { name: 'Remove e2e receiver' }).click();
  await page.getByRole('dialog', { name: 'Remove e2e receiver?' }).getByRole('button', { name: 'Remove destination' }).click();
  await expect(row).toHaveCount(0);
});
