// Stacks through the console on a swarm of the three lab engines: deploy a compose file from the
// editor (uploaded) and reach it over HTTP, edit and redeploy, compare revisions, roll back; a
// file with an undefined secret is refused with the problem at its line and column; a stack
// deployed with the docker CLI is listed, scaled and removed. A stack naming an env file and a
// secret's file gets them from the editor (one loaded from a file, one pasted), and an edit keeps them.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Dockerode from 'dockerode';
import { expect, test, type Page } from '@playwright/test';
import { dockerCli } from '@/tests/support/docker-cli.ts';
import { ADMIN_STATE } from './support/accounts.ts';
import { lab } from './support/fixtures.ts';
import { adminPage } from './support/pages.ts';
import { createSwarmThroughForm, firstHttpAnswer, joinWorkers, stackServices, toasts, typeIntoEditor } from './support/stacks.ts';
import { ensureLabHosts, labSockets, leaveAllSwarms, leaveLabSwarms } from './support/swarms.ts';

test.use({ storageState: ADMIN_STATE });
test.describe.configure({ mode: 'serial' });

const state = lab();
const [l1, l2, l3] = state.hosts;
const FIXTURE = resolve('lib/services/stacks/compose/fixtures/local-web/compose.yml');
const WEB = 'e2e-web';
const CLI_STACK = 'e2e-cli';
let page: Page;
let swarmId: string;

const stackUrl = (name: string) => `/stacks/${swarmId}/${name}`;
const serviceRow = (p: Page, name: string) => p.getByRole('table', { name: 'Services' }).getByRole('row').filter({ has: p.getByRole('rowheader', { name, exact: true }) });
const revisionRow = (p: Page, n: number) => p.getByRole('table', { name: 'Revisions' }).getByRole('row').filter({ has: p.getByRole('rowheader', { name: new RegExp(`^#${n}\\b`) }) });
const stackRow = (p: Page, name: string) => p.getByRole('table', { name: 'Stacks' }).getByRole('row').filter({ has: p.getByRole('link', { name, exact: true }) });
/** The states of a service's tasks that should run, from the Tasks table (state is the second column). */
async function taskStates(p: Page, service: string): Promise<string[]> {
  const rows = p.getByRole('table', { name: 'Tasks' }).getByRole('row').filter({ has: p.getByRole('rowheader', { name: new RegExp(`^${service}\\.\\d+$`) }) });
  const states: string[] = [];
  for (const row of await rows.all()) {
    const cells = row.getByRole('cell');
    if ((await cells.nth(2).textContent())?.trim() === 'running') states.push((await cells.nth(1).textContent())?.trim() ?? '');
  }
  return states;
}
const webSpec = async () => (await stackServices(l1.socket, WEB)).find((s) => s.Spec.Name === `${WEB}_web`)?.Spec;

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  await leaveAllSwarms(labSockets());
  page = await adminPage(browser);
  const hosts = await ensureLabHosts(page, [l1, l2, l3]);
  swarmId = await createSwarmThroughForm(page, hosts[l1.name], 'e2e-stacks', l1.address);
  await joinWorkers(l1, [l2, l3]);
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await leaveLabSwarms(page);
});

