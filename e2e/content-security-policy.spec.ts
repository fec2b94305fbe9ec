// Case 44: every page carries a Content-Security-Policy (scripts by a nonce fresh for each answer,
// no eval, frame-ancestors 'none', …) and Chromium reports no violation of it on any page. An
// administrator signs in through the form and opens every page app/ has, on real objects made for
// the purpose on lab-1 (a container, a one-node swarm, a stack deployed from the compose editor, a
// provisioning run), using what each page is for: a terminal (xterm), live charts (uPlot), the
// compose editor with a lint mark (CodeMirror), log and event feeds on the socket, a dialog. The
// pages are read from app/, so a new page is opened too, or fails the test for want of an id.
// docs/architecture.md, "Browser protections".
import { readFileSync } from 'node:fs';
import Dockerode from 'dockerode';
import { expect, test, type Browser, type Page, type Request } from '@playwright/test';
import { ADMIN, ADMIN_STATE } from './support/accounts.ts';
import { pageFileOf, pendingFilesOf, untranslatedOn } from './support/chinese-pages.ts';
import { appPages, directivesOf, expectPagePolicy, pathOf, routeOf, segmentsOf, watchPolicies } from './support/csp.ts';
import { lab, signIn } from './support/fixtures.ts';
import { addLabRegistry, removeRegistry } from './support/registries.ts';
import { createSwarmThroughForm, stackServices, toasts, typeIntoEditor } from './support/stacks.ts';
import { ensureLabHosts, labSockets, leaveAllSwarms, nudgeFacts } from './support/swarms.ts';

test.describe.configure({ mode: 'serial' });

const state = lab();
const l1 = state.hosts[0];
const m1 = state.machines.find((m) => m.name === 'lab-m1')!;
const engine = new Dockerode({ socketPath: l1.socket });
const LABEL = 'wharf.test=csp';
const STACK = 'e2e-csp';
/** The pages the tour opened, with the objects it made: the tour in Chinese opens them again. */
const toured: { route: string; group: string | null; url: string }[] = [];
/** The registry the tour adds (the lab's htpasswd one): removed after both tours, since other specs add the same address. */
const REGISTRY = `e2e-csp-${Date.now().toString(36)}`;
let registryAdded = false;

/** A signed-out context whose pages' policy reports are collected; its first page. */
async function watchedPage(browser: Browser): Promise<{ page: Page; reports: string[] }> {
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const reports = await watchPolicies(context);
  return { page: await context.newPage(), reports };
}

async function removeTestContainers() {
  for (const c of await engine.listContainers({ all: true, filters: { label: [LABEL] } })) await engine.getContainer(c.Id).remove({ force: true }).catch(() => {});
}

test.afterAll(async ({ browser }) => {
  test.setTimeout(120_000);
  if (registryAdded) {
    const context = await browser.newContext({ storageState: ADMIN_STATE });
    await removeRegistry(await context.newPage(), REGISTRY);
    await context.close();
  }
  await removeTestContainers();
  await leaveAllSwarms(labSockets());
  for (const socket of labSockets()) await nudgeFacts(socket).catch(() => {});
});

test('pages carry the policy with a fresh nonce on every script; route handlers a restrictive one; every answer Permissions-Policy and COOP', async ({ browser }) => {
  const { page } = await watchedPage(browser);
  await signIn(page, ADMIN);

  const nonces = new Set<string>();
  for (const url of ['/', '/hosts', '/hosts/new', '/no-such-page']) {
    const response = await page.request.get(url, { maxRedirects: 0 });
    const nonce = expectPagePolicy(response.headers()['content-security-policy'], url);
    nonces.add(nonce);
    // Every script of the page (Next.js's and the theme's inline one) carries this answer's nonce.
    const html = await response.text();
    const scripts = html.match(/<script\b[^>]*>/g) ?? [];
    expect(scripts.length, `${url} has scripts`).toBeGreaterThan(1);
    for (const tag of scripts) expect(tag, url).toContain(`nonce="${nonce}"`);
  }
  expect(nonces.size, 'a nonce per answer').toBe(4);

  const api = await page.request.get('/api/hosts');
  expect(api.ok()).toBe(true);
  const route = directivesOf(api.headers()['content-security-policy']);
  expect(route.get('default-src')).toEqual(["'none'"]);
  expect(route.get('frame-ancestors')).toEqual(["'none'"]);
  expect(api.headers()['content-security-policy']).not.toContain('nonce-');

  for (const response of [await page.request.get('/hosts'), api]) {
    const headers = response.headers();
    for (const feature of ['camera', 'microphone', 'geolocation', 'usb', 'payment']) expect(headers['permissions-policy']).toContain(`${feature}=()`);
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['x-frame-options']).toBe('DENY');
    expect(headers['x-content-type-options']).toBe('nosniff');
    expect(headers['referrer-policy']).toBe('same-origin');
  }
  await page.context().close();
});

