// Stats and events in a real browser against lab-1: a busy container's Stats tab shows a live CPU
// value above zero (table and chart summary), the host stats page puts it in the top list, and
// the host events page shows the start of a container started after the page opened.
import { randomBytes } from 'node:crypto';
import Dockerode from 'dockerode';
import { expect, test } from '@playwright/test';
import { ADMIN_STATE } from './support/accounts.ts';
import { lab } from './support/fixtures.ts';
import { ensureLabHosts } from './support/swarms.ts';

test.describe.configure({ mode: 'serial' });
test.use({ storageState: ADMIN_STATE });

const l1 = lab().hosts[0];
const engine = new Dockerode({ socketPath: l1.socket });
const LABELS = { 'wharf.test': 'stats' };
let hostId: string;
let busyId: string;
let busyName: string;

async function removeTestContainers() {
  for (const c of await engine.listContainers({ all: true, filters: { label: ['wharf.test=stats'] } })) await engine.getContainer(c.Id).remove({ force: true }).catch(() => {});
}

test.beforeAll(async () => {
  await removeTestContainers();
  busyName = `wharf-e2e-busy-${randomBytes(3).toString('hex')}`;
  const busy = await engine.createContainer({ Image: lab().image, name: busyName, Cmd: ['sh', '-c', 'while true; do :; done'], Labels: LABELS, StopTimeout: 1 });
  await busy.start();
  busyId = busy.id;
});

test.afterAll(async () => {
  await removeTestContainers();
});

const percentOf = (text: string | null) => Number(/([\d.]+) %/.exec(text ?? '')?.[1] ?? NaN);

test('the Stats tab shows a live CPU value for a busy container', async ({ page }) => {
  hostId = (await ensureLabHosts(page, [l1]))[l1.name].id;
  await page.goto(`/containers/${hostId}/${busyId}`);
  await page.getByRole('tab', { name: 'Stats' }).click();
  const current = page.getByRole('table', { name: 'Current stats' });
  const cpu = current.getByRole('row', { name: /^CPU/ }).getByRole('cell');
  await expect.poll(async () => percentOf(await cpu.textContent()), { timeout: 20_000 }).toBeGreaterThan(0);
  await expect(current.getByRole('row', { name: /^Memory limit/ }).getByRole('cell')).not.toHaveText('—');
  await expect(page.getByRole('img', { name: /^CPU: [\d.]+ %/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Memory: / })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Network: received/ })).toBeVisible();
  await expect(page.getByRole('img', { name: /^Block I\/O: read/ })).toBeVisible();
});

test('the host stats page lists the busy container among the top by CPU', async ({ page }) => {
  await page.goto(`/containers?host=${hostId}`);
  await page.getByRole('navigation', { name: 'Container sections' }).getByRole('link', { name: 'Stats' }).click();
  await expect(page).toHaveURL(new RegExp(`/containers/stats\\?host=${hostId}`));
  const top = page.getByRole('table', { name: 'Top containers by CPU' });
  await expect(top.getByRole('row', { name: new RegExp(busyName) })).toBeVisible({ timeout: 30_000 });
  const totals = page.getByRole('table', { name: /^Totals on / });
  await expect.poll(async () => percentOf(await totals.getByRole('row', { name: /^CPU/ }).getByRole('cell').textContent()), { timeout: 30_000 }).toBeGreaterThan(0);
});

test('the events page shows the start of a container started after it opened', async ({ page }) => {
  await page.goto(`/containers/events?host=${hostId}`);
  await expect(page.getByRole('status').filter({ hasText: /^Live through/ })).toBeVisible();
  const name = `wharf-e2e-ev-${randomBytes(3).toString('hex')}`;
  const container = await engine.createContainer({ Image: lab().image, name, Cmd: ['sleep', '3600'], Labels: LABELS, StopTimeout: 1 });
  await container.start();
  const feed = page.getByRole('table', { name: /^Events on / });
  await expect(feed.getByRole('row').filter({ hasText: name }).filter({ has: page.getByRole('cell', { name: 'start', exact: true }) })).toBeVisible({ timeout: 15_000 });

  // Filtering by action on the engine: only starts remain.
  await page.getByLabel('Actions', { exact: true }).fill('start');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(feed.getByRole('row').filter({ hasText: name }).filter({ has: page.getByRole('cell', { name: 'start', exact: true }) })).toBeVisible({ timeout: 15_000 });
  await expect(feed.getByRole('cell', { name: 'create', exact: true })).toHaveCount(0);
});
