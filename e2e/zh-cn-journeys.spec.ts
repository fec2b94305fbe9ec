// The everyday journeys in Simplified Chinese (issue 15), found by their Chinese accessible names:
// add a host, create a swarm on it, see a stack file's problem at its line before anything is
// deployed, and open a terminal in a container. The names come from the zh-CN catalogue through
// the English names the English specs use (zh()), so these follow the catalogue, never a copy.
import Dockerode from 'dockerode';
import { expect, test, type Browser, type Page } from '@playwright/test';
import { ADMIN_STATE } from './support/accounts.ts';
import { zh } from './support/chinese-pages.ts';
import { lab } from './support/fixtures.ts';
import { adminPage } from './support/pages.ts';
import { forgetLabEngines, leaveAllSwarms, labSockets, nudgeFacts } from './support/swarms.ts';

test.describe.configure({ mode: 'serial' });

const state = lab();
const l1 = state.hosts[0];
const engine = new Dockerode({ socketPath: l1.socket });
const LABEL = 'wharf.test=zh-cn';
let page: Page;
let hostId = '';
let swarmId = '';

async function chinesePage(browser: Browser, baseURL: string): Promise<Page> {
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  await context.addCookies([{ name: 'wharf.locale', value: 'zh-CN', url: baseURL }]);
  return context.newPage();
}

async function cleanUp(browser: Browser) {
  await leaveAllSwarms(labSockets());
  for (const c of await engine.listContainers({ all: true, filters: { label: [LABEL] } })) await engine.getContainer(c.Id).remove({ force: true }).catch(() => {});
  const english = await adminPage(browser);
  await forgetLabEngines(english, [l1]);
  await english.context().close();
  for (const socket of labSockets()) await nudgeFacts(socket).catch(() => {});
}

test.beforeAll(async ({ browser, baseURL }) => {
  test.setTimeout(180_000);
  await cleanUp(browser);
  page = await chinesePage(browser, baseURL!);
});

test.afterAll(async ({ browser }) => {
  test.setTimeout(180_000);
  await page?.context().close();
  await cleanUp(browser);
});

test('add a host by its unix socket, in Chinese', async () => {
  await page.goto('/hosts');
  await page.getByRole('link', { name: zh('Add host') }).click();
  await expect(page.getByRole('heading', { name: zh('Add a host') })).toBeVisible();
  await page.getByLabel(zh('Name')).fill('zh-unix');
  await page.getByRole('radio', { name: /Unix/ }).check();
  await page.getByLabel(zh('Socket path')).fill(l1.socket);
  await page.getByRole('button', { name: zh('Add host') }).click();
  await expect(page).toHaveURL(/\/hosts\/[a-z0-9]+$/, { timeout: 30_000 });
  await expect(page.getByRole('heading', { level: 1 })).toContainText('zh-unix');
  hostId = new URL(page.url()).pathname.split('/').pop()!;
});

test('create a swarm on it, in Chinese', async () => {
  await page.goto('/swarms/new');
  await page.getByLabel(zh('Host')).selectOption(hostId);
  await page.getByLabel(zh('Name')).fill('zh-swarm');
  await page.getByLabel(zh('Advertise address')).fill(l1.address);
  await page.getByRole('button', { name: zh('Create swarm') }).click();
  await expect(page).toHaveURL(/\/swarms\/[a-z0-9]{25}$/, { timeout: 60_000 });
  swarmId = new URL(page.url()).pathname.split('/').pop()!;
  await expect(page.getByRole('heading', { level: 1 })).toContainText('zh-swarm');
});

test('a stack file with an undefined secret: the problem shows at its line in Chinese, and nothing is deployed', async () => {
  const bad = ['version: "3.8"', 'services:', '  db:', '    image: local/busybox:latest', '    secrets:', '      - my-pass', ''].join('\n');
  await page.goto(`/stacks/new?swarm=${swarmId}`);
  await page.getByLabel(zh('Stack name')).fill('zh-bad');
  const editor = page.getByRole('textbox', { name: zh('Compose file') });
  await editor.click();
  await page.keyboard.press('ControlOrMeta+a');
  await page.keyboard.press('Delete');
  await page.keyboard.insertText(bad);
  const problems = page.getByRole('list', { name: zh('Problems') });
  await expect(problems).toContainText('my-pass');
  await expect(problems).toContainText(/6.*9/);
  await expect(problems).toContainText(/[\u4e00-\u9fff]/);
  await page.getByRole('button', { name: zh('Deploy') }).click();
  await expect(page.getByRole('alert').filter({ hasText: /[\u4e00-\u9fff]/ }).first()).toBeVisible({ timeout: 30_000 });
  expect(await engine.listServices({ filters: { label: ['com.docker.stack.namespace=zh-bad'] } })).toEqual([]);
});

test('open a terminal in a container, in Chinese', async () => {
  const container = await engine.createContainer({ Image: state.image, name: `wharf-zh-${Date.now().toString(36)}`, Cmd: ['sleep', '600'], Labels: { 'wharf.test': 'zh-cn' }, StopTimeout: 1 });
  await container.start();
  await page.goto(`/containers/${hostId}/${container.id}/terminal`);
  await page.getByLabel(zh('Shell')).selectOption('sh');
  await page.getByRole('button', { name: zh('Open terminal') }).click();
  const region = page.getByRole('region', { name: /sh/ });
  await expect(region).toBeVisible();
  // The shell's prompt first: keys typed before it are lost.
  await expect(region.locator('.xterm-rows')).toContainText('#');
  await region.click();
  await page.keyboard.type('echo wharf-$((6*7))');
  await page.keyboard.press('Enter');
  await expect(region).toContainText('wharf-42');
});
