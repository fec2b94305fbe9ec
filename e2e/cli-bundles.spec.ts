// Docker CLI bundles from the browser, on a real local sandbox (case 37): an administrator
// downloads a bundle, which the docker CLI uses and the host's page lists; revoking it asks for
// confirmation, naming what stops working and that the engine restarts; afterwards the engine
// refuses the bundle, Wharf still reaches the host, and the host's page and the Users page show it
// revoked. An operator, who may not run unrestricted workloads, sees why the download is not
// offered, and a crafted POST of the download action gives them nothing.
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { strFromU8, unzipSync } from 'fflate';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN, ADMIN_STATE, OPERATOR } from './support/accounts.ts';
import { captureAction, postAction, type CapturedAction } from './support/fixtures.ts';
import { adminPage, ensureUser, signedInPage } from './support/pages.ts';

test.use({ storageState: ADMIN_STATE });
test.describe.configure({ mode: 'serial' });

const run = promisify(execFile);
const HOST = 'e2e-bundles';
let hostPath = '';
let address = '';
let zipPath = '';
let issueAction: CapturedAction;

const bundlesCard = (page: Page) => page.getByRole('region', { name: 'Issued docker CLI bundles' });
const cliCard = (page: Page) => page.getByRole('region', { name: 'Connect with the docker CLI' });

