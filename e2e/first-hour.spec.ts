// An operator's first hour (issue 18), at 1280×800 on a swarm of the three lab engines: the same
// engine refused twice; a stack's drift shown, warned before a redeploy and recorded; a stack
// whose image cannot be pulled shown as deployed but failed with the task's error; service log
// lines and hosts named, not numbered; links followed between stacks, services and nodes; a task's
// container asking before it is stopped; tables whose actions and tags fit without scrolling
// sideways; an image from the lab's private registry pulled onto every node with the credentials
// Wharf keeps for it. A screenshot of each main page is kept with the test's results.
import Dockerode from 'dockerode';
import { expect, test, type Page } from '@playwright/test';
import { basicRegistry, pushLabImage } from '@/scripts/lab/index.ts';
import { ADMIN_STATE, USERNAME_RULE } from './support/accounts.ts';
import { lab } from './support/fixtures.ts';
import { adminPage } from './support/pages.ts';
import { addLabRegistry, removeRegistry } from './support/registries.ts';
import { createSwarmThroughForm, joinWorkers, toasts, typeIntoEditor } from './support/stacks.ts';
import { ensureLabHosts, labSockets, leaveAllSwarms, leaveLabSwarms, nodeAction, type ApiHost } from './support/swarms.ts';

test.use({ storageState: ADMIN_STATE, viewport: { width: 1280, height: 800 } });
test.describe.configure({ mode: 'serial' });

const state = lab();
const [l1, l2, l3] = state.hosts;
const SWARM = 'fh-swarm';
const DEMO = 'fh-demo';
const BROKEN = 'fh-broken';
const V2 = 'local/busybox:v2';
const DEMO_FILE = `services:
  app:
    image: ${state.image}
    command: ["sh", "-c", "while true; do echo fh-tick; sleep 1; done"]
    deploy:
      replicas: 1
`;
/** A file the server refuses (a secret it does not define), for the editor's banner. */
const REFUSED_FILE = `services:
  app:
    image: ${state.image}
    secrets:
      - fh-pass
`;
const BROKEN_FILE = `services:
  app:
    image: local/no-such-image:1
    command: ["sleep", "3600"]
`;

let page: Page;
let swarmId: string;
let hosts: Record<string, ApiHost>;
/** A running task container of the demo service (found by test 6). */
let taskContainer: { engine: (typeof state.hosts)[number]; name: string; id: string };
/** The demo service's id (found by test 4). */
let demoServiceId: string;

const stackUrl = (name: string) => `/stacks/${swarmId}/${name}`;
const rowWith = (p: Page, table: string, name: string) => p.getByRole('table', { name: table }).getByRole('row').filter({ has: p.getByRole('rowheader', { name, exact: true }) });

/** A full-page screenshot kept with the test's results: a file in its output folder, attached to the report. */
async function keepScreenshot(name: string): Promise<void> {
  const path = test.info().outputPath(`${name.replace(/\W+/g, '-')}.png`);
  await page.screenshot({ path, fullPage: true });
  await test.info().attach(name, { path, contentType: 'image/png' });
}

/** Every element that scrolls sideways at this viewport (the page itself included), by a short description. */
async function sidewaysScrollers(p: Page): Promise<string[]> {
  return p.evaluate(() => {
    const found: string[] = [];
    const root = document.documentElement;
    if (root.scrollWidth > root.clientWidth + 1) found.push(`the page (${root.scrollWidth} > ${root.clientWidth})`);
    for (const el of Array.from(document.querySelectorAll<HTMLElement>('body *'))) {
      const overflow = getComputedStyle(el).overflowX;
      if ((overflow === 'auto' || overflow === 'scroll') && el.scrollWidth > el.clientWidth + 1 && !el.closest('.cm-editor, .xterm')) {
        found.push(`${el.tagName.toLowerCase()}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''} (${el.scrollWidth} > ${el.clientWidth})`);
      }
    }
    return found;
  });
}

async function deployThroughEditor(name: string, file: string): Promise<void> {
  await page.goto(`/stacks/new?swarm=${swarmId}`);
  await page.getByLabel('Stack name').fill(name);
  await typeIntoEditor(page, 'Compose file', file);
  await expect(page.getByRole('status').filter({ hasText: 'No problems found in the file.' })).toBeVisible();
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  await expect(page).toHaveURL(stackUrl(name), { timeout: 60_000 });
}

