// Directory sign-in (issue 12) in a real browser against the lab's OpenID Connect provider
// (oidc-provider, its own login page) and LDAP directory (slapd, StartTLS): an administrator sets
// both up on the Directory sign-in page (each tested before it is saved) and maps a group of each
// to a team; an OIDC user signs in through the provider's login page and lands in that team; an
// LDAP user does the same through the sign-in form; a user whose groups map to no team is told whom
// to ask; a provider that is down is said so on the sign-in page while local sign-in still works;
// and a user changes their own password. Teams are made in the console's database (the teams pages
// are another change's); everything else goes through the UI.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { expect, test, type Browser, type Page } from '@playwright/test';
import pg from 'pg';
import { ensureOidcProvider, stopOidcProvider } from '@/scripts/lab/oidc-provider.ts';
import { labUp, type LabState } from '@/scripts/lab/index.ts';
import { withDatabase } from '@/tests/support/test-postgres.ts';
import { ADMIN } from './support/accounts.ts';
import { signIn } from './support/fixtures.ts';
import { adminPage, ensureUser } from './support/pages.ts';

test.describe.configure({ mode: 'serial' });

const TEAM = `payments-e2e-${randomBytes(2).toString('hex')}`;
const BUTTON = 'Continue with Lab SSO';
let lab: LabState;
let db: pg.Client;

const signedOutPage = async (browser: Browser): Promise<Page> => (await browser.newContext({ storageState: { cookies: [], origins: [] } })).newPage();

/** Signed in as a directory user: back on the console's first page (which their base role 'none' may not show until a team grants hosts). */
async function expectSignedIn(page: Page, username: string) {
  await expect(page.getByRole('link', { name: 'Your account' })).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/');
  await expect(page.getByRole('complementary')).toContainText(username);
}

async function openDirectoryPage(page: Page) {
  await page.goto('/users');
  await page.getByRole('link', { name: 'Directory sign-in' }).click();
  await expect(page.getByRole('heading', { name: 'Directory sign-in', level: 1 })).toBeVisible();
}

type Provider = { issuer: string; clientId: string; clientSecret: string };

async function saveOidc(page: Page, provider: Provider) {
  const form = page.getByRole('form', { name: 'OpenID Connect settings' });
  await form.getByLabel('Issuer URL').fill(provider.issuer);
  await form.getByLabel('Client id').fill(provider.clientId);
  await form.getByLabel('Client secret').fill(provider.clientSecret);
  await form.getByLabel('Button label').fill(BUTTON);
  await form.getByRole('button', { name: 'Test connection' }).click();
  await expect(page.getByText('The provider answered and accepted the client id and secret.')).toBeVisible();
  await form.getByRole('button', { name: 'Save OpenID Connect settings' }).click();
  await expect(page.getByText('Saved the OpenID Connect settings: the connection test passed.')).toBeVisible();
}

test.beforeAll(async () => {
  test.setTimeout(120_000);
  lab = await labUp();
  db = new pg.Client({ connectionString: withDatabase(process.env.WHARF_TEST_PG_URL!, 'e2e_console') });
  await db.connect();
  await db.query('INSERT INTO "Team" (id, name, "updatedAt") VALUES ($1, $2, now())', [`e2eteam${randomBytes(8).toString('hex')}`, TEAM]);
});

test.afterAll(async () => {
  // Later specs sign in with the plain form: no directory left behind.
  await db?.query('DELETE FROM "DirectoryConfig"');
  await db?.end();
});

