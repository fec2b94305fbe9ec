// Cases 16 and 23 of docs/security.md through the console's HTTP doors: a session token counts only
// as the session cookie (never from a query string or an Authorization header), and someone refused
// something is refused the same way whether the id names something real or not — pages and
// crafted action POSTs alike, so refusals tell nothing about what exists.
import Dockerode from 'dockerode';
import { expect, test, type Page } from '@playwright/test';
import { ADMIN_STATE } from './support/accounts.ts';
import { captureAction, lab, postAction } from './support/fixtures.ts';
import { adminPage, ensureUser, signedInPage } from './support/pages.ts';
import { ensureLabHosts } from './support/swarms.ts';

test.describe.configure({ mode: 'serial' });

const l1 = lab().hosts[0];
const engine = new Dockerode({ socketPath: l1.socket });
const PROBER = { username: 'pia-probe', password: 'viewer-password-probe' };
const MADE_UP_HOST = 'cmnosuchhost0000000000000';
const MADE_UP_CONTAINER = 'f'.repeat(64);

async function removeTestContainers() {
  for (const c of await engine.listContainers({ all: true, filters: { label: ['wharf.test=probes'] } })) await engine.getContainer(c.Id).remove({ force: true }).catch(() => {});
}

test.afterAll(removeTestContainers);

test('16. a session token in a query string or an Authorization header is no session', async ({ browser, request }) => {
  const admin = await browser.newContext({ storageState: ADMIN_STATE });
  const token = (await admin.cookies()).find((c) => c.name === 'wharf.session')?.value;
  expect(token).toBeTruthy();
  for (const query of ['wharf.session', 'token', 'session', 'access_token']) {
    expect((await request.get(`/api/hosts?${query}=${token}`)).status(), query).toBe(401);
  }
  expect((await request.get('/api/hosts', { headers: { authorization: `Bearer ${token}` } })).status()).toBe(401);
  const page = await request.get(`/hosts?wharf.session=${token}`, { maxRedirects: 0 });
  expect(page.headers().location).toMatch(/\/login/);
  // The same token as the cookie is a session: the refusals above were about where it was.
  expect((await request.get('/api/hosts', { headers: { cookie: `wharf.session=${token}` } })).status()).toBe(200);
  await admin.close();
});

test('23. a refusal reads the same for real ids and made-up ones, on pages and in crafted POSTs', async ({ browser, baseURL }) => {
  await removeTestContainers();
  const container = await engine.createContainer({ Image: lab().image, name: 'wharf-e2e-probe', Cmd: ['sleep', '3600'], Labels: { 'wharf.test': 'probes' }, StopTimeout: 1 });
  await container.start();
  const admin = await adminPage(browser);
  const host = (await ensureLabHosts(admin, [l1]))[l1.name];
  await ensureUser(admin, PROBER, 'viewer');
  // The administrator's own stop teaches the action's id.
  await admin.goto(`/containers/${host.id}/${container.id}`);
  await admin.getByRole('button', { name: `Actions for wharf-e2e-probe on ${host.name}` }).click();
  const stop = await captureAction(admin, () => admin.getByRole('menuitem', { name: 'Stop', exact: true }).click());
  await expect(admin.getByText(`Container wharf-e2e-probe on ${host.name} stopped.`)).toBeVisible();

  const viewer = await signedInPage(browser, PROBER);
  const errorOf = async (hostId: string, containerId: string) => {
    const { text } = await postAction(viewer.request, stop, [{ hostId, containerId, verb: 'start' }], { origin: baseURL! });
    return /"error":(\{[^}]*\})/.exec(text)?.[1];
  };
  const real = await errorOf(host.id, container.id);
  expect(real).toContain('FORBIDDEN');
  expect(await errorOf(host.id, MADE_UP_CONTAINER)).toBe(real);
  expect(await errorOf(MADE_UP_HOST, MADE_UP_CONTAINER)).toBe(real);
  expect(((await container.inspect()) as { State: { Running: boolean } }).State.Running).toBe(false);

  const pageSays = async (p: Page, path: string) => {
    const response = await p.goto(path);
    await expect(p.getByRole('heading', { name: 'Not allowed' })).toBeVisible();
    return { status: response?.status(), main: await p.getByRole('main').innerText() };
  };
  for (const [realPath, madeUpPath] of [
    [`/containers/${host.id}/${container.id}/terminal`, `/containers/${MADE_UP_HOST}/${MADE_UP_CONTAINER}/terminal`],
    [`/hosts/${host.id}/edit`, `/hosts/${MADE_UP_HOST}/edit`],
    [`/hosts/${host.id}/ssh`, `/hosts/${MADE_UP_HOST}/ssh`],
  ]) {
    const said = await pageSays(viewer, realPath);
    expect(await pageSays(viewer, madeUpPath)).toEqual(said);
  }
  await viewer.context().close();
  await admin.context().close();
});