test('deploy the local-web file from the editor: its tasks run and port 8089 answers HTTP', async () => {
  test.setTimeout(180_000);
  await page.goto('/stacks');
  await expect(page.getByRole('heading', { name: 'No stacks on this swarm' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('link', { name: 'Deploy a stack' }).first().click();
  await expect(page).toHaveURL(`/stacks/new?swarm=${swarmId}`);
  await expect(page.getByLabel('Swarm', { exact: true })).toHaveValue(swarmId);

  await page.getByLabel('Stack name').fill(WEB);
  await page.getByLabel('Upload file').setInputFiles(FIXTURE);
  const editor = page.getByRole('textbox', { name: 'Compose file', exact: true });
  await expect(editor).toContainText('"httpd", "-f", "-p", "80", "-h", "/bin"');
  await expect(page.getByRole('status').filter({ hasText: 'No problems found in the file.' })).toBeVisible();
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();

  await expect(page).toHaveURL(stackUrl(WEB), { timeout: 60_000 });
  await expect(toasts(page)).toContainText(`Deployed ${WEB} (revision 1): 3 created, 0 updated, 0 removed`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(WEB);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('Wharf');
  await expect(serviceRow(page, `${WEB}_web`).getByRole('cell').nth(1)).toHaveText('2 / 2', { timeout: 60_000 });
  await expect(serviceRow(page, `${WEB}_ticker`).getByRole('cell').nth(1)).toHaveText('3 / 3', { timeout: 60_000 });
  await expect(serviceRow(page, `${WEB}_web`)).toContainText('8089:80/tcp (host)');
  await expect.poll(() => taskStates(page, `${WEB}_web`), { timeout: 60_000, message: 'the web tasks run' }).toEqual(['running', 'running']);
  await expect(page.getByRole('list', { name: 'Networks' })).toContainText(`${WEB}_default`);
  await expect(page.getByRole('textbox', { name: 'Current compose file' })).toContainText('"-h", "/bin"');

  // busybox httpd serving /bin has no index: it answers 404 with its own page.
  await expect
    .poll(() => firstHttpAnswer(state.hosts.map((h) => h.address), 8089), { timeout: 60_000, message: 'HTTP on port 8089 of a node' })
    .toContain('The requested URL was not found');

  await page.goto('/stacks');
  await expect(stackRow(page, WEB)).toContainText('Wharf');
  await expect(stackRow(page, WEB)).toContainText('#1');
});

test('edit and redeploy (3 replicas, httpd -h /etc): revisions 1 and 2 differ in exactly those lines', async () => {
  test.setTimeout(180_000);
  await page.goto(stackUrl(WEB));
  await page.getByRole('link', { name: 'Edit and redeploy' }).click();
  await expect(page).toHaveURL(`${stackUrl(WEB)}/edit`);
  const editor = page.getByRole('textbox', { name: 'Compose file', exact: true });
  await expect(editor).toContainText('replicas: 2');

  const edited = readFileSync(FIXTURE, 'utf8').replace('replicas: 2', 'replicas: 3').replace('"-h", "/bin"', '"-h", "/etc"');
  await typeIntoEditor(page, 'Compose file', edited);
  await expect(editor).toContainText('replicas: 3');
  await expect(editor).toContainText('"-h", "/etc"');
  await expect(page.getByRole('status').filter({ hasText: 'No problems found in the file.' })).toBeVisible();
  await page.getByRole('button', { name: 'Redeploy', exact: true }).click();

  await expect(page).toHaveURL(stackUrl(WEB), { timeout: 60_000 });
  await expect(toasts(page)).toContainText(`Deployed ${WEB} (revision 2): 0 created, 2 updated, 0 removed`);
  await expect(serviceRow(page, `${WEB}_web`).getByRole('cell').nth(1)).toHaveText('3 / 3', { timeout: 90_000 });
  await expect.poll(async () => (await webSpec())?.Mode.Replicated?.Replicas, { timeout: 30_000 }).toBe(3);
  await expect(revisionRow(page, 2)).toContainText('deployed');

  const compare = page.getByRole('region', { name: 'Compare revisions' });
  await compare.getByLabel('From revision').selectOption('1');
  await compare.getByLabel('To revision').selectOption('2');
  const diff = page.getByRole('table', { name: 'Diff' });
  const line = (text: string) => diff.getByRole('row').filter({ hasText: text });
  await expect(line('replicas: 2')).toContainText('removed');
  await expect(line('replicas: 3')).toContainText('added');
  await expect(line('"/bin"')).toContainText('removed');
  await expect(line('"/etc"')).toContainText('added');
  await expect(diff.getByRole('row').filter({ hasText: /\badded\b/ })).toHaveCount(2);
  await expect(diff.getByRole('row').filter({ hasText: /\bremoved\b/ })).toHaveCount(2);
});

test('roll back to revision 1: revision 3 is "restored from 1" and the engine runs the first file again', async () => {
  test.setTimeout(180_000);
  await page.goto(stackUrl(WEB));
  await revisionRow(page, 1).getByRole('button', { name: 'Roll back to revision 1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll back to revision 1?' });
  await dialog.getByRole('button', { name: 'Roll back', exact: true }).click();
  await expect(dialog).toBeHidden({ timeout: 60_000 });
  await expect(toasts(page)).toContainText(`Rolled back to revision 1. Deployed ${WEB} (revision 3)`);
  await expect(revisionRow(page, 3)).toContainText('restored from 1');
  await expect(revisionRow(page, 3)).toContainText('deployed');
  await expect(revisionRow(page, 3)).toContainText('current');
  await expect.poll(async () => (await webSpec())?.Mode.Replicated?.Replicas, { timeout: 30_000 }).toBe(2);
  expect((await webSpec())?.TaskTemplate.ContainerSpec.Args).toEqual(['httpd', '-f', '-p', '80', '-h', '/bin']);
  await expect(page.getByRole('textbox', { name: 'Current compose file' })).toContainText('"-h", "/bin"');
  await expect(serviceRow(page, `${WEB}_web`).getByRole('cell').nth(1)).toHaveText('2 / 2', { timeout: 90_000 });
});

test('a file with an undefined secret: the problem shows at its line and column, and nothing is deployed', async () => {
  test.setTimeout(120_000);
  const bad = ['version: "3.8"', 'services:', '  db:', '    image: local/busybox:latest', '    secrets:', '      - my-pass', ''].join('\n');
  await page.goto(`/stacks/new?swarm=${swarmId}`);
  await page.getByLabel('Stack name').fill('e2e-bad');
  await typeIntoEditor(page, 'Compose file', bad);
  const editor = page.getByRole('textbox', { name: 'Compose file', exact: true });
  const problems = page.getByRole('list', { name: 'Problems' });
  await expect(problems).toContainText('line 6, column 9: service db: undefined secret "my-pass"');
  // The editor itself is described by its problems.
  await expect(editor).toHaveAccessibleDescription(/undefined secret "my-pass"/);

  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The stack file has 1 problem' })).toBeVisible({ timeout: 30_000 });
  await expect(problems).toContainText('undefined secret "my-pass"');
  await expect(editor).toContainText('- my-pass');
  await expect(page.getByLabel('Stack name')).toHaveValue('e2e-bad');
  await expect(page).toHaveURL(`/stacks/new?swarm=${swarmId}`);
  expect(await stackServices(l1.socket, 'e2e-bad')).toEqual([]);

  await page.goto(`/stacks?swarm=${swarmId}`);
  await expect(stackRow(page, WEB)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('link', { name: 'e2e-bad', exact: true })).toHaveCount(0);
});

test('a stack deployed with the docker CLI: listed with a CLI badge, scaled in Wharf, removed with its name typed', async () => {
  test.setTimeout(180_000);
  const dir = mkdtempSync(join(tmpdir(), 'wharf-e2e-cli-'));
  try {
    const file = join(dir, 'compose.yml');
    writeFileSync(file, ['version: "3.8"', 'services:', '  app:', '    image: local/busybox:latest', '    command: ["sleep", "3600"]', '    deploy:', '      replicas: 1', ''].join('\n'));
    await dockerCli(l1.socket, ['stack', 'deploy', '--resolve-image', 'never', '-c', file, CLI_STACK]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }

  await page.goto(`/stacks?swarm=${swarmId}`);
  await expect(stackRow(page, CLI_STACK)).toContainText('CLI', { timeout: 30_000 });
  await expect(stackRow(page, CLI_STACK)).toContainText('none');
  await stackRow(page, CLI_STACK).getByRole('link', { name: CLI_STACK }).click();
  await expect(page).toHaveURL(stackUrl(CLI_STACK));
  await expect(page.getByRole('heading', { level: 1 })).toContainText('CLI');
  const note = page.getByRole('note');
  await expect(note).toContainText('deployed with the docker CLI');
  await expect(note).toContainText('the first deploy through Wharf will start its history');
  await expect(serviceRow(page, `${CLI_STACK}_app`).getByRole('cell').nth(1)).toHaveText('1 / 1', { timeout: 60_000 });

  await page.getByLabel(`Replicas for ${CLI_STACK}_app`).fill('2');
  await serviceRow(page, `${CLI_STACK}_app`).getByRole('button', { name: 'Scale' }).click();
  await expect(toasts(page)).toContainText(`Scaling ${CLI_STACK}_app to 2 replicas`);
  await expect.poll(async () => (await stackServices(l1.socket, CLI_STACK))[0]?.Spec.Mode.Replicated?.Replicas, { timeout: 30_000 }).toBe(2);
  await expect(serviceRow(page, `${CLI_STACK}_app`).getByRole('cell').nth(1)).toHaveText('2 / 2', { timeout: 60_000 });

  await page.getByRole('button', { name: 'Remove stack' }).click();
  const dialog = page.getByRole('dialog', { name: `Remove the stack ${CLI_STACK}?` });
  await expect(dialog).toContainText('1 service, 1 network');
  const confirm = dialog.getByRole('button', { name: 'Remove stack' });
  await expect(confirm).toBeDisabled();
  await dialog.getByLabel(`Type ${CLI_STACK} to confirm`).fill(CLI_STACK);
  await confirm.click();
  await expect(page).toHaveURL(`/stacks?swarm=${swarmId}`, { timeout: 60_000 });
  await expect(toasts(page)).toContainText(`Removed the stack ${CLI_STACK}`);
  await expect.poll(async () => (await stackServices(l1.socket, CLI_STACK)).length, { timeout: 30_000 }).toBe(0);
  await expect(stackRow(page, WEB)).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('link', { name: CLI_STACK, exact: true })).toHaveCount(0, { timeout: 30_000 });
});

test('a stack naming an env file and a secret file: both listed as missing, given in the editor, the task gets both; a redeploy keeps them', async () => {
  test.setTimeout(240_000);
  const STACK = 'e2e-files';
  const file = (seconds: number) =>
    [
      'version: "3.8"',
      'services:',
      '  app:',
      '    image: local/busybox:latest',
      `    command: ["sleep", "${seconds}"]`,
      '    env_file: ./app.env',
      '    secrets: [db_password]',
      '    deploy:',
      '      placement: {constraints: ["node.role == manager"]}',
      'secrets:',
      '  db_password:',
      '    file: ./secrets/db.txt',
      '',
    ].join('\n');
  // The one manager (l1) runs the task: its container, once it runs the given command.
  const manager = new Dockerode({ socketPath: l1.socket });
  const runningTask = async (seconds: number) => {
    const containers = await manager.listContainers({ filters: { label: [`com.docker.swarm.service.name=${STACK}_app`], status: ['running'] } });
    return containers.find((c) => c.Command.includes(String(seconds)))?.Id ?? null;
  };
  const given = async (seconds: number) => {
    let id: string | null = null;
    await expect.poll(async () => (id = await runningTask(seconds)), { timeout: 90_000, message: 'the task runs' }).not.toBeNull();
    const container = id as unknown as string;
    expect((await manager.getContainer(container).inspect()).Config.Env).toContain('GREETING=hello-from-env-file');
    expect(await dockerCli(l1.socket, ['exec', container, 'cat', '/run/secrets/db_password'])).toBe('e2e-stack-secret');
  };

  await page.goto(`/stacks/new?swarm=${swarmId}`);
  await page.getByLabel('Stack name').fill(STACK);
  await typeIntoEditor(page, 'Compose file', file(3600));
  const files = page.getByRole('list', { name: 'Files this compose file names' });
  const row = (path: string) => files.getByRole('listitem').filter({ has: page.getByText(path, { exact: true }) });
  await expect(row('./app.env')).toContainText('Missing', { timeout: 30_000 });
  await expect(row('./app.env')).toContainText('env_file of service app, line 6');
  await expect(row('./secrets/db.txt')).toContainText('Missing');
  await expect(row('./secrets/db.txt')).toContainText('secret db_password, line 12');
  const problems = page.getByRole('list', { name: 'Problems' });
  await expect(problems).toContainText('line 6, column 5');
  await expect(problems).toContainText('no file "app.env" is kept with the stack');
  await expect(problems).toContainText('no file "secrets/db.txt" is kept with the stack');

  await page.getByLabel('Load ./app.env from a file').setInputFiles({ name: 'app.env', mimeType: 'text/plain', buffer: Buffer.from('GREETING=hello-from-env-file\n') });
  await expect(row('./app.env')).toContainText('Given now');
  await page.getByRole('textbox', { name: './secrets/db.txt', exact: true }).fill('e2e-stack-secret');
  await expect(page.getByRole('status').filter({ hasText: 'No problems found in the file.' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page).toHaveURL(stackUrl(STACK), { timeout: 60_000 });
  await expect(toasts(page)).toContainText(`Deployed ${STACK} (revision 1)`);
  await given(3600);
  await expect(page.locator('body')).not.toContainText('e2e-stack-secret');

  await page.getByRole('link', { name: 'Edit and redeploy' }).click();
  await expect(page).toHaveURL(`${stackUrl(STACK)}/edit`);
  await typeIntoEditor(page, 'Compose file', file(3601));
  await expect(row('./app.env')).toContainText('Kept from revision 1 unless replaced', { timeout: 30_000 });
  await expect(row('./secrets/db.txt')).toContainText('Kept from revision 1 unless replaced');
  await expect(page.getByRole('status').filter({ hasText: 'No problems found in the file.' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Redeploy', exact: true }).click();
  await expect(page).toHaveURL(stackUrl(STACK), { timeout: 60_000 });
  await expect(toasts(page)).toContainText(`Deployed ${STACK} (revision 2)`);
  await given(3601);
});
