// Registries in a real browser against the lab's htpasswd registry: the empty list says what to
// do; an administrator adds the registry (a wrong password is named on its field first), browses
// its repositories and a repository's tags (digest, size, platforms; an image index per platform),
// filters them, retags one, deletes the new tag after typing it, and removes the registry after
// confirming. The repository the test changes is its own, pushed through the registry API. A
// container running that repository's image shows "Update available" once a newer image is pushed
// under its tag, and recreating it from the badge leaves it current. Creating a container from a
// private image the host lacks pulls it first, with the registry's credentials. Last, an Amazon ECR
// registry against the lab's stand-in for ECR's API (after the htpasswd registry's row is gone: the
// stand-in's tokens open that same registry): a wrong secret access key is named on its field, then
// it is saved with the address ECR gave.
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { basicRegistry, pushLabImage } from '@/scripts/lab/index.ts';
import { ADMIN_STATE } from './support/accounts.ts';
import { lab } from './support/fixtures.ts';
import { toasts } from './support/stacks.ts';
import { dockerOn, ensureLabHosts } from './support/swarms.ts';

test.describe.configure({ mode: 'serial' });
test.use({ storageState: ADMIN_STATE });

const state = lab();
const NAME = `lab-basic-${randomBytes(3).toString('hex')}`;
const REPO = `e2e/app-${randomBytes(3).toString('hex')}`;

test.beforeAll(async () => {
  await pushLabImage(state, basicRegistry(state.registry), REPO, '1.0', REPO);
});