test('an administrator sets up OpenID Connect and LDAP (each tested first, the failing part named) and maps a group of each to a team', async ({ browser }) => {
  const page = await adminPage(browser);
  await openDirectoryPage(page);

  const oidc = page.getByRole('form', { name: 'OpenID Connect settings' });
  await oidc.getByLabel('Issuer URL').fill(lab.oidc!.issuer);
  await oidc.getByLabel('Client id').fill(lab.oidc!.clientId);
  await oidc.getByLabel('Client secret').fill('not-the-secret');
  await oidc.getByRole('button', { name: 'Test connection' }).click();
  await expect(oidc.getByLabel('Client secret')).toHaveAccessibleDescription('The provider does not accept this client id and secret.');
  await saveOidc(page, lab.oidc!);
  // The secret is never sent back to the page.
  await page.reload();
  await expect(page.getByRole('form', { name: 'OpenID Connect settings' }).getByLabel('Client secret')).toHaveValue('');
  expect(await page.content()).not.toContain(lab.oidc!.clientSecret);

  const ldap = page.getByRole('form', { name: 'LDAP settings' });
  await ldap.getByLabel('Server URL').fill(lab.ldap!.url);
  await ldap.getByLabel('Bind DN').fill(lab.ldap!.bindDn);
  await ldap.getByLabel('Bind password').fill(lab.ldap!.bindPassword);
  await ldap.getByLabel('User search base').fill(lab.ldap!.userBase);
  await ldap.getByLabel('User filter').fill(lab.ldap!.userFilter);
  await ldap.getByLabel('Group search base').fill(lab.ldap!.groupBase);
  await ldap.getByLabel('Group filter').fill(lab.ldap!.groupFilter);
  // Without the lab's CA the server's certificate is not trusted: said on the CA field.
  await ldap.getByRole('button', { name: 'Test connection' }).click();
  await expect(ldap.getByLabel('CA certificate (PEM)')).toHaveAccessibleDescription(/TLS certificate of 127\.0\.0\.1:\d+ is not trusted/);
  await ldap.getByLabel('CA certificate (PEM)').fill(readFileSync(lab.ldap!.caCert, 'utf8'));
  await ldap.getByRole('button', { name: 'Save LDAP settings' }).click();
  await expect(page.getByText('Saved the LDAP settings: the connection test passed.')).toBeVisible();

  const mapping = page.getByRole('form', { name: 'Map a directory group to a team' });
  for (const [source, group] of [
    ['oidc', 'payments-devs'],
    ['ldap', 'payments-ops'],
  ]) {
    await mapping.getByLabel('Directory').selectOption(source);
    await mapping.getByLabel('Group').fill(group);
    await mapping.getByLabel('Team').selectOption({ label: TEAM });
    await mapping.getByRole('button', { name: 'Add mapping' }).click();
    await expect(page.getByRole('table', { name: 'Directory group mappings' }).getByRole('row').filter({ hasText: group })).toContainText(TEAM);
  }
  await page.context().close();
});

test('OpenID Connect sign-in through the lab provider\'s own login page lands the user in the team mapped from their group', async ({ browser, baseURL }) => {
  const page = await signedOutPage(browser);
  const user = lab.oidc!.users.find((u) => u.username === 'odette')!;
  // Case 27 for directory sign-ins: a cookie planted before sign-in is replaced.
  const planted = 'B'.repeat(43);
  await page.context().addCookies([{ name: 'wharf.session', value: planted, url: baseURL! }]);
  await page.goto('/login');
  await page.getByRole('button', { name: BUTTON }).click();
  await expect(page.getByRole('heading', { name: 'Wharf lab identity provider' })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(lab.oidc!.issuer);
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectSignedIn(page, user.username);
  const session = (await page.context().cookies()).find((c) => c.name === 'wharf.session');
  expect(session?.value).toBeTruthy();
  expect(session?.value).not.toBe(planted);

  await page.getByRole('link', { name: 'Your account' }).click();
  await expect(page.getByRole('heading', { name: 'Your account', level: 1 })).toBeVisible();
  const facts = page.getByRole('region', { name: 'Account' });
  await expect(facts).toContainText('odette');
  await expect(facts).toContainText('OpenID Connect');
  await expect(facts).toContainText(TEAM);
  await expect(page.getByText(/change it there/)).toBeVisible();
  await page.context().close();
});

test('LDAP sign-in through the sign-in form lands the user in the team mapped from their group', async ({ browser }) => {
  const page = await signedOutPage(browser);
  const user = lab.ldap!.users.find((u) => u.username === 'lars')!;
  await page.goto('/login');
  await page.getByRole('radio', { name: 'Directory (LDAP)' }).check();
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill('not-lars-password');
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'Wrong' })).toHaveText('Wrong username or password.');
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Sign in', exact: true }).click();
  await expectSignedIn(page, user.username);
  await page.goto('/account');
  const facts = page.getByRole('region', { name: 'Account' });
  await expect(facts).toContainText('Lars Ldap');
  await expect(facts).toContainText('LDAP');
  await expect(facts).toContainText(TEAM);
  await page.context().close();
});

