// The containers pages, the container's own pages (logs, terminal, stats) and the dashboard in
// Simplified Chinese at 1280×800: found by their Chinese names, none of their English words left,
// a screenshot of each kept as a test artifact.
import { randomBytes } from 'node:crypto';
import Dockerode from 'dockerode';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_STATE } from './support/accounts.ts';
import { lab } from './support/fixtures.ts';
import { ensureLabHosts } from './support/swarms.ts';

test.describe.configure({ mode: 'serial' });
test.use({ storageState: ADMIN_STATE });

const l1 = lab().hosts[0];
const engine = new Dockerode({ socketPath: l1.socket });
const LABELS = { 'wharf.test': 'containers-zh' };
let hostId: string;
let containerId: string;
let containerName: string;

// English the converted pages said before (their catalogue entries); none may show in Chinese.
const ENGLISH = ['Containers on every host', 'Create container', 'Any state', 'Pick a host', 'Overview', 'Environment', 'Timestamps', 'Download logs', 'Open terminal', 'Working directory', 'Running containers', 'Top containers by CPU', 'Search the feed', 'All types', 'Every engine Wharf watches', 'Prune images', 'Pull an image'];

async function removeTestContainers() {
  for (const c of await engine.listContainers({ all: true, filters: { label: ['wharf.test=containers-zh'] } })) await engine.getContainer(c.Id).remove({ force: true }).catch(() => {});
}

async function inChinese(page: Page) {
  await page.context().addCookies([{ name: 'wharf.locale', value: 'zh-CN', url: test.info().project.use.baseURL! }]);
}

async function noEnglishLeft(page: Page, shot: string) {
  const text = await page.locator('main').innerText();
  expect(ENGLISH.filter((phrase) => text.includes(phrase))).toEqual([]);
  await page.screenshot({ path: test.info().outputPath(`${shot}.png`), fullPage: true });
}

test.beforeAll(async () => {
  await removeTestContainers();
  containerName = `wharf-e2e-zh-${randomBytes(3).toString('hex')}`;
  const c = await engine.createContainer({ Image: lab().image, name: containerName, Cmd: ['sh', '-c', 'echo 你好; while true; do sleep 1; done'], Labels: LABELS, StopTimeout: 1 });
  await c.start();
  containerId = c.id;
});

test.afterAll(async () => {
  await removeTestContainers();
});

test('the containers list, its sections and the dashboard read in Chinese', async ({ page }) => {
  hostId = (await ensureLabHosts(page, [l1]))[l1.name].id;
  await inChinese(page);

  await page.goto('/');
  await expect(page.getByRole('heading', { level: 1, name: '仪表盘' })).toBeVisible();
  await noEnglishLeft(page, 'dashboard');

  await page.goto(`/containers?host=${hostId}`);
  await expect(page.getByRole('heading', { level: 1, name: '容器' })).toBeVisible();
  await expect(page.getByRole('table', { name: '容器' }).getByRole('row').filter({ hasText: containerName }).getByText('运行中')).toBeVisible();
  await expect(page.getByRole('link', { name: '创建容器' })).toBeVisible();
  await noEnglishLeft(page, 'containers');

  await page.goto(`/containers/images?host=${hostId}`);
  await expect(page.getByRole('button', { name: '清理镜像…' })).toBeVisible();
  await expect(page.getByRole('region', { name: '拉取镜像' }).getByLabel('要拉取的镜像')).toBeVisible();
  await noEnglishLeft(page, 'images');

  await page.goto(`/containers/stats?host=${hostId}`);
  await expect(page.getByRole('heading', { name: 'CPU 占用最高的容器' })).toBeVisible();
  await noEnglishLeft(page, 'stats');

  await page.goto(`/containers/events?host=${hostId}`);
  await expect(page.getByLabel('搜索事件流')).toBeVisible();
  await noEnglishLeft(page, 'events');
});

test("a container's detail, logs and terminal read in Chinese", async ({ page }) => {
  await inChinese(page);

  await page.goto(`/containers/${hostId}/${containerId}`);
  await expect(page.getByRole('tab', { name: '概览' })).toHaveAttribute('aria-selected', 'true');
  await page.getByRole('tab', { name: '环境变量' }).click();
  await expect(page.getByRole('button', { name: '显示变量值' })).toBeVisible();
  await page.getByRole('tab', { name: '概览' }).click();
  await noEnglishLeft(page, 'container');

  await page.goto(`/containers/${hostId}/${containerId}/logs`);
  await expect(page.getByRole('heading', { level: 1, name: '日志' })).toBeVisible();
  await expect(page.getByRole('log')).toContainText('你好');
  await expect(page.getByRole('status').filter({ hasText: '当前显示' })).toContainText('正在跟踪');
  await noEnglishLeft(page, 'logs');

  await page.goto(`/containers/${hostId}/${containerId}/terminal`);
  await page.getByRole('button', { name: '打开终端' }).click();
  await expect(page.getByRole('tab', { name: /终端 1：sh/ })).toBeVisible();
  await noEnglishLeft(page, 'terminal');
});
