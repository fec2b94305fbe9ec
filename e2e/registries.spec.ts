// Registries in a real browser against the lab's htpasswd registry: the empty list says what to
// do; an administrator adds the registry (a wrong password is named on its field first), browses
// its repositories and a repository's tags (digest, size, platforms; an image index per platform),
// filters them, retags one, deletes the new tag after typing it, and removes the registry after
// confirming; a tag deleted behind the page's back is said so when the page tries to delete it.
// The repositories the tests change are their own, pushed through the registry API. A
// container running that repository's image shows "Update available" once a newer image is pushed
// under its tag, and recreating it from the badge leaves it current. Creating a container from a
// private image the host lacks pulls it first, with the registry's credentials. An image is pushed
// from a host to the registry (tagged first, its progress shown), and a push to a
// repository the kept credentials may not write (the bearer registry's pull-only reader) is refused
// in words. A service created from the registry on a swarm of lab-1 is pinned to its tag's digest
// (shown on its page); a newer image pushed under the tag brings "Update available", and applying
// it moves the service to the new digest. Last, an Amazon ECR
// registry against the lab's stand-in for ECR's API (after the htpasswd registry's row is gone: the
// stand-in's tokens open that same registry): a wrong secret access key is named on its field, then
// it is saved with the address ECR gave.
import { randomBytes } from 'node:crypto';
import { expect, test } from '@playwright/test';
import { basicRegistry, pushLabImage } from '@/scripts/lab/index.ts';
import { forwardLoopback, type LoopbackForward } from '@/scripts/lab/loopback-forward.ts';
import { ADMIN_STATE } from './support/accounts.ts';
import { lab } from './support/fixtures.ts';
import { removeRegistry } from './support/registries.ts';
import { createSwarmWithWorkers } from './support/services.ts';
import { toasts } from './support/stacks.ts';
import { dockerOn, ensureLabHosts, labSockets, leaveAllSwarms, nudgeFacts } from './support/swarms.ts';

test.describe.configure({ mode: 'serial' });
test.use({ storageState: ADMIN_STATE });

const state = lab();
const NAME = `lab-basic-${randomBytes(3).toString('hex')}`;
const REPO = `e2e/app-${randomBytes(3).toString('hex')}`;

