// History in a real browser against lab-1 (the e2e console samples every 2 s,
// WHARF_HISTORY_INTERVAL_SECONDS): the host page's History panel draws CPU, memory, network and
// disk once the sampler has run, and switches to the last day; the dashboard draws CPU and memory
// in use across the hosts, and the busy container's start among the recent events.
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
const LABEL = 'wharf.test=history';
let busyName: string;
let busyId: string;

async function removeTestContainers() {
  for (const c of await engine.listContainers({ all: true, filters: { label: [LABEL] } })) await engine.getContainer(c.Id).remove({ force: true }).catch(() => {});
}

test.beforeAll(async () => {
  await removeTestContainers();
  busyName = `wharf-e2e-history-${randomBytes(3).toString('hex')}`;
  const busy = await engine.createContainer({ Image: lab().image, name: busyName, Cmd: ['sh', '-c', 'while true; do :; done'], Labels: { 'wharf.test': 'history' }, StopTimeout: 1 });
  await busy.start();
  busyId = busy.id;
});

test.afterAll(removeTestContainers);

test('the host page shows its History after the sampler ran, for the last hour and the last day', async ({ page }) => {
  const hostId = (await ensureLabHosts(page, [l1]))[l1.name].id;
  await page.goto(`/hosts/${hostId}`);
  const history = page.getByRole('region', { name: 'History' });
  await expect(history.getByRole('radio', { name: 'Last hour' })).toBeChecked();
  await expect(history.getByRole('img', { name: /^CPU: [\d.]+ %/ })).toBeVisible({ timeout: 30_000 });
  await expect(history.getByText('One point every 2 s.')).toBeVisible();
  await expect(history.getByRole('img', { name: /^Memory: / })).toBeVisible();
  await expect(history.getByRole('img', { name: /^Network: received/ })).toBeVisible();
  await expect(history.getByRole('img', { name: /^Disk I\/O: read/ })).toBeVisible();
  // The last day is made of averaged points (every 12 s here): one appears within a few rounds.
  await history.getByRole('radio', { name: 'Last day' }).check();
  await expect(history.getByText('One point every 12 s, each the average of 6 samples.')).toBeVisible({ timeout: 40_000 });
  await expect(history.getByRole('img', { name: /^CPU: [\d.]+ %/ })).toBeVisible({ timeout: 40_000 });
});

test('the dashboard shows CPU and memory in use over the last hour, and the recent events', async ({ page }) => {
  await page.goto('/');
  const usage = page.getByRole('region', { name: 'In use, last hour' });
  await expect(usage.getByRole('img', { name: /^CPU in use: [\d.]+ %/ })).toBeVisible({ timeout: 30_000 });
  await expect(usage.getByRole('img', { name: /^Memory in use: / })).toBeVisible();
  await expect(usage.getByRole('link', { name: 'See the hosts' })).toHaveAttribute('href', '/hosts');
  // Restarted now, so its start is among the newest events of a lab engine other specs use too.
  await engine.getContainer(busyId).restart({ t: 0 });
  await page.reload();
  const events = page.getByRole('region', { name: 'Recent events' });
  // Each event links to its container's page, which opens (read by its address: a click made while
  // the dashboard's streamed parts still hydrate can be lost on a loaded machine).
  const link = events.getByRole('link', { name: busyName }).first();
  await expect(link).toHaveAttribute('href', /^\/containers\/[^/]+\/[0-9a-f]{64}$/);
  await page.goto((await link.getAttribute('href'))!);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(busyName);
});