test('the watch hears a violation: markup injected into a page neither loads a foreign image nor runs its handler', async ({ browser }) => {
  const { page, reports } = await watchedPage(browser);
  await page.goto('/login');
  await expect(page.getByRole('heading', { name: 'Sign in' })).toBeVisible();
  // What an injection would write into the page: the image from another origin (a closed port of
  // this machine) is refused (img-src), so its error handler would run, which is refused too (no
  // 'unsafe-inline' for scripts).
  await page.evaluate(() => document.body.insertAdjacentHTML('beforeend', '<img src="http://127.0.0.1:9/beacon.png" onerror="window.wharfInjected = true">'));
  await expect.poll(() => reports.filter((r) => r.startsWith('/login: ')).map((r) => r.split(' ')[1])).toEqual(expect.arrayContaining(['img-src', 'script-src-attr']));
  expect(await page.evaluate(() => (window as unknown as { wharfInjected?: boolean }).wharfInjected)).toBeUndefined();
  await page.context().close();
});

test('an administrator signs in and opens every page of the console: no CSP violation is reported', async ({ browser }) => {
  test.setTimeout(480_000);
  // The pages come from app/: a page added there is opened by this test, or fails it for want of an id.
  const pages = appPages();
  const routes = pages.map((p) => p.route);
  const { page, reports } = await watchedPage(browser);

  /** Opens `url`, checks the policy of the answer (and of any redirect before it), waits until the
   * page's scripts have run (Next.js has booted and React has hydrated the heading), then exercises it. */
  async function open(url: string, exercise?: () => Promise<void>) {
    const response = await page.goto(url);
    expect(response, url).not.toBeNull();
    for (let request: Request | null = response!.request(); request; request = request.redirectedFrom()) {
      expectPagePolicy((await request.response())?.headers()['content-security-policy'], request.url());
    }
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible({ timeout: 30_000 });
    await page.waitForFunction(() => {
      const heading = document.querySelector('h1');
      return !!(window as unknown as { next?: { version?: string } }).next?.version && !!heading && Object.keys(heading).some((key) => key.startsWith('__reactFiber$'));
    });
    await exercise?.();
  }

  // The ids that fill the pages' dynamic segments: made below, or by a page's own use (a provisioning
  // run, a deployed stack and its service).
  const ids: Record<string, string | undefined> = {};

  /** How a page is opened when it needs more than its path: the query that picks its host or swarm,
   * and what to do on it so its widgets run (each must be a page of app/; the rest are just opened). */
  const visits: Record<string, { query?: () => string; exercise?: () => Promise<void> }> = {
    '/setup': { exercise: async () => void (await expect(page).toHaveURL(/\/login$/)) },
    // A run to an address of the lab's network that never answers: its page follows it live, then it
    // is cancelled (a dialog).
    '/hosts/provision/new': {
      exercise: async () => {
        await page.getByRole('radio', { name: 'Existing machine over SSH' }).check();
        await page.getByLabel('Name', { exact: true }).fill(`e2e-csp-${Date.now().toString(36)}`);
        await page.getByLabel('Address').fill('10.99.0.99');
        await page.getByLabel('SSH port').fill('22');
        await page.getByLabel('SSH user').fill('root');
        await page.getByLabel('Private key', { exact: true }).fill(readFileSync(m1.privateKey, 'utf8'));
        await page.getByRole('button', { name: 'Start provisioning' }).click();
        await expect(page).toHaveURL(/\/hosts\/provision\/h[0-9a-f]+$/);
        ids.jobId = new URL(page.url()).pathname.split('/').pop();
      },
    },
    '/hosts/provision/[jobId]': {
      exercise: async () => {
        const steps = page.getByRole('list', { name: 'Steps' });
        await expect(steps.getByRole('button', { name: /^Waiting for SSH/ })).toContainText('Running', { timeout: 30_000 });
        await page.getByRole('button', { name: 'Cancel run' }).click();
        await page.getByRole('dialog').getByRole('button', { name: 'Cancel run' }).click();
        await expect(steps.getByRole('button', { name: /^Waiting for SSH/ })).toContainText('Cancelled', { timeout: 30_000 });
      },
    },
    '/containers/[hostId]/[containerId]': {
      exercise: async () => {
        // Live charts (uPlot) on the socket.
        await page.getByRole('tab', { name: 'Stats' }).click();
        await expect(page.getByRole('img', { name: /^CPU: [\d.]+ %/ })).toBeVisible({ timeout: 30_000 });
        await expect(page.getByRole('img', { name: /^Memory: / })).toBeVisible();
      },
    },
    '/containers/[hostId]/[containerId]/logs': {
      exercise: async () => {
        await expect(page.getByRole('log', { name: /Logs of/ }).getByText(/^csp tick \d+$/).first()).toBeVisible({ timeout: 30_000 });
      },
    },
    '/containers/[hostId]/[containerId]/terminal': {
      exercise: async () => {
        await page.getByLabel('Shell').selectOption('sh');
        await page.getByRole('button', { name: 'Open terminal' }).click();
        const terminal = page.getByRole('region', { name: 'Terminal 1: sh' });
        await expect(terminal.locator('.xterm-rows')).toContainText('#', { timeout: 30_000 });
        await terminal.click();
        await page.keyboard.type('echo csp-$((6*7))');
        await page.keyboard.press('Enter');
        await expect(terminal.locator('.xterm-rows')).toContainText('csp-42');
      },
    },
    '/containers/new': { query: () => `?host=${ids.hostId}` },
    '/containers/images': { query: () => `?host=${ids.hostId}` },
    '/containers/volumes': { query: () => `?host=${ids.hostId}` },
    '/containers/networks': { query: () => `?host=${ids.hostId}` },
    '/containers/projects': { query: () => `?host=${ids.hostId}` },
    // A compose project made in the editor and brought up; its page shows its logs, then takes it down behind the confirmation.
    '/containers/projects/new': {
      query: () => `?host=${ids.hostId}`,
      exercise: async () => {
        const name = `csp-project-${Date.now().toString(36)}`;
        await page.getByLabel('Project name').fill(name);
        const file = ['services:', '  app:', `    image: ${state.image}`, '    command: ["sh", "-c", "trap \'exit 0\' TERM; while true; do echo csp-project; sleep 1; done"]', '    labels: {wharf.test: csp}', ''].join('\n');
        await typeIntoEditor(page, 'Compose file', file);
        await expect(page.getByRole('status').filter({ hasText: 'No problems found in the file.' })).toBeVisible({ timeout: 30_000 });
        await page.getByRole('button', { name: 'Create and up' }).click();
        await expect(page).toHaveURL(`/containers/projects/${ids.hostId}/${name}`, { timeout: 60_000 });
        ids.name = name;
      },
    },
    '/containers/projects/[hostId]/[name]': {
      exercise: async () => {
        await expect(page.getByRole('log', { name: /Logs of/ }).getByText(/csp-project/).first()).toBeVisible({ timeout: 60_000 });
        await page.getByRole('button', { name: 'Down', exact: true }).click();
        await page.getByRole('dialog', { name: `Take project ${ids.name} down?` }).getByRole('button', { name: 'Take down' }).click();
        await expect(toasts(page)).toContainText(`Project ${ids.name} is down`);
      },
    },
    '/containers/projects/[hostId]/[name]/edit': {
      exercise: async () => void (await expect(page.getByRole('textbox', { name: 'Compose file', exact: true })).toContainText('csp-project')),
    },
    '/containers/stats': {
      query: () => `?host=${ids.hostId}`,
      exercise: async () => void (await expect(page.getByRole('table', { name: 'Top containers by CPU' })).toBeVisible({ timeout: 30_000 })),
    },
    '/containers/events': {
      query: () => `?host=${ids.hostId}`,
      exercise: async () => void (await expect(page.getByRole('status').filter({ hasText: /^Live through/ })).toBeVisible({ timeout: 30_000 })),
    },
    '/swarms/[swarmId]/events': {
      exercise: async () => void (await expect(page.getByRole('status').filter({ hasText: /^Live through/ })).toBeVisible({ timeout: 30_000 })),
    },
    // The compose editor: a file with a problem (marked in the text, an SVG underline), then one that deploys.
    '/stacks/new': {
      query: () => `?swarm=${ids.swarmId}`,
      exercise: async () => {
        await page.getByLabel('Stack name').fill(STACK);
        const file = (extra: string[]) => ['services:', '  web:', `    image: ${state.image}`, '    command: ["sh", "-c", "while true; do echo csp-service; sleep 1; done"]', ...extra, ''].join('\n');
        await typeIntoEditor(page, 'Compose file', file(['    secrets:', '      - e2e-csp-missing']));
        await expect(page.getByRole('list', { name: 'Problems' })).toContainText('undefined secret "e2e-csp-missing"', { timeout: 30_000 });
        await expect(page.locator('.cm-lintRange-error').first()).toBeVisible();
        await typeIntoEditor(page, 'Compose file', file([]));
        await expect(page.getByRole('status').filter({ hasText: 'No problems found in the file.' })).toBeVisible({ timeout: 30_000 });
        await page.getByRole('button', { name: 'Deploy', exact: true }).click();
        await expect(page).toHaveURL(`/stacks/${ids.swarmId}/${STACK}`, { timeout: 60_000 });
        await expect(toasts(page)).toContainText(`Deployed ${STACK} (revision 1)`);
        ids.stackName = STACK;
        ids.serviceId = (await stackServices(l1.socket, STACK))[0].ID;
      },
    },
    '/stacks/[swarmId]/[stackName]/edit': {
      exercise: async () => void (await expect(page.getByRole('textbox', { name: 'Compose file', exact: true })).toContainText('csp-service')),
    },
    '/services': { query: () => `?swarm=${ids.swarmId}` },
    // The lab's htpasswd registry added here (the dialog), so its page browses a real registry.
    '/registries': {
      exercise: async () => {
        ids.registryId = await addLabRegistry(page, state, REGISTRY);
        registryAdded = true;
      },
    },
    // A policy made here (the dialog, then its page with the rules form and version history).
    '/policies': {
      exercise: async () => {
        await page.getByRole('button', { name: 'New policy' }).click();
        const dialog = page.getByRole('dialog', { name: 'New policy' });
        await dialog.getByLabel('Name', { exact: true }).fill(`e2e-csp-${Date.now().toString(36)}`);
        await dialog.getByRole('button', { name: 'Create policy' }).click();
        await expect(page).toHaveURL(/\/policies\/[^/]+$/);
        ids.policyId = new URL(page.url()).pathname.split('/').pop();
      },
    },
    '/services/[swarmId]/[serviceId]/logs': {
      exercise: async () => void (await expect(page.getByRole('log', { name: /Logs of/ }).getByText(/csp-service/).first()).toBeVisible({ timeout: 60_000 })),
    },
    '/services/new': { query: () => `?swarm=${ids.swarmId}` },
    '/services/secrets': { query: () => `?swarm=${ids.swarmId}` },
    '/services/configs': { query: () => `?swarm=${ids.swarmId}` },
    '/services/networks': { query: () => `?swarm=${ids.swarmId}` },
    '/services/volumes': { query: () => `?swarm=${ids.swarmId}` },
    '/users': {
      exercise: async () => {
        await page.getByRole('button', { name: 'New user' }).click();
        await expect(page.getByRole('dialog', { name: 'New user' })).toBeVisible();
        await page.keyboard.press('Escape');
        await expect(page.getByRole('dialog', { name: 'New user' })).toBeHidden();
        const access = page.getByRole('link', { name: /^Access of / }).first();
        ids.userId = (await access.getAttribute('href'))?.split('/')[2];
      },
    },
    // A team made here (the dialog, then its page with members and grants).
    '/teams': {
      exercise: async () => {
        await page.getByRole('button', { name: 'New team' }).click();
        const dialog = page.getByRole('dialog', { name: 'New team' });
        await dialog.getByLabel('Name', { exact: true }).fill(`e2e-csp-${Date.now().toString(36)}`);
        await dialog.getByRole('button', { name: 'Create team' }).click();
        await expect(page).toHaveURL(/\/teams\/[^/]+$/);
        ids.teamId = new URL(page.url()).pathname.split('/').pop();
      },
    },
    '/roles': {
      exercise: async () => {
        await page.getByRole('button', { name: 'New role' }).click();
        await expect(page.getByRole('dialog', { name: 'New role' }).getByRole('group', { name: 'Containers' })).toBeVisible();
        await page.keyboard.press('Escape');
      },
    },
  };
  expect(Object.keys(visits).filter((route) => !routes.includes(route)), 'visits to pages app/ no longer has').toEqual([]);

  /** Opens a page of app/ at its path (dynamic segments from `ids`), as `visits` says. */
  const opened: string[] = [];
  async function visit(route: string) {
    const pathname = pathOf(route, ids);
    opened.push(route);
    expect(routeOf(routes, pathname), `${pathname} is served by ${route}`).toBe(route);
    const url = `${pathname}${visits[route]?.query?.() ?? ''}`;
    toured.push({ route, group: pages.find((p) => p.route === route)?.group ?? null, url });
    await open(url, visits[route]?.exercise);
  }

  // A widget the policy breaks (CodeMirror without its injected styles, say) can fail a step of the
  // tour before the end: the violations are then the error, since they say why.
  try {
    await tour();
  } finally {
    expect(reports, 'CSP violations and policy errors the browser reported').toEqual([]);
  }
  expect(opened.toSorted(), 'the pages of app/ the tour opened').toEqual(routes.toSorted());
  expect(routes.length, 'pages found in app/').toBeGreaterThan(30);
  await page.context().close();

  async function tour() {
    // Signed out, the pages of (auth): setup is closed (it sends to the sign-in page); then signing in through the form.
    const signedOut = pages.filter((p) => p.group === '(auth)').map((p) => p.route);
    for (const route of signedOut) await visit(route);
    await signIn(page, ADMIN);

    // What the pages with ids show: lab-1 as a host, a container that logs, a swarm and its node.
    await leaveAllSwarms(labSockets());
    const host = (await ensureLabHosts(page, [l1]))[l1.name];
    ids.hostId = host.id;
    await removeTestContainers();
    const container = await engine.createContainer({
      Image: state.image,
      name: `wharf-e2e-csp-${Date.now().toString(36)}`,
      Cmd: ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "csp tick $i"; sleep 0.5; done'],
      Labels: { 'wharf.test': 'csp' },
      StopTimeout: 1,
    });
    await container.start();
    ids.containerId = container.id;
    ids.swarmId = await createSwarmThroughForm(page, host, STACK, l1.address);
    ids.nodeId = ((await engine.info()) as { Swarm: { NodeID: string } }).Swarm.NodeID;

    // Every other page, those without ids first: their use makes what the deeper pages show.
    const signedIn = routes.filter((route) => !signedOut.includes(route)).sort((a, b) => segmentsOf(a).length - segmentsOf(b).length || a.localeCompare(b));
    for (const route of signedIn) await visit(route);
    await open('/no-such-page');

    // Moving between pages in the browser (Next.js loads their code as it goes).
    await open('/');
    for (const [item, pathname] of Object.entries({ Hosts: '/hosts', Swarms: '/swarms', Stacks: '/stacks', Services: '/services', Containers: '/containers', Registries: '/registries', Users: '/users', Teams: '/teams', Roles: '/roles', Audit: '/audit', Dashboard: '/' })) {
      await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: item, exact: true }).click();
      await page.waitForURL((u) => u.pathname === pathname);
      await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    }
  }
});