test('add the lab registry: a wrong password is named on its field, then it is saved', async ({ page }) => {
  await page.goto('/registries');
  await expect(page.getByRole('heading', { level: 1, name: 'Registries' })).toBeVisible();
  await page.getByRole('button', { name: 'Add registry' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add registry' });
  await dialog.getByLabel('Name', { exact: true }).fill(NAME);
  await dialog.getByLabel('Kind').selectOption('v2-basic');
  await dialog.getByLabel('Address').fill(state.registry.url);
  await dialog.getByLabel('Plain HTTP (no TLS)').check();
  await dialog.getByLabel('User name').fill(state.registry.username);
  await dialog.getByLabel('Password or access token').fill('not-the-password');
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByText(`${state.registry.url} refused the user name and password.`).first()).toBeVisible();
  await dialog.getByLabel('Password or access token').fill(state.registry.password);
  await dialog.getByRole('button', { name: 'Add registry' }).click();
  await expect(page.getByRole('heading', { level: 1, name: NAME })).toBeVisible();
  await page.getByRole('link', { name: 'All registries' }).click();
  await expect(page.getByRole('table', { name: 'Registries' }).getByRole('link', { name: NAME })).toBeVisible();
});

test('browse repositories and tags: digests, sizes and platforms, an image index per platform, filtered', async ({ page }) => {
  await page.goto('/registries');
  await page.getByRole('link', { name: NAME }).click();
  const repositories = page.getByRole('list', { name: 'Repositories' });
  await expect(repositories.getByRole('link', { name: 'lab/multi' })).toBeVisible();
  await repositories.getByRole('link', { name: 'lab/multi' }).click();
  const multi = page.getByRole('table', { name: 'Tags of lab/multi' });
  const row = multi.getByRole('row', { name: /1\.0/ });
  await expect(row.getByText('linux/amd64')).toBeVisible();
  await expect(row.getByText('linux/arm64')).toBeVisible();
  await page.getByRole('link', { name: 'All repositories' }).click();
  await page.getByLabel('Open a repository by name').fill('lab/busybox');
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const tags = page.getByRole('table', { name: 'Tags of lab/busybox' });
  await expect(tags.getByRole('rowheader', { name: 'latest' })).toBeVisible();
  await expect(tags.getByRole('rowheader', { name: '1.0' })).toBeVisible();
  await page.getByLabel('Filter tags').fill('1.');
  await expect(tags.getByRole('rowheader', { name: 'latest' })).toBeHidden();
  await expect(tags.getByRole('rowheader', { name: '1.1' })).toBeVisible();
});

test('retag an image, then delete the new tag after typing it', async ({ page }) => {
  await page.goto('/registries');
  await page.getByRole('link', { name: NAME }).click();
  await page.getByLabel('Open a repository by name').fill(REPO);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const tags = page.getByRole('table', { name: `Tags of ${REPO}` });
  await tags.getByRole('button', { name: 'Retag 1.0' }).click();
  const retag = page.getByRole('dialog', { name: `Retag ${REPO}:1.0` });
  await retag.getByLabel('New tag').fill('stable');
  await retag.getByRole('button', { name: 'Retag' }).click();
  await expect(toasts(page).getByText(`Tagged ${REPO}:stable`)).toBeVisible();
  await expect(tags.getByRole('rowheader', { name: 'stable' })).toBeVisible();

  await tags.getByRole('button', { name: 'Delete stable' }).click();
  const confirm = page.getByRole('dialog', { name: `Delete ${REPO}:stable` });
  await expect(confirm.getByRole('button', { name: 'Delete image' })).toBeDisabled();
  await confirm.getByLabel('Type stable to confirm').fill('stable');
  await confirm.getByRole('button', { name: 'Delete image' }).click();
  await expect(toasts(page).getByText(`Deleted ${REPO}:stable`)).toBeVisible();
  // The image had both tags: deleting it by digest leaves the repository without tags.
  await expect(page.getByRole('heading', { name: `${REPO} has no tags` })).toBeVisible();
});

test('an update badge after a new image is pushed under the same tag; recreating the container makes it go away', async ({ page }) => {
  test.setTimeout(180_000);
  const engine = state.hosts[0];
  const hosts = await ensureLabHosts(page, [engine]);
  const host = hosts[engine.name];
  // A repository of its own (the retag test deleted REPO's image).
  const repo = `${REPO}-upd`;
  await pushLabImage(state, basicRegistry(state.registry), repo, '1.0', repo);
  const image = `${state.registry.url}/${repo}:1.0`;
  const docker = dockerOn(engine.socket);
  const name = `e2e-upd-${randomBytes(3).toString('hex')}`;
  await new Promise<void>((resolve, reject) => {
    docker.pull(image, { authconfig: { username: state.registry.username, password: state.registry.password, serveraddress: state.registry.url } }, (error: Error | null, stream?: NodeJS.ReadableStream) => {
      if (error || !stream) return reject(error ?? new Error(`no pull stream for ${image}`));
      docker.modem.followProgress(stream, (failure: Error | null) => (failure ? reject(failure) : resolve()));
    });
  });
  const created = await docker.createContainer({ name, Image: image, Cmd: ['sleep', '3600'], HostConfig: { NetworkMode: 'none' } });
  await created.start();
  try {
    await pushLabImage(state, basicRegistry(state.registry), repo, '1.0', `${repo}-newer`);
    await page.goto(`/containers/${host.id}/${created.id}`);
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toBeVisible();
    await page.getByRole('button', { name: 'Update available' }).click();
    const dialog = page.getByRole('dialog', { name: `Recreate container ${name}` });
    await dialog.getByRole('button', { name: 'Update', exact: true }).click();
    await expect(toasts(page).getByText(new RegExp(`Container ${name} on .* now runs the newer image`))).toBeVisible({ timeout: 90_000 });
    await expect(page).not.toHaveURL(new RegExp(created.id));
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Update available' })).toBeHidden();
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: new RegExp(name) })).toBeVisible();
    await expect(page.getByRole('button', { name: 'Update available' })).toBeHidden();
  } finally {
    for (const c of await docker.listContainers({ all: true, filters: JSON.stringify({ name: [name] }) })) await docker.getContainer(c.Id).remove({ force: true }).catch(() => {});
    await docker.getImage(image).remove({ force: true }).catch(() => {});
  }
});