test('a user whose groups map to no team signs in and is told they have no access yet and whom to ask', async ({ browser }) => {
  const page = await signedOutPage(browser);
  const user = lab.oidc!.users.find((u) => u.username === 'oscar')!;
  await page.goto('/login');
  await page.getByRole('button', { name: BUTTON }).click();
  // The provider's page, not ours (both have a Username field).
  await expect(page.getByRole('heading', { name: 'Wharf lab identity provider' })).toBeVisible();
  await page.getByLabel('Username').fill(user.username);
  await page.getByLabel('Password').fill(user.password);
  await page.getByRole('button', { name: 'Continue' }).click();
  await expectSignedIn(page, user.username);
  const notice = page.getByRole('status').filter({ hasText: 'no team gives you access' });
  await expect(notice).toContainText('Ask an administrator (');
  await expect(notice).toContainText(ADMIN.username);
  await page.context().close();
});

test('an OpenID Connect provider that is down is said so on the sign-in page; local sign-in still works', async ({ browser }) => {
  test.setTimeout(120_000);
  // A provider of this test's own (the lab's is shared): set up, then stopped.
  const own = await ensureOidcProvider('/tmp/wharf-e2e-oidc', undefined);
  const admin = await adminPage(browser);
  try {
    await openDirectoryPage(admin);
    await saveOidc(admin, own);
    await stopOidcProvider(own);

    const page = await signedOutPage(browser);
    await page.goto('/login');
    await page.getByRole('button', { name: BUTTON }).click();
    await expect(page).toHaveURL(/\/login\?.*\berror=OAuthSignin\b/);
    // Next's route announcer is an alert too; the one meant is the sign-in page's own.
    await expect(page.getByRole('alert').filter({ hasText: 'single sign-on' })).toHaveText('The single sign-on provider cannot be reached right now. Try again later, or sign in with a Wharf account.');
    await signIn(page, ADMIN);
    await page.context().close();
  } finally {
    await stopOidcProvider(own);
    await saveOidc(admin, lab.oidc!).catch(() => {});
    await admin.context().close();
  }
});

test('a user changes their own password: the current one is required, the other sessions end', async ({ browser }) => {
  const account = { username: 'pia', password: 'pia-first-password' };
  const admin = await adminPage(browser);
  await ensureUser(admin, account, 'viewer');
  await admin.context().close();

  const elsewhere = await signedOutPage(browser);
  await signIn(elsewhere, account);
  const page = await signedOutPage(browser);
  await signIn(page, account);
  await page.getByRole('link', { name: 'Your account' }).click();
  const form = page.getByRole('form', { name: 'Change your password' });
  await form.getByLabel('Current password').fill('not-my-password');
  await form.getByLabel('New password').fill('pia-second-password');
  await form.getByLabel('Confirm password').fill('pia-second-password');
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(form.getByLabel('Current password')).toHaveAccessibleDescription('That is not your current password.');

  await form.getByLabel('Current password').fill(account.password);
  await form.getByRole('button', { name: 'Change password' }).click();
  await expect(page.getByText('Your password was changed. Your other sessions were signed out.')).toBeVisible();
  // This session stays; the other one is over.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Your account', level: 1 })).toBeVisible();
  await elsewhere.goto('/hosts');
  await expect(elsewhere).toHaveURL(/\/login/);
  await signIn(elsewhere, { ...account, password: 'pia-second-password' });
  await page.context().close();
  await elsewhere.context().close();
});
