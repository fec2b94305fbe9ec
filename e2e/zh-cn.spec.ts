// The console in Simplified Chinese (issue 15): the language a browser asks for, the switch on the
// sign-in page and in the header, the choice kept in the user's profile across browsers, and
// messages built on the server (door refusals) in the reader's language. Elements are found by
// their Chinese accessible names, read from the zh-CN catalogue itself. Screenshots of the same
// pages in both languages are kept as test artifacts.
import { expect, test, type Browser, type Page, type TestInfo } from '@playwright/test';
import { messagesFor } from '../lib/i18n/catalogue.ts';
import { lab } from './support/fixtures.ts';
import { adminPage, ensureUser, signedInPage } from './support/pages.ts';

const zh = messagesFor('zh-CN');
const en = messagesFor('en');
const LIN = { username: 'lin', password: 'lin-password-12345' };

test.describe.configure({ mode: 'serial' });

/** Kept in the test's output folder under test-results/ (and attached to the report). */
async function keepScreenshot(page: Page, info: TestInfo, name: string) {
  const path = info.outputPath(name);
  await page.screenshot({ path, fullPage: true });
  await info.attach(name, { path, contentType: 'image/png' });
}

async function signedOutPage(browser: Browser, locale: string): Promise<Page> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] }, locale });
  return context.newPage();
}

test('a browser that asks for Chinese gets the sign-in page in Chinese; the switch there changes it and is remembered', async ({ browser }, info) => {
  const page = await signedOutPage(browser, 'zh-CN');
  await page.goto('/login');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { name: zh.auth.signIn.title })).toBeVisible();
  await expect(page.getByLabel(zh.auth.signIn.username)).toBeVisible();
  await expect(page).toHaveTitle(`${zh.auth.signIn.title} · Wharf`);
  await keepScreenshot(page, info, 'sign-in.zh-CN.png');

  // A wrong password is refused in Chinese.
  await page.getByLabel(zh.auth.signIn.username).fill('nobody-here');
  await page.getByLabel(zh.auth.signIn.password).fill('not-the-password');
  await page.getByRole('button', { name: zh.auth.signIn.submit }).click();
  await expect(page.getByRole('alert').filter({ hasText: zh.auth.signIn.wrongCredentials })).toBeVisible();

  // The switch names each language in its own words; English is chosen, and stays chosen.
  const language = page.getByRole('combobox', { name: zh.common.language.label });
  await expect(language.getByRole('option')).toHaveText(['English', '简体中文']);
  await language.selectOption('en');
  await expect(page.getByRole('heading', { name: en.auth.signIn.title })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await keepScreenshot(page, info, 'sign-in.en.png');
  await page.reload();
  await expect(page.getByRole('heading', { name: en.auth.signIn.title })).toBeVisible();
  expect((await page.context().cookies()).find((c) => c.name === 'wharf.locale')?.value).toBe('en');
  await page.context().close();
});

test('a user who picks 简体中文 in the header keeps it: another browser reads the console in Chinese after sign-in, and refusals come in Chinese', async ({ browser }, info) => {
  const admin = await adminPage(browser);
  await ensureUser(admin, LIN, 'viewer');
  await admin.context().close();

  // Signed in through an English page, the user switches in the header.
  const first = await signedInPage(browser, LIN);
  await keepScreenshot(first, info, 'dashboard.en.png');
  await first.getByRole('combobox', { name: en.common.language.label }).selectOption('zh-CN');
  const nav = first.getByRole('navigation', { name: zh.shell.nav.label });
  await expect(nav.getByRole('link', { name: zh.shell.nav.dashboard, exact: true })).toBeVisible();
  await expect(first.getByRole('button', { name: zh.shell.signOut })).toBeVisible();
  await keepScreenshot(first, info, 'dashboard.zh-CN.png');
  await first.context().close();

  // Another browser, asking for English, with no cookie: after sign-in the profile decides.
  const second = await signedOutPage(browser, 'en-US');
  await second.goto('/login');
  await second.getByLabel(en.auth.signIn.username).fill(LIN.username);
  await second.getByLabel(en.auth.signIn.password).fill(LIN.password);
  await second.getByRole('button', { name: en.auth.signIn.submit }).click();
  await expect(second.getByRole('navigation', { name: zh.shell.nav.label }).getByRole('link', { name: zh.shell.nav.dashboard, exact: true })).toBeVisible();
  await expect(second.locator('html')).toHaveAttribute('lang', 'zh-CN');

  // Messages the server builds come in the reader's language: a refusal of the audit export
  // (a viewer may not read the audit log) and an id that is not one.
  const refused = await second.request.get('/api/audit/export?format=jsonl');
  expect(refused.status()).toBe(403);
  expect((await refused.json()).error.message).toBe(`你没有权限${zh.permissions.phrase.audit.view}。`);
  const missing = await second.request.get('/api/hosts/not~an~id');
  expect((await missing.json()).error.message).toBe(zh.errors.notFound);

  // And back to English, for this user everywhere.
  await second.getByRole('combobox', { name: zh.common.language.label }).selectOption('en');
  await expect(second.getByRole('navigation', { name: en.shell.nav.label }).getByRole('link', { name: en.shell.nav.dashboard, exact: true })).toBeVisible();
  await second.context().close();
});

test('a registry that cannot be reached is explained in Chinese at its address, the address as typed', async ({ browser, baseURL }, info) => {
  const page = await adminPage(browser);
  await page.context().addCookies([{ name: 'wharf.locale', value: 'zh-CN', url: baseURL! }]);
  // The lab registry's machine, on a port nothing listens at: the connection is refused at once.
  const closed = `${lab().registry.url.replace(/^[a-z]+:\/\//, '').replace(/:\d+$/, '')}:1`;
  await page.goto('/registries');
  await page.getByRole('button', { name: zh.registries.add.button }).first().click();
  const dialog = page.getByRole('dialog', { name: zh.registries.add.title });
  await dialog.getByLabel(zh.registries.form.name, { exact: true }).fill('zh-unreachable');
  await dialog.getByLabel(zh.registries.form.kind).selectOption('v2-basic');
  await dialog.getByLabel(zh.registries.form.address).fill(closed);
  await dialog.getByLabel(zh.registries.form.plainHttp).check();
  await dialog.getByLabel(zh.registries.form.username).fill('nobody');
  await dialog.getByLabel(zh.registries.form.secret).fill('not-a-password');
  await dialog.getByRole('button', { name: zh.registries.form.add }).click();
  await expect(dialog.getByText(/^无法连接镜像仓库：.*没有响应：服务器已停止，或地址或端口有误。$/).first()).toBeVisible();
  await expect(dialog.getByText('The registry cannot be reached', { exact: false })).toHaveCount(0);
  await keepScreenshot(page, info, 'registry-unreachable.zh-CN.png');
  await page.context().close();
});
