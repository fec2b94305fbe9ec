// The administration pages in Simplified Chinese (issue 15): each page's heading in Chinese, none
// of its English words left, nothing wider than a 1280×800 window; a screenshot of each is kept
// as a test artifact.
import { expect, test } from '@playwright/test';
import { ADMIN_STATE } from './support/accounts.ts';

test.use({ storageState: ADMIN_STATE, viewport: { width: 1280, height: 800 } });

const PAGES: { path: string; heading: string; english: string[] }[] = [
  { path: '/users', heading: '用户', english: ['Who can sign in to Wharf', 'Directory sign-in', 'New user', 'Last sign-in', 'Docker CLI bundles by user'] },
  { path: '/users/directory', heading: '目录登录', english: ['Test connection', 'Offer LDAP sign-in', 'Groups and teams', 'Break-glass administrators'] },
  { path: '/teams', heading: '团队', english: ['New team', 'People who run the same things'] },
  { path: '/roles', heading: '角色', english: ['New role', 'Administrator', 'Everything, including users', 'built-in'] },
  { path: '/policies', heading: '策略', english: ['New policy', 'Where policies apply', 'Check a compose file', 'wherever nothing else is attached'] },
  { path: '/policies/default', heading: '默认策略', english: ['All policies', 'Built in: what workloads'] },
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
