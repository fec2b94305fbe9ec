// Compose projects through the console on one lab engine: a file with a problem is marked at its
// line, then a project is created from the editor and brought up (a dependency waited on until
// healthy), its services' state and its logs are shown, an edit is compared with the first revision
// and rolled back, and it is taken down behind a confirmation. A second project gets a secret from
// a variable (up, running, the secret listed by name only) and pulls its image from the lab's
// private registry behind a confirmation, with progress, then is recreated pulling first (the
// pull's progress in the dialog). A third names an env file and a secret's file: the editor lists
// both as missing, one is loaded from a file and the other pasted, and the container gets both; an
// edit keeps them from the revision without giving them again.
import Dockerode from 'dockerode';
import { expect, test, type Page } from '@playwright/test';
import { basicRegistry, pushLabImage } from '@/scripts/lab/index.ts';
import { dockerCli } from '@/tests/support/docker-cli.ts';
import { addLabRegistry, removeRegistry } from './support/registries.ts';
import { ADMIN_STATE } from './support/accounts.ts';
import { lab } from './support/fixtures.ts';
import { adminPage } from './support/pages.ts';
import { toasts, typeIntoEditor } from './support/stacks.ts';
import { ensureLabHosts } from './support/swarms.ts';

test.use({ storageState: ADMIN_STATE });
test.describe.configure({ mode: 'serial' });

const state = lab();
const engine = state.hosts[0];
const docker = new Dockerode({ socketPath: engine.socket });
const PROJECT = `e2e-shop-${Date.now().toString(36)}`;
let page: Page;
let hostId: string;

const QUICK = (text: string) => `["sh", "-c", "trap 'exit 0' TERM; while true; do echo ${text}; sleep 1; done"]`;
const FILE = [
  'services:',
  '  web:',
  `    image: ${state.image}`,
  `    command: ${QUICK('hello-from-web')}`,
  '    depends_on:',
  '      db: {condition: service_healthy}',
  '  db:',
  `    image: ${state.image}`,
  `    command: ${QUICK('db-ready')}`,
  '    healthcheck: {test: ["CMD", "true"], interval: 1s}',
  '',
].join('\n');

async function removeProject(name = PROJECT) {
  for (const c of await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${name}`] } })) await docker.getContainer(c.Id).remove({ force: true }).catch(() => {});
  await docker.getNetwork(`${name}_default`).remove().catch(() => {});
}

test.beforeAll(async ({ browser }) => {
  page = await adminPage(browser);
  hostId = (await ensureLabHosts(page, [engine]))[engine.name].id;
});

const SECRET_PROJECT = `${PROJECT}-sec`;
const REGISTRY = `e2e-compose-${Date.now().toString(36)}`;
const REPO = `lab/${SECRET_PROJECT}`;
const FILES_PROJECT = `${PROJECT}-files`;

test.afterAll(async () => {
  await removeProject();
  await removeProject(SECRET_PROJECT);
  await removeProject(FILES_PROJECT);
  // By tag, never by id: the pushed image shares its id with the lab's image.
  await docker.getImage(`${state.registry.url.replace(/^https?:\/\//, '')}/${REPO}:1.0`).remove().catch(() => {});
  if (page) await removeRegistry(page, REGISTRY).catch(() => {});
  await page?.context().close();
});

const serviceRow = (name: string) => page.getByRole('table', { name: `Services of ${PROJECT}` }).getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) });