test("creating a container from a private image the host lacks pulls it first, with the registry's credentials, its progress in the form", async ({ page }) => {
  test.setTimeout(120_000);
  const engine = state.hosts[0];
  const host = (await ensureLabHosts(page, [engine]))[engine.name];
  const repo = `${REPO}-create`;
  await pushLabImage(state, basicRegistry(state.registry), repo, '1.0', repo);
  const image = `${state.registry.url}/${repo}:1.0`;
  const name = `e2e-pulled-${randomBytes(3).toString('hex')}`;
  const docker = dockerOn(engine.socket);
  try {
    await page.goto('/containers/new');
    await page.getByLabel('Host', { exact: true }).selectOption(host.id);
    await page.getByLabel('Image', { exact: true }).fill(image);
    await page.getByLabel('Name', { exact: true }).fill(name);
    await page.getByLabel('Command', { exact: true }).fill('sleep 3600');
    await page.getByRole('button', { name: 'Create container' }).click();
    await expect(page.getByText(`${image} is not on ${host.name} yet: pulling it first, then the container is created.`)).toBeVisible();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(name, { timeout: 60_000 });
    await expect(page.getByRole('heading', { level: 1 })).toContainText('running');
    expect((await docker.getImage(image).inspect()).RepoTags).toContain(image);
  } finally {
    for (const c of await docker.listContainers({ all: true, filters: JSON.stringify({ name: [name] }) })) await docker.getContainer(c.Id).remove({ force: true }).catch(() => {});
    await docker.getImage(image).remove({ force: true }).catch(() => {});
  }
});

test('remove the registry after confirming; no stack used it', async ({ page }) => {
  await page.goto('/registries');
  await page.getByRole('link', { name: NAME }).click();
  await page.getByRole('button', { name: 'Remove' }).click();
  const dialog = page.getByRole('dialog', { name: `Remove ${NAME}` });
  await expect(dialog.getByText('No stack takes images from this registry.')).toBeVisible();
  await dialog.getByLabel(`Type ${NAME} to confirm`).fill(NAME);
  await dialog.getByRole('button', { name: 'Remove registry' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Registries' })).toBeVisible();
  await expect(page.getByRole('link', { name: NAME })).toBeHidden();
});

test('add an Amazon ECR registry: a wrong secret access key is named on its field, then it is saved with the address ECR gives', async ({ page }) => {
  const ecr = state.ecr!;
  const name = `lab-ecr-${randomBytes(3).toString('hex')}`;
  await page.goto('/registries');
  await page.getByRole('button', { name: 'Add registry' }).click();
  const dialog = page.getByRole('dialog', { name: 'Add registry' });
  await dialog.getByLabel('Name', { exact: true }).fill(name);
  await dialog.getByLabel('Kind').selectOption('ecr');
  await expect(dialog.getByLabel('Address')).toBeHidden();
  await dialog.getByLabel('AWS region').fill(ecr.region);
  await dialog.getByLabel('Access key id').fill(ecr.accessKeyId);
  await dialog.getByLabel('Secret access key').fill('not-the-secret-access-key');
  await dialog.getByRole('button', { name: 'Test connection' }).click();
  await expect(dialog.getByText(`AWS refused the signature made with the secret access key: it is not the secret key of ${ecr.accessKeyId}.`).first()).toBeVisible();
  await dialog.getByLabel('Secret access key').fill(ecr.secretAccessKey);
  await dialog.getByRole('button', { name: 'Add registry' }).click();
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByText(ecr.registry).first()).toBeVisible();

  await page.getByRole('button', { name: 'Remove' }).click();
  const remove = page.getByRole('dialog', { name: `Remove ${name}` });
  await remove.getByLabel(`Type ${name} to confirm`).fill(name);
  await remove.getByRole('button', { name: 'Remove registry' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Registries' })).toBeVisible();
});
