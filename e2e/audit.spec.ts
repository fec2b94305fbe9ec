// The Audit page's integrity and retention tools: the chain badge, exports with the page's
// filters (audited), the retention setting for administrators, and the export refused to a viewer.
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { ADMIN_STATE } from './support/accounts.ts';
import { ensureUser, signedInPage } from './support/pages.ts';

// A viewer of this file's own: access.spec.ts changes the shared viewer's role and disables it.
const VIEWER = { username: 'vera', password: 'viewer-password-vera' };

test.describe.configure({ mode: 'serial' });
test.use({ storageState: ADMIN_STATE });

test('the chain badge says the log is intact through its newest entry', async ({ page }) => {
  await page.goto('/audit');
  await expect(page.getByRole('status', { name: 'Audit chain' })).toContainText(/Chain intact through entry \d+/);
  await page.getByRole('button', { name: 'Check again' }).click();
  await expect(page.getByRole('status', { name: 'Audit chain' })).toContainText(/Chain intact through entry \d+/);
});

test('exports the filtered log as CSV and JSON lines, and the export is in the log', async ({ page }) => {
  await page.goto('/audit?action=auth');
  const [csv] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  expect(csv.suggestedFilename()).toMatch(/^wharf-audit-.*\.csv$/);
  const lines = (await readFile((await csv.path())!, 'utf8')).trim().split('\r\n');
  expect(lines[0]).toBe('id,time,actor,actor_id,ip,action,target_type,target_id,target_name,result,message,settled_at');
  expect(lines.length).toBeGreaterThan(1);
  expect(lines.slice(1).every((line) => line.includes(',auth.sign')) ).toBe(true);

  const [jsonl] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export JSON lines' }).click()]);
  const objects = (await readFile((await jsonl.path())!, 'utf8')).trim().split('\n').map((line) => JSON.parse(line) as { action: string });
  expect(objects.every((o) => o.action.startsWith('auth.'))).toBe(true);

  await page.goto('/audit?action=audit.export');
  const rows = page.getByRole('row').filter({ hasText: 'audit.export' });
  await expect(rows.filter({ hasText: 'action auth as CSV' }).filter({ hasText: 'Succeeded' })).toHaveCount(1);
  await expect(rows.filter({ hasText: 'action auth as JSON lines' }).filter({ hasText: 'Succeeded' })).toHaveCount(1);
});

test('an administrator sets how long entries are kept, and back to keeping everything', async ({ page }) => {
  await page.goto('/audit');
  const form = page.getByRole('form', { name: 'Audit log retention' });
  const days = form.getByLabel('Keep entries for (days)');
  await expect(days).toHaveValue('');
  await days.fill('0');
  await form.getByRole('button', { name: 'Save retention' }).click();
  await expect(form.getByRole('alert')).toContainText('at least 1 day');
  await days.fill('3650');
  await form.getByRole('button', { name: 'Save retention' }).click();
  await expect(page.getByText('Entries are kept for 3650 days.')).toBeVisible();
  await page.reload();
  await expect(page.getByRole('form', { name: 'Audit log retention' }).getByLabel('Keep entries for (days)')).toHaveValue('3650');
  await page.getByRole('form', { name: 'Audit log retention' }).getByLabel('Keep entries for (days)').fill('');
  await page.getByRole('form', { name: 'Audit log retention' }).getByRole('button', { name: 'Save retention' }).click();
  await expect(page.getByText('Every entry is kept.')).toBeVisible();
  await page.goto('/audit?action=audit.retention');
  await expect(page.getByRole('row').filter({ hasText: 'keep entries for 3650 days' }).filter({ hasText: 'Succeeded' })).toHaveCount(1);
  await expect(page.getByRole('status', { name: 'Audit chain' })).toContainText(/Chain intact through entry \d+/);
});

test('a viewer can neither export the log nor change its retention', async ({ page, browser }) => {
  await page.goto('/users');
  await ensureUser(page, VIEWER, 'viewer');
  const viewer = await signedInPage(browser, VIEWER);
  const response = await viewer.request.get('/api/audit/export?format=csv');
  expect(response.status()).toBe(403);
  expect(await response.text()).not.toContain('auth.sign-in');
  expect((await viewer.request.get('/api/audit/chain')).status()).toBe(403);
  await viewer.context().close();
});
