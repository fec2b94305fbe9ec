// The administration pages in Simplified Chinese (issue 15): each page's heading in Chinese, none
// of its English words left, nothing wider than a 1280×800 window; a screenshot of each is kept
// as a test artifact.
import { expect, test } from '@playwright/test';
import { ADMIN_STATE } from './support/accounts.ts';
import { zh } from './support/chinese-pages.ts';

test.use({ storageState: ADMIN_STATE, viewport: { width: 1280, height: 800 } });

const PAGES: { path: string; heading: string; english: string[] }[] = [
  { path: '/users', heading: '用户', english: ['Who can sign in to Wharf', 'Directory sign-in', 'New user', 'Last sign-in', 'Docker CLI bundles by user'] },
  { path: '/users/directory', heading: '目录登录', english: ['Test connection', 'Offer LDAP sign-in', 'Groups and teams', 'Break-glass administrators'] },
  { path: '/teams', heading: '团队', english: ['New team', 'People who run the same things'] },
  { path: '/roles', heading: '角色', english: ['New role', 'Administrator', 'Everything, including users', 'built-in'] },
  { path: '/policies', heading: '策略', english: ['New policy', 'Where policies apply', 'Check a compose file', 'wherever nothing else is attached', 'every host and swarm'] },
  { path: '/policies/default', heading: '默认策略', english: ['All policies', 'Built in: what workloads', 'Privileged mode', 'Engine socket', 'Bind paths', 'not allowed', 'no maximum'] },
  { path: '/audit', heading: '审计日志', english: ['Export CSV', 'Apply filters', 'Integrity', 'Forwarding', 'Audit log, newest first'] },
  { path: '/account', heading: '你的账户', english: ['Your account', 'Current password', 'Change password', 'Signs in with'] },
];

for (const { path, heading, english } of PAGES) {
  test(`${path} reads in Chinese at 1280×800`, async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: 'wharf.locale', value: 'zh-CN', url: baseURL! }]);
    await page.goto(path);
    await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
    const text = await page.locator('main').innerText();
    for (const words of english) expect(text, `${path} still says "${words}"`).not.toContain(words);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(1280);
    await page.screenshot({ path: `test-results/i18n-admin-zh${path.replaceAll('/', '-')}.png`, fullPage: true });
  });
}

test('a compose file checked against the default policy: each finding in Chinese, naming its rule and the policy', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'wharf.locale', value: 'zh-CN', url: baseURL! }]);
  await page.goto('/policies');
  const form = page.getByRole('form', { name: zh('Check a compose file') });
  await form.getByLabel(zh('Compose file')).fill('services:\n  web:\n    image: nginx\n    privileged: true\n    volumes: ["/var/run/docker.sock:/s"]\n');
  await form.getByRole('button', { name: zh('Check against the policy') }).click();
  const findings = form.getByRole('list', { name: zh('Findings') });
  await expect(findings).toContainText('特权模式让容器完全控制主机。（策略 “Default”（内置） 的规则“特权模式”）');
  await expect(findings).toContainText('挂载引擎的套接字（/var/run/docker.sock）会获得主机的控制权。');
  await expect(findings).not.toContainText('not allowed');
  await expect(form.getByRole('status')).toContainText('策略 Default（内置） 拒绝此文件');
});

test('the audit log\'s result badges stay on one line in Chinese at 1280×800', async ({ page, context, baseURL }) => {
  await context.addCookies([{ name: 'wharf.locale', value: 'zh-CN', url: baseURL! }]);
  await page.goto('/audit');
  const table = page.getByRole('table', { name: zh('Audit log, newest first') });
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  const badges = table.locator('td span.rounded-full');
  expect(await badges.count()).toBeGreaterThan(0);
  // One line of 12px text in a badge is about 22px tall; wrapped onto two lines it is near 40.
  for (const box of await badges.evaluateAll((els) => els.map((el) => ({ text: (el as HTMLElement).innerText, height: el.getBoundingClientRect().height, lineHeight: parseFloat(getComputedStyle(el).lineHeight) })))) {
    expect(box.height, `badge "${box.text}"`).toBeLessThan(box.lineHeight * 2);
  }
});