// Issue 15: the same pages, on the same objects, in Simplified Chinese. Pages still built from files
// of lib/i18n/pending.mjs are listed, not checked; the rest show no catalogue key and no English
// where people read their way (names, ids and engine output aside). Each page's screenshot is kept.
test('in Simplified Chinese every converted page reads in Chinese: no catalogue key shown, no English left in headings, buttons, labels, tabs or sentences', async ({ browser, baseURL }, info) => {
  test.setTimeout(300_000);
  const signedIn = toured.filter((t) => t.group !== '(auth)');
  expect(signedIn.length, 'pages the tour opened').toBeGreaterThan(30);
  const context = await browser.newContext({ storageState: ADMIN_STATE });
  await context.addCookies([{ name: 'wharf.locale', value: 'zh-CN', url: baseURL! }]);
  const page = await context.newPage();
  const problems: string[] = [];
  const notYet: string[] = [];
  for (const { route, group, url } of signedIn) {
    const waiting = pendingFilesOf(pageFileOf(route, group));
    if (waiting.length) {
      notYet.push(`${route} (${waiting.length} files pending)`);
      continue;
    }
    await page.goto(url);
    await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible({ timeout: 30_000 });
    // Let live reads fill in (their spinners go) before reading the page.
    await expect(page.locator('.animate-spin')).toHaveCount(0, { timeout: 20_000 }).catch(() => {});
    problems.push(...(await untranslatedOn(page)).map((problem) => `${route}: ${problem}`));
    const shot = info.outputPath(`${route.replaceAll('/', '_') || 'dashboard'}.zh-CN.png`);
    await page.screenshot({ path: shot });
    await info.attach(shot, { path: shot, contentType: 'image/png' });
  }
  console.log(`pages checked in Chinese: ${signedIn.length - notYet.length}; not yet converted: ${notYet.length ? notYet.join(', ') : 'none'}`);
  await context.close();
  expect(problems).toEqual([]);
});
