// Adding real lab engines over each transport, watching one go away and come back live, bad
// input, and removal with typed confirmation.
import { expect, test, type Page } from '@playwright/test';
import { startEngine, stopEngine } from '@/scripts/lab/index.ts';
import { ADMIN_STATE } from './support/accounts.ts';
import { lab } from './support/fixtures.ts';
import { forgetLabEngines } from './support/swarms.ts';

test.use({ storageState: ADMIN_STATE });

const state = lab();
const [h1, h2, h3] = state.hosts;

// The console refuses an engine it already reaches: start from none of these registered (earlier
// specs register them as swarm-lab-N). The hosts this spec adds (e2e-…) stay: after a failed test
// Playwright runs this again in a new worker, and the later tests use them.
test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  await forgetLabEngines(await context.newPage(), [h1, h2, h3], (host) => host.name.startsWith('e2e-'));
  await context.close();
});

async function startAdding(page: Page, name: string, transport: RegExp) {
  await page.goto('/hosts');
  await page.getByRole('link', { name: 'Add host' }).click();
  await expect(page.getByRole('heading', { name: 'Add a host' })).toBeVisible();
  await page.getByLabel('Name').fill(name);
  await page.getByRole('radio', { name: transport }).check();
}

async function expectHostPage(page: Page, name: string, engineName: string) {
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Up');
  const engine = page.getByRole('region', { name: 'Engine' });
  await expect(engine.getByText(engineName, { exact: true })).toBeVisible();
  await expect(engine.getByText('API version')).toBeVisible();
  await expect(page.getByRole('region', { name: 'Resources' }).getByText('Containers running')).toBeVisible();
}

test('add an engine by its unix socket and see its facts', async ({ page }) => {
  await startAdding(page, 'e2e-unix', /Unix socket/);
  await page.getByLabel('Socket path').fill(h1.socket);
  await page.getByRole('button', { name: 'Add host' }).click();
  await expectHostPage(page, 'e2e-unix', h1.name);
  await expect(page.getByText('Not in a swarm')).toBeVisible();
});

test('add an engine over TCP with TLS, uploading the certificate files', async ({ page }) => {
  await startAdding(page, 'e2e-tls', /TCP with TLS/);
  await page.getByLabel('Address').fill(h2.tcp.host);
  await page.getByLabel('Port').fill(String(h2.tcp.port));
  await page.getByLabel('Load ca certificate from a file').setInputFiles(state.tls.caCert);
  await page.getByLabel('Load client certificate from a file').setInputFiles(state.tls.clientCert);
  await page.getByLabel('Load client key from a file').setInputFiles(state.tls.clientKey);
  await expect(page.getByLabel('CA certificate', { exact: true })).toHaveValue(/BEGIN CERTIFICATE/);

  await page.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Connected to' })).toContainText(h2.name);

  await page.getByRole('button', { name: 'Add host' }).click();
  await expectHostPage(page, 'e2e-tls', h2.name);
  await expect(page.getByRole('region', { name: 'Connection' })).toContainText('Certificate expires');
  // The key never comes back to the browser.
  expect(await page.content()).not.toContain('PRIVATE KEY');
});

test('add an engine over SSH and see its pinned host key', async ({ page }) => {
  await startAdding(page, 'e2e-ssh', /SSH/);
  await page.getByLabel('Address').fill(state.ssh.host);
  await page.getByLabel('SSH user').fill(state.ssh.user);
  await page.getByLabel('Load private key from a file').setInputFiles(state.ssh.privateKey);
  await page.getByRole('button', { name: 'Add host' }).click();
  await expectHostPage(page, 'e2e-ssh', state.ssh.name);
  await expect(page.getByRole('region', { name: 'Connection' })).toContainText(state.ssh.hostKeyFingerprint);
});

