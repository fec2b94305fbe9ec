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
import { ensureLabHosts, labSockets, leaveAllSwarms, leaveLabSwarms, type ApiHost } from './support/swarms.ts';

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
const BROKEN_FILE = `services:
  app:
    image: local/no-such-image:1
    command: ["sleep", "3600"]
`;

let page: Page;
let swarmId: string;
let hosts: Record<string, ApiHost>;

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

  await page.goto('/');
  await expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible();
  expect(await sidewaysScrollers(page)).toEqual([]);
  await keepScreenshot('dashboard');
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