test.beforeAll(async () => {
  // The tests register lab-1, which the console takes only in no swarm (another spec may have left one).
  await leaveAllSwarms(labSockets());
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

test('a tag deleted while the page is open: deleting it says so, and the table drops it', async ({ page }) => {
  const repo = `${REPO}-gone`;
  const registry = basicRegistry(state.registry);
  const digest = await pushLabImage(state, registry, repo, '1.0', repo);
  await pushLabImage(state, registry, repo, '2.0', `${repo}-2`);
  await page.goto('/registries');
  await page.getByRole('link', { name: NAME }).click();
  await page.getByLabel('Open a repository by name').fill(repo);
  await page.getByRole('button', { name: 'Open', exact: true }).click();
  const tags = page.getByRole('table', { name: `Tags of ${repo}` });
  await expect(tags.getByRole('rowheader', { name: '1.0' })).toBeVisible();

  // Behind the page's back, through the registry's own API.
  const gone = await fetch(`${registry.base}/v2/${repo}/manifests/${digest}`, { method: 'DELETE', headers: { Authorization: await registry.authFor(repo) } });
  expect(gone.status).toBe(202);

  await tags.getByRole('button', { name: 'Delete 1.0' }).click();
  const confirm = page.getByRole('dialog', { name: `Delete ${repo}:1.0` });
  await confirm.getByLabel('Type 1.0 to confirm').fill('1.0');
  await confirm.getByRole('button', { name: 'Delete image' }).click();
  await expect(confirm.getByText(`The tag ${repo}:1.0 is not in the registry any more: someone deleted it meanwhile.`)).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(tags.getByRole('rowheader', { name: '1.0' })).toBeHidden();
  await expect(tags.getByRole('rowheader', { name: '2.0' })).toBeVisible();
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

test("push an image from a host to the registry: tagged first, its progress shown, and the registry has it", async ({ page }) => {
  test.setTimeout(120_000);
  const engine = state.hosts[0];
  const host = (await ensureLabHosts(page, [engine]))[engine.name];
  const repository = `${REPO}-pushed`;
  const target = `${state.registry.url}/${repository}:1.0`;
  try {
    await page.goto(`/containers/images?host=${host.id}`);
    const push = page.getByRole('region', { name: 'Push an image' });
    await push.getByLabel('Image on this host').fill(state.image);
    await push.getByLabel('Registry').selectOption({ label: NAME });
    await push.getByLabel('Repository').fill(repository);
    await push.getByLabel('Tag').fill('1.0');
    await push.getByRole('button', { name: 'Push' }).click();
    await expect(push.getByRole('progressbar', { name: `Pushing ${target}` })).toHaveAttribute('aria-valuetext', 'done', { timeout: 60_000 });
    await expect(toasts(page).getByText(`Pushed ${target} to ${NAME}.`)).toBeVisible();
    await page.goto('/registries');
    await page.getByRole('link', { name: NAME }).click();
    await page.getByLabel('Open a repository by name').fill(repository);
    await page.getByRole('button', { name: 'Open', exact: true }).click();
    await expect(page.getByRole('table', { name: `Tags of ${repository}` }).getByRole('rowheader', { name: '1.0' })).toBeVisible();
  } finally {
    // The tag the push made first shares its id with the lab's busybox: removed by its name.
    await dockerOn(engine.socket).getImage(target).remove().catch(() => {});
  }
});

test('a push to a repository the credentials may not write is refused, and the refusal is said in words', async ({ page }) => {
  test.setTimeout(120_000);
  // The bearer registry's `reader` may only pull. The engines trust no lab registry but the htpasswd
  // one over plain HTTP, except on loopback: so the registry is reached at 127.0.0.1:PORT, through a
  // forwarder in lab-1's namespace (for its engine) and one here (for the console, on this machine).
  const t = state.tokenRegistry!;
  const engine = state.hosts[0];
  const host = (await ensureLabHosts(page, [engine]))[engine.name];
  const PORT = 15916;
  const address = `127.0.0.1:${PORT}`;
  const name = `lab-reader-${randomBytes(3).toString('hex')}`;
  const repository = `lab/refused-${randomBytes(3).toString('hex')}`;
  const forwards: LoopbackForward[] = [];
  try {
    forwards.push(await forwardLoopback(PORT, t, engine.netns), await forwardLoopback(PORT, t));
    await page.goto('/registries');
    await page.getByRole('button', { name: 'Add registry' }).first().click();
    const dialog = page.getByRole('dialog', { name: 'Add registry' });
    await dialog.getByLabel('Name', { exact: true }).fill(name);
    await dialog.getByLabel('Kind').selectOption('v2-bearer');
    await dialog.getByLabel('Address').fill(address);
    await dialog.getByLabel('Plain HTTP (no TLS)').check();
    await dialog.getByLabel('User name').fill(t.readerUsername);
    await dialog.getByLabel('Password or access token').fill(t.readerPassword);
    await dialog.getByRole('button', { name: 'Add registry' }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();

    await page.goto(`/containers/images?host=${host.id}`);
    const push = page.getByRole('region', { name: 'Push an image' });
    await push.getByLabel('Image on this host').fill(state.image);
    await push.getByLabel('Registry').selectOption({ label: name });
    await push.getByLabel('Repository').fill(repository);
    await push.getByLabel('Tag').fill('1.0');
    await push.getByRole('button', { name: 'Push' }).click();
    const target = `${address}/${repository}:1.0`;
    await expect(push.getByRole('progressbar', { name: `Pushing ${target}` })).toHaveAttribute('aria-valuetext', 'failed', { timeout: 60_000 });
    await expect(push.getByRole('alert')).toContainText(`${name} refused the push to ${target}: the credentials Wharf keeps for it may not write to that repository.`);
  } finally {
    await removeRegistry(page, name).catch(() => {});
    for (const f of forwards) await f.close();
    // The tag the push made first, by its name (it shares its id with the lab's busybox).
    await dockerOn(engine.socket).getImage(`${address}/${repository}:1.0`).remove().catch(() => {});
  }
});

test('a service from the registry is pinned to its digest; a newer image under the tag shows "Update available", and applying it moves the pin', async ({ page }) => {
  test.setTimeout(300_000);
  const engine = state.hosts[0];
  await leaveAllSwarms(labSockets());
  const hosts = await ensureLabHosts(page, [engine]);
  const repo = `${REPO}-svc`;
  const first = await pushLabImage(state, basicRegistry(state.registry), repo, '1.0', repo);
  const image = `${state.registry.url}/${repo}:1.0`;
  const service = `e2e-pin-${randomBytes(3).toString('hex')}`;
  const docker = dockerOn(engine.socket);
  let second = '';
  try {
    const swarmId = await createSwarmWithWorkers(page, `e2e-reg-${randomBytes(3).toString('hex')}`, hosts, engine, []);
    await page.goto(`/services/new?swarm=${swarmId}`);
    await page.getByLabel('Name', { exact: true }).fill(service);
    await page.getByLabel('Image', { exact: true }).fill(image);
    await page.getByLabel('Command', { exact: true }).fill('sleep 3600');
    await page.getByRole('button', { name: 'Create service' }).click();
    await expect(page.getByRole('heading', { level: 1, name: service })).toBeVisible({ timeout: 30_000 });
    const pinned = page.getByLabel('Pinned to', { exact: true });
    await expect(pinned).toHaveText(first);
    await expect(page.getByLabel('Image', { exact: true })).toContainText(image);

    second = await pushLabImage(state, basicRegistry(state.registry), repo, '1.0', `${repo}-newer`);
    expect(second).not.toBe(first);
    const badge = page.getByRole('button', { name: 'Update available' });
    // The registry's answer for a tag is kept a minute (then asked again): look until it is.
    await expect(async () => {
      await page.reload();
      await expect(page.getByRole('heading', { level: 1, name: service })).toBeVisible();
      await expect(badge).toBeVisible({ timeout: 5_000 });
    }).toPass({ timeout: 150_000 });
    await badge.click();
    const dialog = page.getByRole('dialog', { name: `Update service ${service}` });
    await dialog.getByRole('button', { name: 'Update', exact: true }).click();
    await expect(toasts(page).getByText(`Rolling update of ${service} to the newer image started.`)).toBeVisible();
    await expect(pinned).toHaveText(second, { timeout: 60_000 });
    await expect(badge).toBeHidden();
  } finally {
    for (const s of await docker.listServices({ filters: JSON.stringify({ name: [service] }) }).catch(() => [])) await docker.getService(s.ID).remove().catch(() => {});
    await leaveAllSwarms([engine.socket]);
    await nudgeFacts(engine.socket).catch(() => {});
    // The swarm stops its tasks' containers on its own (sleep ignores SIGTERM: ten seconds each, more
    // on a loaded machine); once the engine left the swarm, what remains of them is removed here.
    const leftovers = async () => docker.listContainers({ all: true, filters: JSON.stringify({ name: [service] }) });
    await expect.poll(async () => {
      for (const c of await leftovers()) await docker.getContainer(c.Id).remove({ force: true }).catch(() => {});
      return (await leftovers()).length;
    }, { timeout: 30_000 }).toBe(0);
    // The tasks pulled the image by digest: it is removed by those references (never by id).
    for (const digest of [first, second]) if (digest) await docker.getImage(`${state.registry.url}/${repo}@${digest}`).remove().catch(() => {});
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