test.beforeAll(async ({ browser }) => {
  test.setTimeout(180_000);
  await leaveAllSwarms(labSockets());
  page = await adminPage(browser);
  await page.setViewportSize({ width: 1280, height: 800 });
  hosts = await ensureLabHosts(page, [l1, l2, l3]);
  swarmId = await createSwarmThroughForm(page, hosts[l1.name], SWARM, l1.address);
  await joinWorkers(l1, [l2, l3]);
  // A second tag of the lab's image on every node, for an image change (nothing can be pulled here).
  for (const engine of [l1, l2, l3]) await new Dockerode({ socketPath: engine.socket }).getImage(state.image).tag({ repo: 'local/busybox', tag: 'v2' });
});

test.afterAll(async () => {
  test.setTimeout(120_000);
  await leaveLabSwarms(page);
});

test('7. the same engine under another name and transport is refused, naming the host that has it', async () => {
  const existing = hosts[l1.name].name;
  await page.goto('/hosts/new');
  await page.getByLabel('Name').fill('fh-again');
  // 8. A bad socket path is said once, at its field.
  await page.getByRole('radio', { name: /Unix socket/ }).check();
  await page.getByLabel('Socket path').fill('/tmp/fh-no-engine-here.sock');
  await page.getByRole('button', { name: 'Add host' }).click();
  await expect(page.getByText('There is no socket at /tmp/fh-no-engine-here.sock', { exact: false })).toHaveCount(1);

  await page.getByRole('radio', { name: /TCP with TLS/ }).check();
  await page.getByLabel('Address').fill(l1.tcp.host);
  await page.getByLabel('Port').fill(String(l1.tcp.port));
  await page.getByLabel('Load ca certificate from a file').setInputFiles(state.tls.caCert);
  await page.getByLabel('Load client certificate from a file').setInputFiles(state.tls.clientCert);
  await page.getByLabel('Load client key from a file').setInputFiles(state.tls.clientKey);
  await page.getByRole('button', { name: 'Add host' }).click();
  await expect(page.getByRole('alert').filter({ hasText: `This engine is already registered as the host "${existing}"` }).first()).toBeVisible();
  await expect(page).toHaveURL(/\/hosts\/new$/);

  await page.goto('/hosts');
  await expect(page.getByRole('link', { name: 'fh-again' })).toHaveCount(0);
  // 3. The manager's row names its swarm, not the cluster id.
  await expect(page.getByRole('row').filter({ has: page.getByRole('link', { name: existing, exact: true }) })).toContainText(`Manager of swarm ${SWARM}`);
  expect(await sidewaysScrollers(page)).toEqual([]);
  await keepScreenshot('hosts');
});

test('8. a refused deploy\'s banner is about the file it refused: it goes once the file changes', async () => {
  await page.goto(`/stacks/new?swarm=${swarmId}`);
  await page.getByLabel('Stack name').fill('fh-refused');
  await typeIntoEditor(page, 'Compose file', REFUSED_FILE);
  await expect(page.getByRole('list', { name: 'Problems' })).toContainText('undefined secret "fh-pass"');
  await page.getByRole('button', { name: 'Deploy', exact: true }).click();
  const banner = page.getByRole('main').getByRole('alert').filter({ hasText: 'The stack file has 1 problem' });
  await expect(banner).toBeVisible({ timeout: 30_000 });
  await typeIntoEditor(page, 'Compose file', DEMO_FILE);
  await expect(page.getByRole('status').filter({ hasText: 'No problems found in the file.' })).toBeVisible();
  await expect(banner).toHaveCount(0);
  await expect(page).toHaveURL(`/stacks/new?swarm=${swarmId}`);
});

