// Swarm helpers for the end-to-end tests: lab engines out of every swarm (straight through
// dockerode), the lab's hosts registered in the console (through the Add host form), and the
// node table's cells by column name.
import Dockerode from 'dockerode';
import { expect, type Locator, type Page } from '@playwright/test';
import { leaveSwarmForcibly, type HostState } from '@/scripts/lab/index.ts';
import { lab } from './fixtures.ts';

export type ApiHost = { id: string; name: string; address: string; status: string; facts: { engineId: string; swarm: { state: string } } | null };

const engine = (socketPath: string) => new Dockerode({ socketPath });

/** The lab engines the end-to-end tests use (lab-1..3 and the SSH host's): never lab-4 and
 * above, which the benchmarks form swarms on (see bench/). */
export const labSockets = () => [...lab().hosts.slice(0, 3).map((h) => h.socket), lab().ssh.engineSocket];

/** Every engine out of its swarm (a wedged one restarted by the lab: `leaveSwarmForcibly`). */
export async function leaveAllSwarms(sockets: string[]): Promise<void> {
  await Promise.all(sockets.map((socketPath) => leaveSwarmForcibly(socketPath)));
}

/** What a spec that formed a swarm of the lab engines does last: every lab engine out of its swarm,
 * the console's facts told (nudged), and the spec's page closed. */
export async function leaveLabSwarms(page: Page | undefined): Promise<void> {
  await leaveAllSwarms(labSockets());
  for (const socket of labSockets()) await nudgeFacts(socket).catch(() => {});
  await page?.context().close();
}

/** Leaving a swarm behind the console's back emits no event that re-reads /info; a container's
 * create and destroy do, so the console's facts catch up. */
export async function nudgeFacts(socketPath: string): Promise<void> {
  const docker = engine(socketPath);
  const container = await docker.createContainer({ Image: lab().image, Cmd: ['true'], Labels: { 'wharf.e2e': 'nudge' } });
  await container.remove({ force: true });
}

export async function apiHosts(page: Page): Promise<ApiHost[]> {
  const response = await page.request.get('/api/hosts');
  expect(response.ok()).toBe(true);
  return (await response.json()) as ApiHost[];
}

/** The registered host(s) of a lab engine: by its unix socket or its TLS address. */
export const isHostOf = (host: ApiHost, engineState: HostState) => host.address === engineState.socket || host.address === `${engineState.tcp.host}:${engineState.tcp.port}`;

/** The lab engine (lab-N) a registered host name points at. */
export function labNameOf(hosts: ApiHost[], hostName: string): string {
  const host = hosts.find((h) => h.name === hostName);
  const engineState = host && lab().hosts.find((h) => isHostOf(host, h));
  if (!engineState) throw new Error(`${hostName} is not a registered lab engine`);
  return engineState.name;
}

/** Removes (forgets) the hosts through which the console already reaches these lab engines, through
 * the host page's typed confirmation: a spec that adds an engine itself needs it unregistered,
 * since the console refuses the same engine twice. Later specs register it again (ensureLabHosts).
 * `keep`: hosts to leave (a spec's own, when its beforeAll runs again in a new worker after a failure). */
export async function forgetLabEngines(page: Page, engines: HostState[], keep: (host: ApiHost) => boolean = () => false): Promise<void> {
  for (const host of (await apiHosts(page)).filter((h) => engines.some((e) => isHostOf(h, e)) && !keep(h))) {
    await page.goto(`/hosts/${host.id}`);
    await page.getByRole('button', { name: 'Remove' }).click();
    const dialog = page.getByRole('dialog', { name: `Remove ${host.name}?` });
    await dialog.getByLabel(`Type ${host.name} to confirm`).fill(host.name);
    await dialog.getByRole('button', { name: 'Remove host' }).click();
    await expect(page).toHaveURL(/\/hosts$/);
  }
}

/** Registers the lab engines the console does not know yet (as unix sockets, through the form) and
 * returns the host to use for each, once the console sees them up and in no swarm. */
export async function ensureLabHosts(page: Page, engines: HostState[]): Promise<Record<string, ApiHost>> {
  for (const h of engines) {
    if ((await apiHosts(page)).some((host) => isHostOf(host, h))) continue;
    const name = `swarm-${h.name}`;
    await page.goto('/hosts/new');
    await page.getByLabel('Name').fill(name);
    await page.getByRole('radio', { name: /Unix socket/ }).check();
    await page.getByLabel('Socket path').fill(h.socket);
    await page.getByRole('button', { name: 'Add host' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
  }
  for (const socket of labSockets()) await nudgeFacts(socket);
  const chosen: Record<string, ApiHost> = {};
  await expect
    .poll(
      async () => {
        const hosts = await apiHosts(page);
        return engines.every((h) => {
          const mine = hosts.filter((host) => isHostOf(host, h));
          const ready = mine.find((host) => host.status === 'up' && host.facts?.swarm.state === 'inactive');
          if (ready) chosen[h.name] = ready;
          return !!ready && mine.every((host) => host.facts?.swarm.state === 'inactive');
        });
      },
      { timeout: 30_000, message: 'the lab hosts are up and in no swarm' },
    )
    .toBe(true);
  return chosen;
}

/** The row of a node in the nodes table, by its hostname. */
export const nodeRow = (page: Page, hostname: string) =>
  page.getByRole('table', { name: 'Nodes' }).getByRole('row').filter({ has: page.getByRole('link', { name: hostname, exact: true }) });

/** A node's cell under the column of that name (the hostname is the row header, column 0). */
export async function nodeCell(page: Page, hostname: string, column: string): Promise<Locator> {
  // The table appears once the first read of the swarm is in.
  await expect(nodeRow(page, hostname)).toBeVisible({ timeout: 30_000 });
  const headers = (await page.getByRole('table', { name: 'Nodes' }).getByRole('columnheader').allTextContents()).map((t) => t.trim().toLowerCase());
  const index = headers.indexOf(column.toLowerCase());
  if (index < 1) throw new Error(`no column "${column}" in ${headers.join(', ')}`);
  return nodeRow(page, hostname).getByRole('cell').nth(index - 1);
}

/** Opens a node's actions menu and picks an item. */
export async function nodeAction(page: Page, hostname: string, item: string): Promise<void> {
  const button = page.getByRole('button', { name: `Actions for ${hostname}` });
  const menu = page.getByRole('menu', { name: `Actions for ${hostname}` });
  await expect(button).toBeVisible({ timeout: 30_000 });
  // Live refreshes keep an open menu open; only a swap of the whole table (the no-quorum view during
  // an election) closes it, and then it is opened again.
  await expect(async () => {
    if ((await button.getAttribute('aria-expanded')) !== 'true') await button.click();
    await expect(menu).toBeVisible({ timeout: 2000 });
  }).toPass({ timeout: 20_000 });
  await menu.getByRole('menuitem', { name: item, exact: true }).click();
}

export async function createService(socketPath: string, spec: Record<string, unknown>): Promise<void> {
  await engine(socketPath).createService(spec as never);
}

export const dockerOn = engine;