test('bad input: a duplicate name and an unreachable address are explained, nothing is added', async ({ page }) => {
  await startAdding(page, 'E2E-UNIX', /Unix socket/);
  await page.getByLabel('Socket path').fill(h1.socket);
  await page.getByRole('button', { name: 'Add host' }).click();
  await expect(page.getByText('This name is taken.')).toBeVisible();

  await page.getByLabel('Name').fill('e2e-nowhere');
  await page.getByRole('radio', { name: /TCP with TLS/ }).check();
  await page.getByLabel('Address').fill('10.99.0.249');
  await page.getByLabel('Load ca certificate from a file').setInputFiles(state.tls.caCert);
  await page.getByLabel('Load client certificate from a file').setInputFiles(state.tls.clientCert);
  await page.getByLabel('Load client key from a file').setInputFiles(state.tls.clientKey);
  await page.getByRole('button', { name: 'Add host' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '10.99.0.249' }).first()).toBeVisible({ timeout: 8000 });
  await expect(page).toHaveURL(/\/hosts\/new$/);

  await page.goto('/hosts');
  await expect(page.getByRole('link', { name: 'e2e-nowhere' })).toHaveCount(0);
});

test('a host turns unreachable live when its engine stops, and recovers when it returns', async ({ page, browser }) => {
  await startAdding(page, 'e2e-live', /Unix socket/);
  await page.getByLabel('Socket path').fill(h3.socket);
  await page.getByRole('button', { name: 'Add host' }).click();
  await expectHostPage(page, 'e2e-live', h3.name);

  // A second browser on the hosts list sees the same change without reloading.
  const other = await browser.newContext({ storageState: ADMIN_STATE });
  const list = await other.newPage();
  await list.goto('/hosts');
  const row = list.getByRole('row').filter({ hasText: 'e2e-live' });
  await expect(row).toContainText('Up');
  await expect(list.getByRole('status', { name: /Live updates: Live/ })).toBeVisible();

  try {
    await stopEngine(h3.name);
    await expect(page.getByRole('alert').filter({ hasText: 'Unreachable' })).toBeVisible({ timeout: 10_000 });
    await expect(row).toContainText('Unreachable', { timeout: 10_000 });
  } finally {
    await startEngine(h3.name);
  }
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Up', { timeout: 30_000 });
  await expect(row).toContainText('Up', { timeout: 30_000 });
  await other.close();
});

