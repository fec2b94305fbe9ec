// Helpers for the services end-to-end tests: a swarm of lab-1 (manager) and lab-2, lab-3
// (workers) made through the console's own forms, and the services table's cells by column name.
import { expect, type Locator, type Page } from '@playwright/test';
import type { HostState } from '@/scripts/lab/index.ts';
import type { ApiHost } from './swarms.ts';

/** Creates a swarm on `manager` through the form, joins `workers` through the dialog; returns its id. */
export async function createSwarmWithWorkers(page: Page, name: string, hosts: Record<string, ApiHost>, manager: HostState, workers: HostState[]): Promise<string> {
  await page.goto('/swarms/new');
  await page.getByLabel('Host', { exact: true }).selectOption(hosts[manager.name].id);
  await page.getByLabel('Name').fill(name);
  await page.getByLabel('Advertise address').fill(manager.address);
  await page.getByRole('button', { name: 'Create swarm' }).click();
  await expect(page).toHaveURL(/\/swarms\/[a-z0-9]{25}$/, { timeout: 30_000 });
  const swarmId = new URL(page.url()).pathname.split('/').pop()!;
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible({ timeout: 30_000 });

  // A swarm of one manager joins nothing (the dialog's button is disabled with no host picked).
  if (!workers.length) return swarmId;
  await page.getByRole('button', { name: 'Join hosts' }).click();
  const dialog = page.getByRole('dialog', { name: `Join hosts to ${name}` });
  for (const w of workers) {
    await dialog.getByRole('checkbox', { name: hosts[w.name].name }).check();
    await dialog.getByLabel(`Role for ${hosts[w.name].name}`).selectOption('worker');
  }
  await dialog.getByRole('button', { name: `Join ${workers.length} hosts` }).click();
  const progress = dialog.getByRole('list', { name: 'Join progress' });
  for (const w of workers) await expect(progress.getByRole('listitem').filter({ hasText: hosts[w.name].name })).toContainText('joined', { timeout: 60_000 });
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(dialog).toBeHidden();
  return swarmId;
}

/** A row of a table (by its caption), found by the name in its row header. */
export const rowOf = (page: Page, table: string, name: string) =>
  page.getByRole('table', { name: table }).getByRole('row').filter({ has: page.getByRole('rowheader', { name, exact: true }) });

/** A cell of that row under the named column (the row header is column 0). */
export async function cellOf(page: Page, table: string, name: string, column: string): Promise<Locator> {
  await expect(rowOf(page, table, name)).toBeVisible({ timeout: 30_000 });
  const headers = (await page.getByRole('table', { name: table }).getByRole('columnheader').allTextContents()).map((t) => t.trim().toLowerCase());
  const index = headers.indexOf(column.toLowerCase());
  if (index < 1) throw new Error(`no column "${column}" in ${headers.join(', ')}`);
  return rowOf(page, table, name).getByRole('cell').nth(index - 1);
}

/** Clicks the dialog's button and waits for the dialog to close (the swarm may take a while to answer). */
export async function submitDialog(dialog: Locator, button: string): Promise<void> {
  await dialog.getByRole('button', { name: button }).click();
  await expect(dialog).toBeHidden({ timeout: 30_000 });
}

/** Clicks `button`, confirms the dialog `dialog` it opens with its button of the same name, and waits for it to close. */
export async function confirmAction(page: Page, button: string, dialog: string): Promise<void> {
  await page.getByRole('button', { name: button }).click();
  await submitDialog(page.getByRole('dialog', { name: dialog }), button);
}

/**
 * Removes a swarm object (a secret, config, network, volume) with its row's Remove button and the
 * confirmation dialog, and sees its row leave the table. `label` is how the button and the dialog
 * name the object, when that is more than its name.
 */
export async function removeThroughDialog(page: Page, o: { table: string; kind: string; name: string; label?: string }): Promise<void> {
  const label = o.label ?? o.name;
  await page.getByRole('button', { name: `Remove ${o.kind} ${label}` }).click();
  await submitDialog(page.getByRole('dialog', { name: `Remove ${o.kind} ${label}?` }), `Remove ${o.kind}`);
  await expect(rowOf(page, o.table, o.name)).toHaveCount(0);
}
