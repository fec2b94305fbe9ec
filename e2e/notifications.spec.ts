// Notifications in a real browser: an administrator adds a webhook channel to a receiver started
// here (its generated signing secret shown once), adds a rule, sends a test, sees the endpoint's
// answer and the delivery in the channel's log, checks the signature with the shown secret, and
// removes the channel after confirming. A metadata address is refused on the URL field.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, test } from '@playwright/test';
import { ADMIN_STATE } from './support/accounts.ts';

test.describe.configure({ mode: 'serial' });
test.use({ storageState: ADMIN_STATE });

type Received = { signature: string; timestamp: string; body: string };
const received: Received[] = [];
let server: http.Server;
let url = '';
const NAME = `e2e-notify-${Date.now().toString(36)}`;

test.beforeAll(async () => {
  server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (c: Buffer) => chunks.push(c));
    request.on('end', () => {
      received.push({ signature: String(request.headers['x-wharf-signature']), timestamp: String(request.headers['x-wharf-timestamp']), body: Buffer.concat(chunks).toString('utf8') });
      response.writeHead(200, { 'Content-Type': 'text/plain' }).end('thanks');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/wharf-events`;
});

test.afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('an administrator adds a channel and a rule, sends a test, and sees the delivery in the log', async ({ page }) => {
  await page.goto('/notifications');
  await expect(page.getByRole('heading', { name: 'Notifications', level: 1 })).toBeVisible();

  await page.getByRole('button', { name: 'Add channel' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add a notification channel' });
  await dialog.getByLabel('Name').fill(NAME);
  await dialog.getByLabel('Kind').selectOption('webhook');
  await dialog.getByLabel('URL').fill('http://169.254.169.254/latest/meta-data/');
  await dialog.getByRole('button', { name: 'Add channel' }).click();
  await expect(dialog.getByText('Wharf does not send notifications to 169.254.169.254: it is a link-local address, where cloud metadata services answer.')).toBeVisible();

  await dialog.getByLabel('URL').fill(url);
  await expect(dialog.getByLabel('Generate a signing secret (shown once)')).toBeChecked();
  await dialog.getByRole('button', { name: 'Add channel' }).click();

  const shown = page.getByRole('dialog', { name: `Signing secret of ${NAME}` });
  const secret = await shown.getByLabel('Signing secret').inputValue();
  expect(secret).toMatch(/^whsec_/);
  await shown.getByRole('button', { name: 'Close' }).last().click();

  const channel = page.getByRole('region', { name: NAME });
  await expect(channel.getByText('http://127.0.0.1:')).toBeVisible();
  await expect(channel.getByText(/wharf-events/)).toHaveCount(0);
  await expect(channel.getByText('No rules: this channel receives only tests. Add a rule to choose its events.')).toBeVisible();

  await channel.getByRole('button', { name: `Add a rule to ${NAME}` }).click();
  const rule = page.getByRole('dialog', { name: `Add a rule to ${NAME}` });
  await rule.getByLabel('Deploy failed').uncheck();
  await rule.getByRole('button', { name: 'Add rule' }).click();
  await expect(rule.getByText('Choose at least one event.')).toBeVisible();
  await rule.getByLabel('Deploy finished').check();
  await rule.getByLabel('Host unreachable').check();
  await rule.getByRole('button', { name: 'Add rule' }).click();
  await expect(rule).toBeHidden();
  await expect(channel.getByRole('list', { name: 'Rules' }).getByText('Deploy finished, Host unreachable')).toBeVisible();

  await channel.getByRole('button', { name: `Send a test to ${NAME}` }).click();
  await expect(channel.getByRole('status', { name: `Answer of ${NAME}` })).toHaveText('Delivered. The endpoint answered HTTP 200: thanks');
  const log = channel.getByRole('table', { name: `Deliveries to ${NAME}` });
  const row = log.getByRole('row').filter({ hasText: 'Test' });
  await expect(row).toContainText('Delivered');
  await expect(row).toContainText('HTTP 200: thanks');

  // The receiver checks what it got with the secret it was shown.
  // Only the test: a deploy elsewhere in the suite meanwhile would be sent here too (the rule takes it).
  const tests = received.filter((r) => (JSON.parse(r.body) as { test?: boolean }).test === true);
  expect(tests).toHaveLength(1);
  const [got] = tests;
  expect(got!.signature).toBe(`sha256=${createHmac('sha256', secret).update(`${got!.timestamp}.${got!.body}`).digest('hex')}`);
  expect(JSON.parse(got!.body)).toMatchObject({ source: 'wharf', test: true });

  await channel.getByRole('button', { name: `Remove ${NAME}` }).click();
  const confirm = page.getByRole('dialog', { name: `Remove ${NAME}?` });
  await confirm.getByRole('button', { name: 'Remove channel' }).click();
  await expect(channel).toBeHidden();
});
