// The hosts area read in Simplified Chinese (issue 15): each page of hosts, provisioning and cloud
// accounts with the language cookie, its heading in Chinese, no catalogue key shown in place of a
// sentence, no control clipped or page overflowing at 1280×800; screenshots kept as artifacts.
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_STATE } from './support/accounts.ts';

test.use({ storageState: ADMIN_STATE });

/** A key of this area's catalogues shown as text: a message that did not resolve. */
const SHOWN_KEY = /\b(hosts|provisioning|cloud)\.[a-z][A-Za-z-]*\.[A-Za-z-]+/;

async function readInChinese(page: Page, path: string, heading: RegExp, shot: string) {
  await page.goto(path);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(heading);
  const main = page.getByRole('main');
  await expect(main).not.toHaveText(SHOWN_KEY);
  // Nothing wider than the window, and no button or link whose text is cut.
  const overflow = await page.evaluate(() => ({
    page: document.documentElement.scrollWidth - window.innerWidth,
    clipped: [...document.querySelectorAll('main button, main a, main th, main label')]
      .filter((el) => el instanceof HTMLElement && el.offsetParent !== null && el.scrollWidth > el.clientWidth + 1 && getComputedStyle(el).overflow !== 'visible')
      .map((el) => (el as HTMLElement).innerText.slice(0, 40)),
  }));
  expect(overflow.page, `${path} is wider than the window`).toBeLessThanOrEqual(0);
  expect(overflow.clipped, `${path} cuts text`).toEqual([]);
  await page.screenshot({ path: test.info().outputPath(`${shot}.zh-CN.png`), fullPage: true });
}

/** Opens the first row of a list page's table and reads its page; false when the list is empty. */
async function readFirstRow(page: Page, list: string, caption: string, shot: string): Promise<boolean> {
  await page.goto(list);
  const link = page.getByRole('table', { name: caption }).getByRole('rowheader').getByRole('link').first();
  if (!(await link.count())) return false;
  const name = (await link.innerText()).trim();
  const href = (await link.getAttribute('href'))!;
  await readInChinese(page, href, new RegExp(name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')), shot);
  return true;
}

test('the hosts pages read in Simplified Chinese', async ({ page, baseURL }) => {
  await page.context().addCookies([{ name: 'wharf.locale', value: 'zh-CN', url: baseURL! }]);
  await readInChinese(page, '/hosts', /^主机$/, 'hosts');
  await readInChinese(page, '/hosts/new', /^添加主机$/, 'host-new');
  await expect(page.getByRole('radio', { name: /Unix 套接字/ })).toBeVisible();
  await readInChinese(page, '/hosts/provision', /^创建主机$/, 'provisioning');
  await readInChinese(page, '/hosts/provision/new', /^创建主机$/, 'provision-new');
  await expect(page.getByRole('radiogroup', { name: '创建方式' })).toBeVisible();
  await readInChinese(page, '/hosts/cloud-accounts', /^云账户$/, 'cloud-accounts');

  // A host and a run, when earlier specs left some.
  if (await readFirstRow(page, '/hosts', '主机', 'host')) await expect(page.getByRole('region', { name: '连接' })).toBeVisible();
  if (await readFirstRow(page, '/hosts/provision', '创建任务', 'provisioning-run')) await expect(page.getByRole('list', { name: '步骤' })).toBeVisible();
});