test('a file with build: is marked at its line, and nothing can be saved from it', async () => {
  await page.goto(`/containers/projects?host=${hostId}`);
  await page.getByRole('link', { name: 'New project' }).first().click();
  await expect(page).toHaveURL(`/containers/projects/new?host=${hostId}`);
  await page.getByLabel('Project name').fill(PROJECT);
  await typeIntoEditor(page, 'Compose file', 'services:\n  app:\n    build: .\n');
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('Wharf cannot build images', { timeout: 30_000 });
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('line 3, column 5');
  await page.getByRole('button', { name: 'Create and up' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'The compose file has 1 problem' })).toBeVisible();
  expect(await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${PROJECT}`] } })).toEqual([]);
});

test('create a project from the editor and bring it up: its services run, named as Compose names them', async () => {
  test.setTimeout(120_000);
  await typeIntoEditor(page, 'Compose file', FILE);
  await expect(page.getByRole('status').filter({ hasText: 'No problems found in the file.' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Create and up' }).click();
  await expect(page).toHaveURL(`/containers/projects/${hostId}/${PROJECT}`, { timeout: 90_000 });
  await expect(toasts(page)).toContainText(`Project ${PROJECT} is up (revision 1).`);
  await expect(serviceRow('db')).toContainText(`${PROJECT}-db-1`);
  await expect(serviceRow('db')).toContainText('healthy', { timeout: 30_000 });
  await expect(serviceRow('web')).toContainText(`${PROJECT}-web-1`);
  await expect(serviceRow('web')).toContainText('running');
  await expect(page.getByText('2 of 2 containers running')).toBeVisible();

  await page.goto(`/containers/projects?host=${hostId}`);
  const row = page.getByRole('table', { name: 'Compose projects' }).getByRole('row').filter({ has: page.getByRole('link', { name: PROJECT, exact: true }) });
  await expect(row).toContainText('running');
  await expect(row).toContainText('Wharf');
  await row.getByRole('link', { name: PROJECT, exact: true }).click();
});

test('the logs of all its containers merged, each line named by its container, then of one container', async () => {
  const merged = page.getByRole('log', { name: `Logs of project ${PROJECT}` });
  await expect(page.getByLabel('Logs of', { exact: true })).toHaveValue('');
  await expect(merged.getByText('hello-from-web').first()).toBeVisible({ timeout: 30_000 });
  await expect(merged.getByText('db-ready').first()).toBeVisible();
  await expect(merged.getByText(`${PROJECT}-web-1`).first()).toBeVisible();
  await expect(merged.getByText(`${PROJECT}-db-1`).first()).toBeVisible();
  await page.getByLabel('Logs of', { exact: true }).selectOption({ label: `${PROJECT}-web-1` });
  await expect(page.getByRole('log', { name: `Logs of ${PROJECT}-web-1` }).getByText('hello-from-web').first()).toBeVisible({ timeout: 30_000 });
});

test('an edit is a new revision: the two compared line by line, and a rollback brings the first back as a third', async () => {
  test.setTimeout(180_000);
  const webCommand = async () => (await docker.getContainer(`${PROJECT}-web-1`).inspect()).Config.Cmd?.join(' ') ?? '';
  await page.getByRole('link', { name: 'Edit file' }).click();
  await typeIntoEditor(page, 'Compose file', FILE.replace('hello-from-web', 'hello-again'));
  await expect(page.getByRole('status').filter({ hasText: 'No problems found in the file.' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Save and up' }).click();
  await expect(page).toHaveURL(`/containers/projects/${hostId}/${PROJECT}`, { timeout: 90_000 });
  await expect(toasts(page)).toContainText(`Project ${PROJECT} is up (revision 2).`);
  expect(await webCommand()).toContain('hello-again');

  const revisions = page.getByRole('table', { name: `Revisions of ${PROJECT}` });
  await expect(revisions.getByRole('row').filter({ hasText: '#2' })).toContainText('newest');
  const diff = page.getByRole('region', { name: 'Compare revisions' });
  await expect(diff.getByLabel('From revision')).toHaveValue('1');
  await expect(diff.getByLabel('To revision')).toHaveValue('2');
  await expect(diff.getByRole('table', { name: 'Diff' }).getByRole('row').filter({ hasText: 'removed' })).toContainText('hello-from-web');
  await expect(diff.getByRole('table', { name: 'Diff' }).getByRole('row').filter({ hasText: 'added' })).toContainText('hello-again');
  await expect(revisions.getByRole('button', { name: 'Roll back to revision 2' })).toHaveCount(0);

  await revisions.getByRole('button', { name: 'Roll back to revision 1' }).click();
  const dialog = page.getByRole('dialog', { name: 'Roll back to revision 1?' });
  await expect(dialog).toContainText(`Revision 1 of ${PROJECT}`);
  await dialog.getByRole('button', { name: 'Roll back' }).click();
  await expect(toasts(page)).toContainText(`Rolled back to revision 1: ${PROJECT} is up as revision 3`, { timeout: 90_000 });
  await expect(revisions.getByRole('row').filter({ hasText: '#3' })).toContainText('restored from 1');
  expect(await webCommand()).toContain('hello-from-web');
  await expect(serviceRow('web')).toContainText('running', { timeout: 30_000 });
});

test('down asks first, then removes its containers; the file stays for the next up', async () => {
  test.setTimeout(90_000);
  await page.getByRole('button', { name: 'Down', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Take project ${PROJECT} down?` });
  await expect(dialog).toContainText('Its 2 containers are stopped and removed');
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
  expect(await docker.listContainers({ filters: { label: [`com.docker.compose.project=${PROJECT}`] } })).toHaveLength(2);

  await page.getByRole('button', { name: 'Down', exact: true }).click();
  await dialog.getByRole('button', { name: 'Take down' }).click();
  await expect(toasts(page)).toContainText(`Project ${PROJECT} is down: 2 container(s), 1 network(s) removed.`);
  await expect(page.getByText('0 of 0 containers running')).toBeVisible({ timeout: 15_000 });
  expect(await docker.listContainers({ all: true, filters: { label: [`com.docker.compose.project=${PROJECT}`] } })).toEqual([]);
  await expect(page.getByRole('button', { name: 'Up', exact: true })).toBeEnabled();
});

