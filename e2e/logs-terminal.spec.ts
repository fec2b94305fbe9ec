// Logs and terminals in a real browser against lab-1: new lines of a container writing them
// appear while following, pausing and resuming loses and repeats nothing, older lines come from
// the engine when scrolled to, the download holds them, a terminal echoes and reports the size the
// page gives it (also after a resize), closing the page leaves no process in the container, and
// a viewer reads logs but gets no terminal, neither in the UI nor through a direct socket.
import { readFile } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import Dockerode from 'dockerode';
import { expect, test, type Page } from '@playwright/test';
import { io as connect } from 'socket.io-client';
import { SOCKET_PATH } from '../lib/realtime/protocol.ts';
import { STREAMS_NAMESPACE, type Ack } from '../lib/realtime/stream-protocol.ts';
import { ADMIN_STATE } from './support/accounts.ts';
import { lab } from './support/fixtures.ts';
import { ensureUser, signedInPage } from './support/pages.ts';
import { ensureLabHosts } from './support/swarms.ts';

test.describe.configure({ mode: 'serial' });
test.use({ storageState: ADMIN_STATE });

const LOG_VIEWER = { username: 'lena-logs', password: 'viewer-password-logs' };
const l1 = lab().hosts[0];
const engine = new Dockerode({ socketPath: l1.socket });
let hostId: string;
let containerId: string;

async function removeTestContainers() {
  for (const c of await engine.listContainers({ all: true, filters: { label: ['wharf.test=logs'] } })) await engine.getContainer(c.Id).remove({ force: true }).catch(() => {});
}

/** Starts a container on lab-1 running `sh -c <script>`, labelled for removeTestContainers; returns its id. */
async function startTestContainer(kind: string, script: string): Promise<string> {
  const container = await engine.createContainer({
    Image: lab().image,
    name: `wharf-e2e-${kind}-${randomBytes(3).toString('hex')}`,
    Cmd: ['sh', '-c', script],
    Labels: { 'wharf.test': 'logs' },
    StopTimeout: 1,
  });
  await container.start();
  return container.id;
}

/** The container's processes whose command line matches. */
async function processes(match: (command: string) => boolean): Promise<string[]> {
  const top = await engine.getContainer(containerId).top();
  const at = (top.Titles as string[]).indexOf('CMD');
  return (top.Processes as string[][]).map((p) => p[at]).filter(match);
}
const strays = () => processes((cmd) => cmd === '/bin/sh' || cmd.includes('sleep 4321'));

test.beforeAll(async () => {
  await removeTestContainers();
  containerId = await startTestContainer('logs', 'i=0; while true; do i=$((i+1)); echo "tick $i"; echo "warn $i" >&2; sleep 0.2; done');
});

test.afterAll(async () => {
  await removeTestContainers();
});

test('follows a container\'s logs live, toggles timestamps and streams, searches, pauses and resumes, downloads', async ({ page }) => {
  // A taller window keeps the lines around a pause in view however many arrive meanwhile.
  await page.setViewportSize({ width: 1280, height: 1600 });
  hostId = (await ensureLabHosts(page, [l1]))[l1.name].id;
  await page.goto(`/containers/${hostId}/${containerId}/logs`);
  const log = page.getByRole('log', { name: /Logs of/ });
  await expect(log.getByText(/^tick \d+$/).first()).toBeVisible();
  const newest = async () => Math.max(...(await log.getByText(/^tick \d+$/).allTextContents()).map((t) => Number(t.slice(5))));
  const seen = await newest();
  await expect(log.getByText(`tick ${seen + 3}`, { exact: true })).toBeVisible();

  await page.getByLabel('Timestamps').check();
  await expect(log.getByText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\.\d{3}$/).first()).toBeVisible();
  await page.getByLabel('stderr').uncheck();
  await expect(log.getByText(/^tick \d+$/).first()).toBeVisible();
  await expect(log.getByText(/^warn \d+$/)).toHaveCount(0);
  await page.getByLabel('stderr').check();
  await expect(log.getByText(/^warn \d+$/).first()).toBeVisible();

  await page.getByRole('searchbox', { name: 'Filter' }).fill('TICK 1');
  await page.getByRole('button', { name: 'Search', exact: true }).click();
  await expect(page.getByRole('status').filter({ hasText: 'lines in view' })).toContainText('matching "TICK 1"');
  await expect(log.getByText('tick 1', { exact: true })).toBeVisible();
  await expect(log.getByText(/^warn/)).toHaveCount(0);
  await page.getByRole('button', { name: 'Clear filter' }).click();
  await expect(page.getByLabel('Follow')).toBeChecked();

  // Pausing, then following again, resumes from the last line shown: no gap, no duplicate.
  await expect(log.getByText(/^tick \d+$/).first()).toBeVisible();
  await page.getByLabel('Follow').uncheck();
  await expect(page.getByRole('status').filter({ hasText: 'lines in view' })).toContainText('Paused');
  const pausedAt = await newest();
  const written = async () => Number(/tick (\d+)/.exec((await engine.getContainer(containerId).logs({ stdout: true, tail: 1 })).toString())?.[1] ?? 0);
  await expect.poll(written).toBeGreaterThan(pausedAt + 5);
  await page.getByLabel('Follow').check();
  await expect(log.getByText(`tick ${pausedAt + 6}`, { exact: true })).toBeVisible();
  // The list is virtualized: only rows in view are in the page. Freeze it (pause again) with the
  // lines around the pause still in view, then read them.
  await page.getByLabel('Follow').uncheck();
  const ticks = (await log.getByText(/^tick \d+$/).allTextContents()).map((t) => Number(t.slice(5)));
  expect(ticks).toContain(pausedAt);
  expect(ticks).toEqual(Array.from({ length: ticks.length }, (_, i) => ticks[0] + i));

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download logs' }).click();
  const download = await downloading;
  const text = await readFile((await download.path())!, 'utf8');
  expect(text).toMatch(/^\S+Z stdout tick 1$/m);
  expect(text).toMatch(/stderr warn 1$/m);
});

