// Case 22 of docs/security.md in a real browser: markup in a container's labels and environment,
// and markup, colours and escape sequences (a window title, a hyperlink) in its log stream and its
// terminal, reach the page as text. Nothing runs, no element is made from them, no link appears,
// and the page keeps its title.
import Dockerode from 'dockerode';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_STATE } from './support/accounts.ts';
import { lab } from './support/fixtures.ts';
import { ensureLabHosts } from './support/swarms.ts';

test.use({ storageState: ADMIN_STATE });
test.describe.configure({ mode: 'serial' });

const l1 = lab().hosts[0];
const engine = new Dockerode({ socketPath: l1.socket });
const LABEL = { 'wharf.test': 'inert' };
const MARKUP = '<img src=x onerror="window.__xss=1"><script>window.__xss=2</script>';
// What the container prints once: markup, a colour, an OSC window title and an OSC 8 hyperlink.
const SCRIPT = [
  `echo '<img src=x onerror="window.__xss=3">markup-line'`,
  `printf '\\033[31mred-line\\033[0m\\n'`,
  `printf '\\033]0;pwned-title\\007title-line\\n'`,
  `printf '\\033]8;;javascript:window.__xss=4\\033\\\\link-line\\033]8;;\\033\\\\\\n'`,
  'exec sleep 3600',
].join('; ');
let hostId: string;
let containerId: string;

async function removeTestContainers() {
  for (const c of await engine.listContainers({ all: true, filters: { label: ['wharf.test=inert'] } })) await engine.getContainer(c.Id).remove({ force: true }).catch(() => {});
}

/** Fails the test on any dialog; checks afterwards that nothing ran and no element was made. */
function watchForScripts(page: Page) {
  page.on('dialog', (dialog) => {
    throw new Error(`a dialog opened: ${dialog.message()}`);
  });
  return async () => {
    expect(await page.evaluate(() => (window as unknown as { __xss?: number }).__xss)).toBeUndefined();
    expect(await page.locator('img[src="x"]').count()).toBe(0);
    expect(await page.locator('a[href^="javascript:" i]').count()).toBe(0);
    expect(await page.title()).not.toContain('pwned');
  };
}

test.beforeAll(async ({ browser }) => {
  await removeTestContainers();
  const container = await engine.createContainer({
    Image: lab().image,
    name: 'wharf-e2e-inert',
    Cmd: ['sh', '-c', SCRIPT],
    Env: [`PAYLOAD=${MARKUP}`],
    Labels: { ...LABEL, payload: MARKUP, [MARKUP]: 'as a key' },
    StopTimeout: 1,
  });
  await container.start();
  containerId = container.id;
  const page = await (await browser.newContext({ storageState: ADMIN_STATE })).newPage();
  hostId = (await ensureLabHosts(page, [l1]))[l1.name].id;
  await page.context().close();
});

test.afterAll(removeTestContainers);

test('markup in labels and environment values is shown as text', async ({ page }) => {
  const nothingRan = watchForScripts(page);
  await page.goto(`/containers/${hostId}/${containerId}`);
  await page.getByRole('tab', { name: 'Labels' }).click();
  const labels = page.getByRole('table', { name: 'Labels' });
  await expect(labels.getByRole('row').filter({ hasText: 'payload' })).toContainText(MARKUP);
  await expect(labels.getByText(MARKUP, { exact: true })).toHaveCount(2);
  await page.getByRole('tab', { name: 'Environment' }).click();
  await page.getByRole('button', { name: 'Reveal values' }).click();
  await expect(page.getByRole('table', { name: 'Environment' }).getByRole('row').filter({ hasText: 'PAYLOAD' })).toContainText(MARKUP);
  await page.getByRole('tab', { name: 'Raw JSON' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('onerror');
  await nothingRan();
});

test('markup and escape sequences in the log stream: text, a colour, and nothing else', async ({ page }) => {
  const nothingRan = watchForScripts(page);
  await page.goto(`/containers/${hostId}/${containerId}/logs`);
  const log = page.getByRole('log', { name: /Logs of/ });
  await expect(log.getByText('<img src=x onerror="window.__xss=3">markup-line', { exact: true })).toBeVisible();
  const red = log.getByText('red-line', { exact: true });
  await expect(red).toBeVisible();
  expect(await red.evaluate((e) => getComputedStyle(e).color)).toMatch(/^rgb\(\s*\d{2,3},/);
  await expect(log.getByText('title-line', { exact: true })).toBeVisible();
  await expect(log.getByText('link-line', { exact: true })).toBeVisible();
  const text = (await log.textContent()) ?? '';
  expect(text).not.toContain('\u001b');
  expect(text).not.toContain('pwned-title');
  expect(text).not.toContain('javascript:');
  await nothingRan();
});

test('a title and a hyperlink printed in a terminal do not reach the page', async ({ page }) => {
  const nothingRan = watchForScripts(page);
  await page.goto(`/containers/${hostId}/${containerId}/terminal`);
  await page.getByLabel('Shell').selectOption('sh');
  await page.getByRole('button', { name: 'Open terminal' }).click();
  const region = page.getByRole('region', { name: 'Terminal 1: sh' });
  const rows = region.locator('.xterm-rows');
  await expect(rows).toContainText('#');
  await region.click();
  await page.keyboard.type(String.raw`printf '\033]0;pwned-title\007\033]8;;javascript:window.__xss=5\033\\term-link\033]8;;\033\\ <b>bold</b>\n'`);
  await page.keyboard.press('Enter');
  await expect(rows).toContainText('term-link <b>bold</b>');
  // Over the printed link (the row's first characters). xterm redraws its rows as the cursor
  // blinks, so the row is never "stable" to Playwright: the pointer is moved there regardless.
  await rows.locator('div', { hasText: 'term-link <b>bold</b>' }).last().hover({ position: { x: 12, y: 6 }, force: true });
  await nothingRan();
  expect(await region.locator('b').count()).toBe(0);
});