test('a project with a secret from a variable: up, running, the secret listed by name only; its image pulled with progress', async () => {
  test.setTimeout(180_000);
  const image = `${state.registry.url.replace(/^https?:\/\//, '')}/${REPO}:1.0`;
  await pushLabImage(state, basicRegistry(state.registry), REPO, '1.0', REPO);
  // The engine has the image under that name already (up does not pull); Pull fetches it again with the registry's credentials.
  const [repository, tag] = [image.slice(0, image.lastIndexOf(':')), '1.0'];
  await docker.getImage(state.image).tag({ repo: repository, tag });
  await addLabRegistry(page, state, REGISTRY);

  await page.goto(`/containers/projects/new?host=${hostId}`);
  await page.getByLabel('Project name').fill(SECRET_PROJECT);
  await page.getByRole('button', { name: 'Add variable' }).click();
  await page.getByLabel('Variable 1 name').fill('DB_PASSWORD');
  await page.getByLabel('Variable 1 value').fill('e2e-hunter2');
  await typeIntoEditor(page, 'Compose file', ['services:', '  app:', `    image: ${image}`, `    command: ${QUICK('with-secret')}`, '    secrets: [db_password]', 'secrets:', '  db_password: {environment: DB_PASSWORD}', ''].join('\n'));
  await expect(page.getByRole('status').filter({ hasText: 'No problems found in the file.' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Create and up' }).click();
  await expect(page).toHaveURL(`/containers/projects/${hostId}/${SECRET_PROJECT}`, { timeout: 90_000 });
  const app = page.getByRole('table', { name: `Services of ${SECRET_PROJECT}` }).getByRole('row').filter({ has: page.getByRole('cell', { name: 'app', exact: true }) });
  await expect(app).toContainText('running', { timeout: 30_000 });
  const files = page.getByRole('list', { name: 'Secrets and configs' });
  await expect(files.getByRole('listitem')).toHaveText([/secret\s*db_password\s*used by app/]);
  await expect(page.locator('body')).not.toContainText('e2e-hunter2');

  await page.getByRole('button', { name: 'Pull', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Pull the images of project ${SECRET_PROJECT}?` });
  await dialog.getByRole('button', { name: 'Pull images' }).click();
  await expect(toasts(page)).toContainText(`Pulling 1 image for project ${SECRET_PROJECT}.`);
  const bar = page.getByRole('progressbar', { name: `${image} for project ${SECRET_PROJECT}` });
  await expect(bar).toBeVisible();
  await expect(bar).toHaveAttribute('aria-valuetext', 'done', { timeout: 60_000 });
  await expect(page.getByText(`Pulling with the credentials of the registry ${REGISTRY}.`)).toBeVisible();

  // Recreate, pulling first: the pull's progress shows in the dialog, then the container is made again.
  const running = async () => (await docker.listContainers({ filters: { label: [`com.docker.compose.project=${SECRET_PROJECT}`] } })).map((c) => c.Id);
  const [before] = await running();
  await page.getByRole('button', { name: 'Recreate', exact: true }).click();
  const recreate = page.getByRole('dialog', { name: `Recreate containers of project ${SECRET_PROJECT}?` });
  await recreate.getByLabel('Pull the images first').check();
  await recreate.getByRole('button', { name: 'Recreate', exact: true }).click();
  await expect(recreate.getByRole('list', { name: 'Images being pulled before the recreate' }).getByRole('progressbar', { name: `${image} for project ${SECRET_PROJECT}` })).toBeVisible();
  await expect(toasts(page)).toContainText(`Project ${SECRET_PROJECT}:`, { timeout: 90_000 });
  await expect(recreate).toBeHidden();
  await expect.poll(running, { timeout: 30_000 }).toEqual([expect.not.stringMatching(before!)]);
  await expect(app).toContainText('running', { timeout: 30_000 });
});

test('a project naming an env file and a secret file: both listed as missing, one loaded and one pasted, the container gets both; an edit keeps them', async () => {
  test.setTimeout(240_000);
  const file = (greeting: string) =>
    ['services:', '  app:', `    image: ${state.image}`, `    command: ${QUICK(greeting)}`, '    env_file: ./app.env', '    secrets: [db_password]', 'secrets:', '  db_password:', '    file: ./secrets/db.txt', ''].join('\n');
  const container = `${FILES_PROJECT}-app-1`;
  const environment = async () => (await docker.getContainer(container).inspect()).Config.Env ?? [];
  const secret = () => dockerCli(engine.socket, ['exec', container, 'cat', '/run/secrets/db_password']);

  await page.goto(`/containers/projects/new?host=${hostId}`);
  await page.getByLabel('Project name').fill(FILES_PROJECT);
  await typeIntoEditor(page, 'Compose file', file('files-first'));
  const files = page.getByRole('list', { name: 'Files this compose file names' });
  const row = (path: string) => files.getByRole('listitem').filter({ has: page.getByText(path, { exact: true }) });
  await expect(row('./app.env')).toContainText('Missing', { timeout: 30_000 });
  await expect(row('./app.env')).toContainText('env_file of service app, line 5');
  await expect(row('./secrets/db.txt')).toContainText('Missing');
  await expect(row('./secrets/db.txt')).toContainText('secret db_password, line 9');
  const problems = page.getByRole('list', { name: 'Problems' });
  await expect(problems).toContainText('line 5, column 5');
  await expect(problems).toContainText('no file "app.env" is kept with the project');
  await expect(problems).toContainText('no file "secrets/db.txt" is kept with the project');

  await page.getByLabel('Load ./app.env from a file').setInputFiles({ name: 'app.env', mimeType: 'text/plain', buffer: Buffer.from('# from a file\nGREETING=hello-from-env-file\n') });
  await expect(page.getByRole('textbox', { name: './app.env', exact: true })).toHaveValue(/GREETING=hello-from-env-file/);
  await expect(row('./app.env')).toContainText('Given now');
  await page.getByRole('textbox', { name: './secrets/db.txt', exact: true }).fill('e2e-file-secret');
  await expect(row('./secrets/db.txt')).toContainText('Given now (15 characters)');
  await expect(page.getByRole('status').filter({ hasText: 'No problems found in the file.' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Create and up' }).click();
  await expect(page).toHaveURL(`/containers/projects/${hostId}/${FILES_PROJECT}`, { timeout: 90_000 });
  await expect(toasts(page)).toContainText(`Project ${FILES_PROJECT} is up (revision 1).`);
  const app = page.getByRole('table', { name: `Services of ${FILES_PROJECT}` }).getByRole('row').filter({ has: page.getByRole('cell', { name: 'app', exact: true }) });
  await expect(app).toContainText('running', { timeout: 30_000 });
  expect(await environment()).toContain('GREETING=hello-from-env-file');
  expect(await secret()).toBe('e2e-file-secret');
  await expect(page.locator('body')).not.toContainText('e2e-file-secret');
  await expect(page.locator('body')).not.toContainText('hello-from-env-file');

  // An edit gives neither file again: both are kept from revision 1, and the new container still gets them.
  await page.getByRole('link', { name: 'Edit file' }).click();
  await typeIntoEditor(page, 'Compose file', file('files-second'));
  await expect(row('./app.env')).toContainText('Kept from revision 1 unless replaced', { timeout: 30_000 });
  await expect(row('./secrets/db.txt')).toContainText('Kept from revision 1 unless replaced');
  await expect(page.getByRole('textbox', { name: './secrets/db.txt', exact: true })).toHaveValue('');
  await expect(page.getByRole('status').filter({ hasText: 'No problems found in the file.' })).toBeVisible({ timeout: 30_000 });
  await page.getByRole('button', { name: 'Save and up' }).click();
  await expect(page).toHaveURL(`/containers/projects/${hostId}/${FILES_PROJECT}`, { timeout: 90_000 });
  await expect(toasts(page)).toContainText(`Project ${FILES_PROJECT} is up (revision 2).`);
  await expect(app).toContainText('running', { timeout: 30_000 });
  expect((await docker.getContainer(container).inspect()).Config.Cmd?.join(' ')).toContain('files-second');
  expect(await environment()).toContain('GREETING=hello-from-env-file');
  expect(await secret()).toBe('e2e-file-secret');
});
