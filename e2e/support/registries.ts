// The lab's htpasswd registry added and removed through the Registries page, as an administrator.
import { expect, type Page } from '@playwright/test';
import type { LabState } from '@/scripts/lab/index.ts';

/** Adds the lab's htpasswd registry under `name` through the dialog; answers its id (the page it lands on). */
export async function addLabRegistry(page: Page, state: LabState, name: string): Promise<string> {
  await page.goto('/registries');
  await page.getByRole('button', { name: 'Add registry' }).first().click();
  const dialog = page.getByRole('dialog', { name: 'Add registry' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Kind').selectOption('v2-basic');
  await dialog.getByLabel('Address').fill(state.registry.url);
  await dialog.getByLabel('Plain HTTP (no TLS)').check();
  await dialog.getByLabel('User name').fill(state.registry.username);
  await dialog.getByLabel('Password or access token').fill(state.registry.password);
  await dialog.getByRole('button', { name: 'Add registry' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  return new URL(page.url()).pathname.split('/').pop()!;
}

/** Removes the registry `name` after typing its name in the confirmation. */
export async function removeRegistry(page: Page, name: string): Promise<void> {
  await page.goto('/registries');
  await page.getByRole('link', { name }).click();
  await page.getByRole('button', { name: 'Remove' }).click();
  const dialog = page.getByRole('dialog', { name: `Remove ${name}` });
  await dialog.getByLabel(`Type ${name} to confirm`).fill(name);
  await dialog.getByRole('button', { name: 'Remove registry' }).click();
  await expect(page.getByRole('link', { name })).toBeHidden();
}