test('a change heard while the page is reading the host again is not undone by that read', async ({ page, browser }) => {
  test.setTimeout(120_000);
  await page.goto('/hosts');
  await page.getByRole('link', { name: 'e2e-live' }).click();
  const heading = page.getByRole('heading', { level: 1 });
  await expect(heading).toContainText('Up');
  const hostId = /\/hosts\/([^/?#]+)/.exec(page.url())![1];
  const other = await browser.newContext({ storageState: ADMIN_STATE });
  const editor = await other.newPage();
  let release = () => {};
  try {
    await stopEngine(h3.name);
    await expect(heading).toContainText('Unreachable', { timeout: 15_000 });

    // The page's next read of the host leaves for the server at once (which says Unreachable), but
    // its answer reaches the page only after the engine is back and the page has heard so.
    const released = new Promise<void>((resolve) => (release = resolve));
    let reading: Promise<void> | null = null;
    await page.route(`**/api/hosts/${hostId}`, async (route) => {
      if (reading) return route.continue();
      reading = (async () => {
        const response = await route.fetch();
        await released;
        await route.fulfill({ response });
      })();
    });
    // Another administrator edits the host: the page is told it changed, and reads it again.
    await editor.goto(`/hosts/${hostId}/edit`);
    await editor.getByLabel('Description (optional)').fill('read while it comes back');
    await editor.getByRole('button', { name: 'Save changes' }).click();
    await expect(editor.getByRole('heading', { level: 1 })).toContainText('e2e-live');
    await expect.poll(() => reading !== null, { message: 'the page reads the host again' }).toBe(true);

    await startEngine(h3.name);
    // The second browser hears the engine come back (the last change there is); the first heard the same broadcast.
    await expect(editor.getByRole('heading', { level: 1 })).toContainText('Up', { timeout: 30_000 });
    release();
    // The read that left while the engine was away says Unreachable; the page ends showing what is true.
    await expect(heading).toContainText('Up', { timeout: 15_000 });
  } finally {
    release();
    await startEngine(h3.name);
    await page.unroute(`**/api/hosts/${hostId}`);
    await other.close();
  }
});

/** The e2e-unix card's "N running" on the dashboard, its count now, and a sleeping container made (not started) on its engine. */
async function dashboardCard(page: Page) {
  const counts = page.getByRole('article', { name: 'e2e-unix' }).getByText(/running ·/);
  const before = Number((await counts.textContent())!.match(/(\d+) running/)![1]);
  const { default: Dockerode } = await import('dockerode');
  const container = await new Dockerode({ socketPath: h1.socket }).createContainer({ Image: state.image, Cmd: ['sleep', '60'], Labels: { 'wharf.e2e': '1' } });
  return { counts, before, container };
}

test('a change made while the page’s live link is still connecting is shown once it connects', async ({ page }) => {
  // The page's socket reaches the console only when released: what changes before is told to no one there.
  let release = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  await page.routeWebSocket(/\/socket\.io\//, async (ws) => {
    await released;
    ws.connectToServer();
  });
  await page.goto('/');
  await expect(page.getByRole('status', { name: /Live updates: Connecting/ })).toBeVisible();
  const { counts, before, container } = await dashboardCard(page);
  try {
    await container.start();
    // The console has heard the change (its own API says so) while the page was not listening yet.
    await expect.poll(async () => {
      const hosts = (await (await page.request.get('/api/hosts')).json()) as { name: string; facts: { containers: { running: number } } | null }[];
      return hosts.find((h) => h.name === 'e2e-unix')?.facts?.containers.running;
    }, { timeout: 15_000, message: 'the console to count the new container' }).toBe(before + 1);
    await expect(counts).toContainText(`${before} running`);
    release();
    await expect(page.getByRole('status', { name: /Live updates: Live/ })).toBeVisible({ timeout: 15_000 });
    await expect(counts).toContainText(`${before + 1} running`, { timeout: 15_000 });
  } finally {
    release();
    await container.remove({ force: true });
  }
});

test('a container started on an engine updates the dashboard without a reload', async ({ page }) => {
  await page.goto('/');
  const { counts, before, container } = await dashboardCard(page);
  try {
    await container.start();
    await expect(counts).toContainText(`${before + 1} running`, { timeout: 15_000 });
  } finally {
    await container.remove({ force: true });
  }
  await expect(counts).toContainText(`${before} running`, { timeout: 15_000 });
});

test('edit a host: markup and escape sequences in its description stay inert text', async ({ page }) => {
  const payload = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>\u001b]0;pwned\u0007';
  await page.goto('/hosts');
  await page.getByRole('link', { name: 'e2e-unix' }).click();
  await page.getByRole('link', { name: 'Edit' }).click();
  await expect(page.getByRole('heading', { name: 'Edit e2e-unix' })).toBeVisible();
  await page.getByLabel('Description (optional)').fill(payload.replace('\u001b]0;pwned\u0007', ''));
  await page.getByRole('button', { name: 'Save changes' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('e2e-unix');
  await expect(page.getByText('<img src=x onerror=')).toBeVisible();
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
});

test('remove a host after typing its name', async ({ page }) => {
  await page.goto('/hosts');
  await page.getByRole('link', { name: 'e2e-live' }).click();
  await page.getByRole('button', { name: 'Remove' }).click();
  const dialog = page.getByRole('dialog', { name: 'Remove e2e-live?' });
  await expect(dialog.getByRole('button', { name: 'Remove host' })).toBeDisabled();
  await dialog.getByLabel('Type e2e-live to confirm').fill('e2e-live');
  await dialog.getByRole('button', { name: 'Remove host' }).click();
  await expect(page).toHaveURL(/\/hosts$/);
  await expect(page.getByRole('link', { name: 'e2e-live' })).toHaveCount(0);
});