test('1. a scale and an image change made on the Services page show as drift, are warned of before a redeploy, and are recorded as a revision', async () => {
  test.setTimeout(180_000);
  await deployThroughEditor(DEMO, DEMO_FILE);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('State: running', { timeout: 60_000 });
  await expect(page.getByRole('region', { name: 'Drift from the file' })).toHaveCount(0);

  // On the Services page: scale to 2, then a new image from the service's page.
  await page.goto(`/services?swarm=${swarmId}`);
  const row = rowWith(page, 'Services', `${DEMO}_app`);
  await row.getByLabel(`Replicas for ${DEMO}_app`).fill('2');
  await row.getByRole('button', { name: 'Scale' }).click();
  await expect(toasts(page)).toContainText(`Scaling ${DEMO}_app to 2 replicas`);
  await row.getByRole('link', { name: `${DEMO}_app` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${DEMO}_app` })).toBeVisible();
  await page.getByLabel('New image').fill(V2);
  await page.getByRole('button', { name: 'Update image' }).click();
  await expect(toasts(page)).toContainText(`Rolling update to ${V2} started`);

  // 4. The service links to its stack.
  await page.getByRole('link', { name: DEMO, exact: true }).click();
  await expect(page).toHaveURL(stackUrl(DEMO));
  const drift = page.getByRole('region', { name: 'Drift from the file' });
  await expect(drift).toContainText(`${DEMO}_app: replicas 1 in the file, 2 running; image ${state.image} in the file, ${V2} running`, { timeout: 30_000 });
  await expect(drift).toContainText('The next redeploy of the file (or a rollback) will set these back');
  expect(await sidewaysScrollers(page)).toEqual([]);
  await keepScreenshot('stack with drift');

  // A redeploy says what it would revert, and asks first.
  await page.getByRole('link', { name: 'Edit and redeploy' }).click();
  const warning = page.getByRole('note', { name: 'Changes this will revert' });
  await expect(warning).toContainText(`set ${DEMO}_app's replicas back to 1 and image back to ${state.image}`);
  await page.getByRole('button', { name: 'Redeploy', exact: true }).click();
  const confirm = page.getByRole('dialog', { name: `Redeploy ${DEMO} and revert the changes made outside the file?` });
  await expect(confirm).toBeVisible();
  await confirm.getByRole('button', { name: 'Cancel' }).click();
  await expect(confirm).toHaveCount(0);

  // Recording the running state: a new revision, nothing reverted, no drift left.
  await page.goto(stackUrl(DEMO));
  await page.getByRole('button', { name: 'Record the running state as revision 2' }).click();
  await expect(toasts(page)).toContainText(`Recorded the running state of ${DEMO} as revision 2.`);
  await expect(drift).toHaveCount(0);
  const revision2 = page.getByRole('table', { name: 'Revisions' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^#2\b/ }) });
  await expect(revision2).toContainText('recorded');
  await expect(revision2).toContainText('current');
  await expect(page.getByRole('textbox', { name: 'Current compose file' })).toContainText(`image: ${V2}`);
  await expect(rowWith(page, 'Services', `${DEMO}_app`).getByRole('cell').nth(1)).toHaveText('2 / 2', { timeout: 60_000 });
});

test('2. a stack whose image cannot be pulled is deployed, yet failed, with the tasks\' error, on the stack, the stack list and the services list', async () => {
  test.setTimeout(180_000);
  await deployThroughEditor(BROKEN, BROKEN_FILE);
  await expect(page.getByRole('heading', { level: 1 })).toContainText('State: failed', { timeout: 90_000 });
  await expect(page.getByRole('region', { name: 'Task errors' })).toContainText(`${BROKEN}_app: No such image: local/no-such-image:1`);
  await expect(page.getByRole('table', { name: 'Revisions' }).getByRole('row').filter({ has: page.getByRole('rowheader', { name: /^#1\b/ }) })).toContainText('deployed');
  await keepScreenshot('stack failed');

  await page.goto(`/stacks?swarm=${swarmId}`);
  const stacks = page.getByRole('table', { name: 'Stacks' });
  const broken = stacks.getByRole('row').filter({ has: page.getByRole('link', { name: BROKEN, exact: true }) });
  await expect(broken).toContainText('State: failed');
  await expect(broken).toContainText('No such image: local/no-such-image:1');
  await expect(stacks.getByRole('row').filter({ has: page.getByRole('link', { name: DEMO, exact: true }) })).toContainText('State: running');
  expect(await sidewaysScrollers(page)).toEqual([]);
  await keepScreenshot('stacks');

  await page.goto(`/services?swarm=${swarmId}`);
  const service = rowWith(page, 'Services', `${BROKEN}_app`);
  await expect(service).toContainText('State: failed');
  await expect(service).toContainText('No such image');
  expect(await sidewaysScrollers(page)).toEqual([]);
  await keepScreenshot('services');
  // 4. The services list links to the stack.
  await service.getByRole('link', { name: `Stack ${BROKEN}` }).click();
  await expect(page).toHaveURL(stackUrl(BROKEN));
});

test('3. service log lines name their task and node, and the page names the service', async () => {
  await page.goto(stackUrl(DEMO));
  // 4. A stack's service links to its page, its tasks to their nodes.
  const taskNode = page.getByRole('table', { name: 'Tasks' }).getByRole('row').filter({ hasText: 'running' }).first().getByRole('link').first();
  await expect(taskNode).toHaveAttribute('href', new RegExp(`/swarms/${swarmId}/nodes/`));
  // 8. Task times are never said to be in the future.
  await expect(page.getByRole('table', { name: 'Tasks' })).not.toContainText(/\bin \d+ (second|minute)s?\b/);
  await page.getByRole('link', { name: `${DEMO}_app`, exact: true }).click();
  await page.getByRole('link', { name: 'Logs of every task' }).click();
  await expect(page.getByRole('heading', { level: 1, name: `Logs of ${DEMO}_app` })).toBeVisible();
  const log = page.getByRole('log', { name: `Logs of service ${DEMO}_app` });
  await expect(log.getByText(new RegExp(`^${DEMO}_app\\.[12]@lab-[123]$`)).first()).toBeVisible({ timeout: 30_000 });
  await keepScreenshot('service logs');
});

test('6. stopping a swarm task\'s container asks first and says the swarm will replace it', async () => {
  // Where the demo service's tasks run, by the engine's own label, once both run the new image
  // (the rolling update replaces them one by one).
  type Found = { engine: (typeof state.hosts)[number]; name: string; id: string };
  const runningV2 = async (): Promise<Found[]> => {
    const found: Found[] = [];
    for (const engine of [l1, l2, l3]) {
      const list = await new Dockerode({ socketPath: engine.socket }).listContainers({ filters: { label: [`com.docker.swarm.service.name=${DEMO}_app`], status: ['running'] } });
      for (const c of list.filter((c) => c.Image.startsWith(V2))) found.push({ engine, name: c.Names[0].replace(/^\//, ''), id: c.Id });
    }
    return found;
  };
  await expect.poll(async () => (await runningV2()).length, { timeout: 60_000, message: 'both tasks run the new image' }).toBe(2);
  const found = (await runningV2())[0];
  taskContainer = found;
  const { engine, name, id } = found;
  const hostName = hosts[engine.name].name;

  await page.goto(`/containers?host=${hosts[engine.name].id}`);
  await page.getByRole('button', { name: `Actions for ${name} on ${hostName}` }).click();
  await page.getByRole('menu', { name: `Actions for ${name} on ${hostName}` }).getByRole('menuitem', { name: 'Stop…', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: `Stop ${name}?` });
  await expect(dialog).toContainText(`${name} is a task of the service ${DEMO}_app. The swarm sees its task end and starts a replacement container`);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toHaveCount(0);
  const inspected = (await new Dockerode({ socketPath: engine.socket }).getContainer(id).inspect()) as { State: { Running: boolean } };
  expect(inspected.State.Running).toBe(true);

  // 5. The image's tag is shown whole, and nothing scrolls sideways.
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(row.getByText(':v2', { exact: true })).toBeVisible();
  expect(await sidewaysScrollers(page)).toEqual([]);
  await keepScreenshot('containers');

  // 9. A row's menu opens its logs (and its terminal) directly.
  await page.getByRole('button', { name: `Actions for ${name} on ${hostName}` }).click();
  const menu = page.getByRole('menu', { name: `Actions for ${name} on ${hostName}` });
  await expect(menu.getByRole('menuitem', { name: 'Terminal', exact: true })).toBeVisible();
  await menu.getByRole('menuitem', { name: 'Logs', exact: true }).click();
  await expect(page).toHaveURL(`/containers/${hosts[engine.name].id}/${id}/logs`);
  await expect(page.getByRole('log', { name: /Logs of/ }).getByText('fh-tick').first()).toBeVisible({ timeout: 30_000 });
});

test('4. a task container links to its service, stack and host; the service\'s tasks link to their containers', async () => {
  const { engine, name, id } = taskContainer;
  const host = hosts[engine.name];
  await page.goto(`/containers?host=${host.id}`);
  const row = page.getByRole('table', { name: 'Containers' }).getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });
  await expect(row.getByRole('link', { name: DEMO, exact: true })).toHaveAttribute('href', stackUrl(DEMO));
  await row.getByRole('link', { name: `${DEMO}_app`, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${DEMO}_app` })).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/services/${swarmId}/`));
  demoServiceId = decodeURIComponent(new URL(page.url()).pathname.split('/')[3]!);
  await keepScreenshot('service');

  // The task running in that container links to it; its node to the node's page.
  const tasks = page.getByRole('table', { name: 'Tasks' });
  const linkToContainer = page.locator(`a[href="/containers/${host.id}/${id}"]`);
  const toContainer = tasks.locator(linkToContainer);
  await expect(toContainer).toHaveText(new RegExp(`^${DEMO}_app\\.[12]$`));
  await expect(tasks.getByRole('row').filter({ has: linkToContainer }).getByRole('link', { name: engine.name, exact: true })).toHaveAttribute('href', new RegExp(`/swarms/${swarmId}/nodes/`));
  await toContainer.click();
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  // The detail names its stack, service and host as links.
  await expect(page.getByRole('link', { name: DEMO, exact: true })).toHaveAttribute('href', stackUrl(DEMO));
  await expect(page.getByRole('link', { name: `${DEMO}_app`, exact: true })).toHaveAttribute('href', new RegExp(`/services/${swarmId}/`));
  await expect(page.getByRole('link', { name: host.name, exact: true }).first()).toHaveAttribute('href', `/hosts/${host.id}`);
  expect(await sidewaysScrollers(page)).toEqual([]);
  await keepScreenshot('container');
});

test('5. the nodes table shows every node\'s actions at 1280×800 without scrolling sideways', async () => {
  await page.goto(`/swarms/${swarmId}`);
  const nodes = page.getByRole('table', { name: 'Nodes' });
  await expect(nodes.getByRole('row')).toHaveCount(4, { timeout: 30_000 });
  for (const engine of [l1, l2, l3]) {
    const button = page.getByRole('button', { name: `Actions for ${engine.name}` });
    await expect(button).toBeVisible();
    const box = await button.boundingBox();
    expect(box!.x).toBeGreaterThanOrEqual(0);
    expect(box!.x + box!.width, `the actions of ${engine.name} end inside the window`).toBeLessThanOrEqual(1280);
  }
  expect(await sidewaysScrollers(page)).toEqual([]);
  await keepScreenshot('swarm');

  // 8. Making a second manager warns of the even count before anything changes.
  await nodeAction(page, l2.name, 'Promote to manager');
  const promote = page.getByRole('dialog', { name: `Promote ${l2.name} to manager?` });
  await expect(promote.getByRole('list', { name: 'Warnings' })).toContainText(`Promoting ${l2.name} makes 2 managers: an even number tolerates no more failures than one fewer.`);
  await promote.getByRole('button', { name: 'Cancel' }).click();
  await expect(promote).toHaveCount(0);
  await expect(nodes.getByRole('row').filter({ hasText: l2.name })).toContainText('worker');

});

test('3. audit rows name their swarm and service targets, with the id on hover', async () => {
  await page.goto(`/swarms/${swarmId}`);
  const tokens = page.getByRole('region', { name: 'Join tokens' });
  await tokens.getByRole('button', { name: 'Reveal tokens' }).click();
  await expect(tokens.getByRole('button', { name: 'Hide tokens' })).toBeVisible();

  await page.goto('/audit?action=swarm.tokens.reveal');
  const audit = page.getByRole('table', { name: 'Audit log, newest first' });
  const reveal = audit.getByRole('row').filter({ hasText: 'swarm.tokens.reveal' }).first();
  await expect(reveal.getByText(SWARM, { exact: true })).toHaveAttribute('title', swarmId);
  await expect(reveal).not.toContainText(swarmId);

  await page.goto('/audit?action=service');
  for (const action of ['service.scale', 'service.update-image']) {
    const row = audit.getByRole('row').filter({ hasText: action }).first();
    await expect(row.getByText(`${DEMO}_app`, { exact: true })).toHaveAttribute('title', demoServiceId);
    await expect(row).not.toContainText(demoServiceId);
  }
  expect(await sidewaysScrollers(page)).toEqual([]);
  await keepScreenshot('audit');
  // The whole log too (every kind of row this journey wrote), at 1280×800 without scrolling sideways.
  await page.goto('/audit');
  await expect(audit.getByRole('row').nth(1)).toBeVisible();
  expect(await sidewaysScrollers(page)).toEqual([]);
});

test('10. the dashboard names the swarm, counts its stacks and services, shows the failing task and what needs attention, each linked', async () => {
  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  const swarms = page.getByRole('list', { name: 'Swarms' });
  const card = swarms.getByRole('listitem').filter({ has: page.getByRole('link', { name: SWARM, exact: true }) });
  await expect(card).toBeVisible({ timeout: 30_000 });
  await expect(card.getByRole('definition').nth(0)).toHaveText('2');
  await expect(card.getByRole('definition').nth(1)).toHaveText('2');
  await expect(card.getByRole('definition').nth(2)).toHaveText('3');

  const failing = page.getByRole('list', { name: 'Failing tasks' });
  await expect(failing).toContainText('No such image: local/no-such-image:1');
  const attention = page.getByRole('list', { name: 'Needs attention' });
  await expect(attention.getByRole('listitem').filter({ hasText: `Stack ${BROKEN} on ${SWARM} has failed` })).toBeVisible();
  expect(await sidewaysScrollers(page)).toEqual([]);
  await keepScreenshot('dashboard');
  // There is a favicon: the page names one, and it is served.
  const icon = await page.locator('link[rel="icon"]').first().getAttribute('href');
  expect(icon).toBeTruthy();
  expect((await page.request.get(icon!)).status()).toBe(200);

  await failing.getByRole('link', { name: `${BROKEN}_app` }).click();
  await expect(page.getByRole('heading', { level: 1, name: `${BROKEN}_app` })).toBeVisible();
  await page.goBack();
  await attention.getByRole('link', { name: BROKEN, exact: true }).click();
  await expect(page).toHaveURL(stackUrl(BROKEN));
});

test('9. an image from the private registry is pulled onto every node with its credentials, one progress bar per node', async () => {
  test.setTimeout(180_000);
  const registry = `fh-registry-${Date.now().toString(36)}`;
  const repo = `e2e/fh-${Date.now().toString(36)}`;
  await pushLabImage(state, basicRegistry(state.registry), repo, '1.0', repo);
  const image = `${state.registry.url}/${repo}:1.0`;
  await addLabRegistry(page, state, registry);
  try {
    await page.goto(`/swarms/${swarmId}`);
    const card = page.getByRole('region', { name: 'Pull an image onto every node' });
    await card.getByLabel('Image to pull on every node').fill(image);
    await card.getByRole('button', { name: 'Pull on every node' }).click();
    const bars = card.getByRole('list', { name: 'Pull on each node' }).getByRole('progressbar');
    await expect(bars).toHaveCount(3);
    for (const engine of [l1, l2, l3]) {
      const bar = card.getByRole('progressbar', { name: `Pulling ${image} on ${hosts[engine.name].name}` });
      await expect(bar).toHaveAttribute('aria-valuetext', 'done', { timeout: 60_000 });
    }
    await expect(card.getByText(`Pulling with the credentials of the registry ${registry}.`)).toHaveCount(3);
    for (const engine of [l1, l2, l3]) expect((await new Dockerode({ socketPath: engine.socket }).getImage(image).inspect()).RepoTags).toContain(image);
  } finally {
    await removeRegistry(page, registry);
  }
});

test('8. the new-user form states the same username rule as the setup form', async () => {
  await page.goto('/users');
  await page.getByRole('button', { name: 'New user' }).click();
  const dialog = page.getByRole('dialog', { name: 'New user' });
  await expect(dialog.getByLabel('Username')).toHaveAccessibleDescription(USERNAME_RULE);
  await dialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(dialog).toBeHidden();
});

test('9. the containers list has one host selector and acts on several containers at once, confirmed, with progress and failures by container', async () => {
  test.setTimeout(120_000);
  const docker = new Dockerode({ socketPath: l1.socket });
  const hostName = hosts[l1.name].name;
  const [a, b] = ['fh-bulk-a', 'fh-bulk-b'];
  for (const name of [a, b]) {
    await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
    await (await docker.createContainer({ name, Image: state.image, Cmd: ['sleep', '3600'] })).start();
  }
  const running = async (name: string) => ((await docker.getContainer(name).inspect()) as { State: { Running: boolean } }).State.Running;
  try {
    await page.goto('/containers');
    await expect(page.getByRole('combobox', { name: /host/i })).toHaveCount(1);
    const table = page.getByRole('table', { name: 'Containers' });
    await expect(table.getByRole('link', { name: a, exact: true })).toBeVisible({ timeout: 30_000 });

    // The rows shown (filtered by name) all at once, then a task container from the full list.
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('fh-bulk-');
    await expect(table.getByRole('rowheader')).toHaveCount(2);
    await page.getByLabel('Select all shown containers').check();
    const toolbar = page.getByRole('toolbar', { name: 'Selected containers' });
    await expect(toolbar).toContainText('2 containers selected');
    const taskHost = hosts[taskContainer.engine.name].name;
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill(taskContainer.name);
    await page.getByLabel(`Select ${taskContainer.name} on ${taskHost}`).check();
    // Only the rows shown are acted on: the two bulk containers are selected still, but hidden.
    await expect(toolbar).toContainText('1 container selected');
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('');
    await expect(toolbar).toContainText('3 containers selected');

    // Stopping asks first, naming which, and says the swarm replaces its task.
    await toolbar.getByRole('button', { name: 'Stop selected…' }).click();
    let dialog = page.getByRole('dialog', { name: 'Stop 3 containers?' });
    const listed = dialog.getByRole('list', { name: 'Containers this acts on' });
    for (const name of [`${a} on ${hostName}`, `${b} on ${hostName}`, `${taskContainer.name} on ${taskHost}`]) await expect(listed).toContainText(name);
    await expect(dialog.getByRole('note', { name: 'Swarm tasks among them' })).toContainText(`${taskContainer.name} is a task of the service ${DEMO}_app. The swarm sees its task end and starts a replacement container`);
    await keepScreenshot('containers bulk stop');
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    expect(await running(a)).toBe(true);

    // Filtered back to the two bulk containers, the task's container is no longer acted on.
    await page.getByRole('textbox', { name: 'Name', exact: true }).fill('fh-bulk-');
    await expect(toolbar).toContainText('2 containers selected');
    await toolbar.getByRole('button', { name: 'Stop selected…' }).click();
    dialog = page.getByRole('dialog', { name: 'Stop 2 containers?' });
    await dialog.getByRole('button', { name: 'Stop 2 containers' }).click();
    await expect(page.getByRole('progressbar', { name: 'Stop: progress on the selected containers' })).toHaveAttribute('aria-valuetext', '2 of 2 done', { timeout: 30_000 });
    await expect(page.getByRole('status').filter({ hasText: 'Stop: 2 of 2 succeeded.' })).toBeVisible();
    expect(await running(a)).toBe(false);
    expect(await running(b)).toBe(false);
    const task = (await new Dockerode({ socketPath: taskContainer.engine.socket }).getContainer(taskContainer.id).inspect()) as { State: { Running: boolean } };
    expect(task.State.Running).toBe(true);

    // Starting needs no confirmation.
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByLabel(`Select ${a} on ${hostName}`).check();
    await toolbar.getByRole('button', { name: 'Start selected', exact: true }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Start: 1 of 1 succeeded.' })).toBeVisible({ timeout: 30_000 });
    await expect.poll(() => running(a)).toBe(true);

    // A partial failure is listed by container: the running one is refused removal without killing it.
    await page.getByRole('button', { name: 'Dismiss' }).click();
    await page.getByLabel(`Select ${a} on ${hostName}`).check();
    await page.getByLabel(`Select ${b} on ${hostName}`).check();
    await toolbar.getByRole('button', { name: 'Remove selected…' }).click();
    dialog = page.getByRole('dialog', { name: 'Remove 2 containers?' });
    await dialog.getByLabel('Kill the running ones first').uncheck();
    await dialog.getByRole('button', { name: 'Remove 2 containers' }).click();
    await expect(page.getByRole('status').filter({ hasText: 'Remove: 1 of 2 succeeded.' })).toBeVisible({ timeout: 30_000 });
    const failed = page.getByRole('list', { name: 'Containers that failed' });
    await expect(failed.getByRole('listitem')).toHaveCount(1);
    await expect(failed).toContainText(`${a} on ${hostName}:`);
    await keepScreenshot('containers bulk partial failure');
    await expect.poll(() => docker.getContainer(b).inspect().then(() => 'there', () => 'gone')).toBe('gone');
    expect(await running(a)).toBe(true);
  } finally {
    for (const name of [a, b]) await docker.getContainer(name).remove({ force: true }).catch(() => undefined);
  }
});
