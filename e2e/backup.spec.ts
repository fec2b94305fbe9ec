// The administrator's Backup page: the passphrase is checked (length, typed twice the same), then
// the archive downloads, and it opens with that passphrase into the console's database and keys —
// the same archive `npm run restore` reads (tests/integration/backup-restore.integration.test.ts).
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { openArchive } from '@/lib/backup/sealed-archive.ts';
import { ADMIN, ADMIN_STATE } from './support/accounts.ts';

test.use({ storageState: ADMIN_STATE });

const PASSPHRASE = 'an e2e backup passphrase';

test('an administrator downloads a backup encrypted with the passphrase they chose', async ({ page }) => {
  await page.goto('/');
  await page.getByRole('link', { name: 'Backup' }).click();
  await expect(page.getByRole('heading', { name: 'Backup', level: 1 })).toBeVisible();
  const form = page.getByRole('form', { name: 'Download a backup' });

  await form.getByLabel('Passphrase', { exact: true }).fill('too short');
  await form.getByLabel('Confirm passphrase').fill('too short');
  await form.getByRole('button', { name: 'Download backup' }).click();
  await expect(form.getByLabel('Passphrase', { exact: true })).toHaveAccessibleDescription(/At least 12 characters: the passphrase is all that protects the keys in the archive\./);

  await form.getByLabel('Passphrase', { exact: true }).fill(PASSPHRASE);
  await form.getByLabel('Confirm passphrase').fill(`${PASSPHRASE}!`);
  await form.getByRole('button', { name: 'Download backup' }).click();
  await expect(form.getByLabel('Confirm passphrase')).toHaveAccessibleDescription('The two passphrases differ.');

  await form.getByLabel('Confirm passphrase').fill(PASSPHRASE);
  const download = page.waitForEvent('download');
  await form.getByRole('button', { name: 'Download backup' }).click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/^wharf-\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.backup$/);

  const sealed = await readFile((await file.path())!);
  expect(sealed.toString('latin1')).not.toContain(ADMIN.username);
  const contents = openArchive(sealed, PASSPHRASE) as { format: string; database: { tables: Record<string, { username?: string }[]> }; keys: { current: string } };
  expect(contents.format).toBe('wharf-backup');
  expect(contents.database.tables.User.map((u) => u.username)).toContain(ADMIN.username);
  expect(Buffer.from(contents.keys.current, 'base64')).toHaveLength(32);
});