test('scrolling to the top fetches older lines from the engine, each once, up to the first', async ({ page }) => {
  const burstId = await startTestContainer('burst', 'printf "\\033]0;title\\007\\033[31m<b>red, not bold</b>\\033[0m\\n"; i=0; while [ $i -lt 2500 ]; do i=$((i+1)); echo "line $i"; done; exec sleep 3600');
  await page.goto(`/containers/${hostId}/${burstId}/logs`);
  const log = page.getByRole('log', { name: /Logs of/ });
  const status = page.getByRole('status').filter({ hasText: 'lines in view' });
  // The first read is the last 1,000 lines.
  await expect(log.getByText('line 2500', { exact: true })).toBeVisible();
  await expect(status).toContainText('1,000 lines in view');
  await log.hover();
  // Each page of older lines arrives above the line at the top of the view, and that line stays
  // where it was, also after the rows are measured (no jump, no second scroll to get back to it).
  // The lines held are the last ones of the 2,501 written (a coloured line, then lines 1 to 2500).
  const held = async () => Number((await status.textContent())?.match(/([\d,]+) lines? in view/)?.[1]?.replaceAll(',', '') ?? 0);
  /** Where the row of `line n` sits in the view (px from its top), after a few frames have been drawn. */
  const rowTop = (n: number) =>
    log.evaluate(async (el, n) => {
      for (let i = 0; i < 10; i++) await new Promise((r) => requestAnimationFrame(r));
      const row = Array.from(el.querySelectorAll('[data-index]')).find((r) => (r.textContent ?? '').trim().endsWith(`line ${n}`));
      return row ? Math.round(row.getBoundingClientRect().top - el.getBoundingClientRect().top) : null;
    }, n);
  for (let before = await held(); before < 2501; before = await held()) {
    const topLine = 2501 - before;
    await page.mouse.wheel(0, -100_000);
    await expect.poll(held, { message: 'a page of older lines arrives' }).toBeGreaterThan(before);
    const top = await rowTop(topLine);
    expect(top, `line ${topLine} is still at the top of the view`).not.toBeNull();
    expect(top!).toBeGreaterThanOrEqual(0);
    expect(top!).toBeLessThan(21);
  }
  await expect(status).toContainText('2,501 lines in view');
  // Scrolling on up (once) reaches the first line.
  await page.mouse.wheel(0, -100_000);
  await expect(log.getByText('line 1', { exact: true })).toBeVisible();
  // ANSI colours are shown, other escapes dropped, markup left as text.
  // The last page keeps the view where it was (no jump after it arrives): scrolled up to line 1,
  // the line above it is there too.
  const colored = log.getByText('<b>red, not bold</b>', { exact: true });
  await expect(colored).toBeVisible();
  await expect(colored).toHaveCSS('color', /^rgb\(\d+, 0, 0\)$/);
  await expect(log.locator('b')).toHaveCount(0);
  await expect(log.getByText(/title/)).toHaveCount(0);
  await expect(status).toContainText('start of the logs');
  const first = (await log.getByText(/^line \d+$/).allTextContents()).map((t) => Number(t.slice(5)));
  expect(first.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  await engine.getContainer(burstId).remove({ force: true });
});

/** The text xterm shows, row by row. */
const screen = (page: Page, name: string) => page.getByRole('region', { name }).locator('.xterm-rows');

test('a terminal echoes, matches the page\'s size after a resize, and leaves nothing when the page closes', async ({ page }) => {
  await page.goto(`/containers/${hostId}/${containerId}/terminal`);
  await page.getByLabel('Shell').selectOption('sh');
  await page.getByRole('button', { name: 'Open terminal' }).click();
  const name = 'Terminal 1: sh';
  const region = page.getByRole('region', { name });
  await expect(region).toBeVisible();
  await expect(screen(page, name)).toContainText('#');
  await region.click();
  await page.keyboard.type('echo wharf-$((6*7))');
  await page.keyboard.press('Enter');
  await expect(screen(page, name)).toContainText('wharf-42');

  const sizeOf = async () => {
    const [cols, rows] = ((await page.getByText(/^\d+ × \d+$/).textContent()) ?? '').split(' × ').map(Number);
    return { cols, rows };
  };
  const checkSize = async () => {
    const { cols, rows } = await sizeOf();
    await page.keyboard.type('clear; stty size');
    await page.keyboard.press('Enter');
    await expect(screen(page, name)).toContainText(new RegExp(`(^|\\D)${rows}\\s${cols}(\\D|$)`));
    return { cols, rows };
  };
  const before = await checkSize();
  await page.setViewportSize({ width: 900, height: 620 });
  await expect.poll(async () => (await sizeOf()).cols).not.toBe(before.cols);
  const after = await checkSize();
  expect(after.rows).not.toBe(before.rows);

  await page.keyboard.type('sleep 4321');
  await page.keyboard.press('Enter');
  await expect.poll(async () => (await strays()).length).toBeGreaterThan(0);
  await page.close();
  await expect.poll(async () => strays(), { message: 'no process of the session left in the container' }).toEqual([]);
});

test('an ended terminal opens again in its tab, as a new session', async ({ page }) => {
  await page.goto(`/containers/${hostId}/${containerId}/terminal`);
  await page.getByLabel('Shell').selectOption('sh');
  await page.getByRole('button', { name: 'Open terminal' }).click();
  const name = 'Terminal 1: sh';
  await expect(screen(page, name)).toContainText('#');
  await page.getByRole('region', { name }).click();
  await page.keyboard.type('exit 3');
  await page.keyboard.press('Enter');
  await expect(page.getByRole('tab', { name: `${name} (ended)` })).toBeVisible();
  await expect(page.getByRole('tabpanel', { name }).getByText('Ended: The command ended.')).toBeVisible();

  await page.getByRole('button', { name: 'Open again' }).click();
  await expect(page.getByRole('tab', { name, exact: true })).toBeVisible();
  await expect(page.getByRole('tab')).toHaveCount(1);
  await expect(screen(page, name)).toContainText('#');
  await page.getByRole('region', { name }).click();
  await page.keyboard.type('echo again-$((6*7))');
  await page.keyboard.press('Enter');
  await expect(screen(page, name)).toContainText('again-42');
  await expect(page.getByRole('button', { name: 'Open again' })).toHaveCount(0);
});

test('a viewer reads logs but gets no terminal, in the UI or through the socket', async ({ page, browser, baseURL }) => {
  await ensureUser(page, LOG_VIEWER, 'viewer');
  const viewer = await signedInPage(browser, LOG_VIEWER);
  await viewer.goto(`/containers/${hostId}/${containerId}/logs`);
  await expect(viewer.getByRole('log', { name: /Logs of/ }).getByText(/^tick \d+$/).first()).toBeVisible();
  await expect(viewer.getByRole('link', { name: 'Terminal' })).toHaveCount(0);

  await viewer.goto(`/containers/${hostId}/${containerId}/terminal`);
  await expect(viewer.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
  await expect(viewer.getByRole('button', { name: 'Open terminal' })).toHaveCount(0);

  // Straight to the socket with the viewer's cookie, as a script would.
  const cookie = (await viewer.context().cookies()).map((c) => `${c.name}=${c.value}`).join('; ');
  const socket = connect(`${baseURL}${STREAMS_NAMESPACE}`, { path: SOCKET_PATH, transports: ['websocket'], extraHeaders: { origin: baseURL!, cookie }, reconnection: false, forceNew: true });
  try {
    await new Promise<void>((resolve, reject) => {
      socket.once('connect', () => resolve());
      socket.once('connect_error', reject);
    });
    const ack = await new Promise<Ack<unknown>>((resolve) => socket.emit('exec:open', { hostId, containerId, shell: { kind: 'sh' }, cols: 80, rows: 24 }, resolve));
    expect(ack).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringContaining('not allowed') } });
  } finally {
    socket.disconnect();
  }
  expect(await strays()).toEqual([]);
  await viewer.context().close();
});
