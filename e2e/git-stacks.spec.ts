// A stack that follows a git repository, in a real browser against the lab's git server and a real
// swarm: the administrator makes it from the new-stack page (URL, branch, compose path), the stack
// page shows the commit deployed; the test pushes a commit to the repository, Check now shows it
// with the compose file's diff, Apply (confirmed) deploys it as a new revision and the service on
// the swarm changes. A branch that does not exist is said on the page and the stack keeps running.
// Over SSH: a generated deploy key shows only its public half; a pasted key with the host key left
// empty deploys, and the page says the host key was trusted on first use.
import { expect, test, type Page } from '@playwright/test';
import { readFileSync } from 'node:fs';
import { createLabGitRepo, labGitServer, labGitSshUrl, labGitUrl, pushLabGitCommit, type GitServerState } from '@/scripts/lab/index.ts';
import { ADMIN_STATE } from './support/accounts.ts';
import { lab } from './support/fixtures.ts';
import { adminPage } from './support/pages.ts';
import { createSwarmThroughForm } from './support/stacks.ts';
import { dockerOn, ensureLabHosts, labSockets, leaveAllSwarms, leaveLabSwarms } from './support/swarms.ts';

test.use({ storageState: ADMIN_STATE });
test.describe.configure({ mode: 'serial' });

const state = lab();
const [l1] = state.hosts;
let git: GitServerState;
const REPO = `e2e-git-${Date.now().toString(36)}`;
const STACK = 'e2e-from-git';
const compose = (seconds: string) => `version: "3.8"\nservices:\n  web:\n    image: ${state.image}\n    command: ["sleep", "${seconds}"]\n    env_file: [app.env]\n`;
let page: Page;
let swarmId: string;
let first: string;

const envOf = async () => {
  const [service] = await dockerOn(l1.socket).listServices({ filters: { name: [`${STACK}_web`] } });
  return (service.Spec as { TaskTemplate: { ContainerSpec: { Env?: string[] } } }).TaskTemplate.ContainerSpec.Env ?? [];
};

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  await leaveAllSwarms(labSockets());
  page = await adminPage(browser);
  git = state.git ?? (await labGitServer(state.dir));
  const hosts = await ensureLabHosts(page, [l1]);
  swarmId = await createSwarmThroughForm(page, hosts[l1.name], 'e2e-git', l1.address);
  first = await createLabGitRepo(git, REPO, { 'deploy/compose.yml': compose('3600'), 'deploy/app.env': 'GREETING=first\n' });
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await leaveLabSwarms(page);
});

test('a stack made from a git repository deploys a pushed commit after Check now and Apply', async () => {
  test.setTimeout(150_000);
  await page.goto(`/stacks/new?swarm=${swarmId}`);
  await page.getByRole('tab', { name: 'From a git repository' }).click();
  const form = page.getByRole('form', { name: 'From a git repository' });
  await form.getByLabel('Stack name').fill(STACK);
  await form.getByLabel('Repository URL').fill(labGitUrl(git, REPO));
  await form.getByLabel('Branch or tag').fill('main');
  await form.getByLabel('Compose file path').fill('deploy/compose.yml');
  await form.getByRole('button', { name: 'Create from git' }).click();
  await expect(page).toHaveURL(new RegExp(`/stacks/${swarmId}/${STACK}$`), { timeout: 60_000 });

  const card = page.getByRole('region', { name: 'Git repository' });
  await expect(card).toContainText(first.slice(0, 12));
  await expect(card.getByText('The deployed commit is the newest one.')).toBeVisible();
  expect(await envOf()).toContain('GREETING=first');

  const next = await pushLabGitCommit(git, REPO, { 'deploy/compose.yml': compose('7200'), 'deploy/app.env': 'GREETING=second\n' }, { message: 'second' });
  await card.getByRole('button', { name: 'Check now' }).click();
  await expect(card.getByText(`Commit ${next.slice(0, 12)} is waiting to be applied.`, { exact: false })).toBeVisible();
  await expect(card.getByRole('table', { name: 'Diff' })).toContainText('7200');
  await card.getByRole('button', { name: 'Apply', exact: true }).click();
  await page.getByRole('dialog', { name: `Apply commit ${next.slice(0, 12)}?` }).getByRole('button', { name: 'Apply' }).click();
  await expect(card.getByText('The deployed commit is the newest one.')).toBeVisible({ timeout: 60_000 });
  await expect.poll(envOf, { timeout: 30_000 }).toContain('GREETING=second');
});

test('a branch that does not exist is said on the stack page, and the stack keeps running', async () => {
  test.setTimeout(90_000);
  const card = page.getByRole('region', { name: 'Git repository' });
  await card.getByRole('button', { name: 'Git settings' }).click();
  const dialog = page.getByRole('dialog', { name: 'Git settings' });
  await dialog.getByLabel('Branch or tag').fill('no-such-branch');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await card.getByRole('button', { name: 'Check now' }).click();
  await expect(card.getByRole('alert').filter({ hasText: 'The last check or apply failed' })).toContainText('The repository has no branch or tag named no-such-branch.');
  await expect(card.getByText('The running stack was left as it was.')).toBeVisible();
  expect(await envOf()).toContain('GREETING=second');
});

test('over SSH: a generated key shows its public half; a pasted deploy key deploys and the host key is trusted on first use', async () => {
  test.setTimeout(120_000);
  const stack = 'e2e-from-ssh';
  await page.goto(`/stacks/new?swarm=${swarmId}`);
  await page.getByRole('tab', { name: 'From a git repository' }).click();
  const form = page.getByRole('form', { name: 'From a git repository' });
  await form.getByRole('button', { name: 'Generate a deploy key' }).click();
  await expect(form.getByLabel('Public key to add to the git host')).toHaveValue(/^ssh-ed25519 \S+ wharf-deploy-key-/);
  await expect(form.getByLabel('Deploy key (private, OpenSSH or PEM)')).toHaveCount(0);

  await page.reload();
  await page.getByRole('tab', { name: 'From a git repository' }).click();
  await form.getByLabel('Stack name').fill(stack);
  await form.getByLabel('Repository URL').fill(labGitSshUrl(git, state.ssh, REPO, { scp: true }));
  await form.getByLabel('Branch or tag').fill('main');
  await form.getByLabel('Compose file path').fill('deploy/compose.yml');
  await form.getByLabel('Deploy key (private, OpenSSH or PEM)').fill(readFileSync(state.ssh.privateKey, 'utf8'));
  await form.getByRole('button', { name: 'Create from git' }).click();
  await expect(page).toHaveURL(new RegExp(`/stacks/${swarmId}/${stack}$`), { timeout: 60_000 });
  const card = page.getByRole('region', { name: 'Git repository' });
  await expect(card).toContainText(`${state.ssh.hostKeyFingerprint} (trusted on first use)`);
  await expect(card).toContainText(readFileSync(state.ssh.publicKey, 'utf8').trim().split(/\s+/)[1]!);
  await expect(card).not.toContainText('PRIVATE KEY');
});