/** The docker CLI with the bundle's own files, as its user would run it. */
async function dockerWithBundle(zip: string, args: string[]): Promise<string> {
  const dir = mkdtempSync(path.join(tmpdir(), 'wharf-e2e-bundle-'));
  try {
    for (const [name, data] of Object.entries(unzipSync(readFileSync(zip)))) writeFileSync(path.join(dir, path.basename(name)), strFromU8(data), { mode: 0o600 });
    const { stdout } = await run('docker', ['--tlsverify', '--tlscacert', `${dir}/ca.pem`, '--tlscert', `${dir}/cert.pem`, '--tlskey', `${dir}/key.pem`, '-H', `tcp://${address}:2376`, ...args], {
      timeout: 30_000,
      env: { ...process.env, DOCKER_CLI_HINTS: 'false' },
    });
    return stdout.trim();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

test('an administrator downloads a bundle, sees it listed, revokes it after a confirmation that says what stops, and sees it revoked', async ({ page }) => {
  test.setTimeout(300_000);
  await page.goto('/hosts/provision/new');
  await page.getByRole('radio', { name: 'Local sandbox' }).check();
  await page.getByLabel('Name', { exact: true }).fill(HOST);
  await page.getByRole('button', { name: 'Start provisioning' }).click();
  await expect(page.getByRole('link', { name: 'Open host' })).toBeVisible({ timeout: 180_000 });
  await page.getByRole('link', { name: 'Open host' }).click();
  await expect(page).toHaveURL(/\/hosts\/[a-z0-9]{10,40}$/);
  hostPath = new URL(page.url()).pathname;
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Up');
  // The sandbox's address, as the host's page reads it.
  const view = await page.request.get(`/api/hosts/${hostPath.split('/').at(-1)}`);
  expect(view.ok()).toBe(true);
  address = ((await view.json()) as { machine: { address: string } }).machine.address;
  await expect(page.getByRole('region', { name: 'Machine' })).toContainText(address);

  // Nothing issued yet: the empty list says how to get one.
  await expect(bundlesCard(page)).toContainText(`No bundle has been issued for ${HOST}.`);
  await expect(bundlesCard(page)).toContainText('Connect with the docker CLI');

  // Download: the docker CLI opens the engine with it, and it is listed as the administrator's, active.
  await expect(cliCard(page)).toContainText('It lasts 30 days.');
  const download = page.waitForEvent('download');
  issueAction = await captureAction(page, () => cliCard(page).getByRole('button', { name: 'Download certificate bundle' }).click());
  zipPath = (await (await download).path())!;
  expect(await dockerWithBundle(zipPath, ['info', '--format', '{{.Name}}'])).toBe(HOST);
  const table = bundlesCard(page).getByRole('table', { name: `Docker CLI bundles of ${HOST}` });
  const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(`^${ADMIN.username}\\b`) }) });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('Active');

  // Revoke: the dialog says every bundle of the host stops and the engine restarts, and needs the host's name.
  await row.getByRole('button', { name: new RegExp(`^Revoke ${ADMIN.username}'s bundle`) }).click();
  const dialog = page.getByRole('dialog', { name: `Revoke ${ADMIN.username}'s bundle for ${HOST}?` });
  await expect(dialog).toContainText(`Every docker CLI bundle of ${HOST} stops working`);
  await expect(dialog).toContainText(`held by ${ADMIN.username}`);
  await expect(dialog).toContainText('The engine restarts');
  const confirm = dialog.getByRole('button', { name: 'Revoke and restart the engine' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type ${HOST} to confirm`).fill(HOST);
  await confirm.click();
  await expect(dialog).toBeHidden({ timeout: 120_000 });

  // Listed as revoked, with nothing left to revoke; the engine refuses the bundle; Wharf still reaches the host.
  await expect(row).toContainText('Revoked');
  await expect(row.getByRole('button', { name: /^Revoke/ })).toHaveCount(0);
  await expect(dockerWithBundle(zipPath, ['info'])).rejects.toThrow();
  await page.reload();
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Up', { timeout: 60_000 });

  // The Users page lists it under its user, for its host, revoked.
  await page.goto('/users');
  const listed = page.getByRole('table', { name: 'Docker CLI bundles by user' }).getByRole('row').filter({ hasText: HOST });
  await expect(listed).toHaveCount(1);
  await expect(listed.getByRole('rowheader')).toContainText(ADMIN.username);
  await expect(listed).toContainText('Revoked');
});

test('an operator, who may not run unrestricted workloads, sees why no bundle is offered, and a crafted POST gets none', async ({ browser, page }) => {
  test.setTimeout(120_000);
  await ensureUser(page, OPERATOR, 'operator');
  const operator = await signedInPage(browser, OPERATOR);
  await operator.goto(hostPath);
  await expect(operator.getByRole('heading', { level: 1 })).toContainText(HOST);
  const button = cliCard(operator).getByRole('button', { name: 'Download certificate bundle' });
  await expect(button).toBeDisabled();
  await expect(button).toHaveAccessibleDescription(new RegExp(`You may not run unrestricted workloads on ${HOST}, so Wharf issues you no bundle`));

  const hostId = hostPath.split('/').at(-1)!;
  const crafted = await postAction(operator.request, issueAction, [{ id: hostId }], { origin: new URL(operator.url()).origin });
  expect(crafted.text).toContain('FORBIDDEN');
  expect(crafted.text).not.toContain('base64');
  await operator.context().close();
});

/** Deletes the sandbox with its host from the host's page (the dialog asks for its name). */
async function deleteSandbox(page: Page) {
  await page.goto(hostPath);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(HOST);
  await page.getByRole('button', { name: 'Remove' }).first().click();
  const dialog = page.getByRole('dialog');
  await dialog.getByRole('radio', { name: 'Delete the machine' }).check();
  await dialog.getByRole('textbox').fill(HOST);
  await dialog.getByRole('button', { name: 'Delete machine and host' }).click();
  await expect(page).toHaveURL(/\/hosts$/, { timeout: 120_000 });
  expect((await page.request.get(`/api${hostPath}`)).status()).toBe(404);
}

test('the sandbox is deleted with its host', async ({ page }) => {
  test.setTimeout(120_000);
  await deleteSandbox(page);
});

// When a test above failed, the sandbox it made is deleted all the same (nothing is left running on the machine).
test.afterAll(async ({ browser }) => {
  if (!hostPath) return;
  test.setTimeout(150_000);
  const page = await adminPage(browser);
  if ((await page.request.get(`/api${hostPath}`)).ok()) await deleteSandbox(page);
  await page.context().close();
});
