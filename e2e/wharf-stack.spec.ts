// Wharf as a stack on the swarm it manages (deploy/wharf-stack.yml): the image built in the lab,
// the stack deployed on a swarm of lab-1 with the lab's Postgres image, its secrets and a host-mode
// port (the lab has no ingress mesh); then, in the browser, the first administrator is made with
// the setup token from the service's log, and the console shows its own swarm, node and stack.
// What the spec deployed is removed again, and lab-1 leaves the swarm. Before forming the swarm,
// lab-1's engine is restarted if it still holds the gossip port of a swarm it left (docs/lab.md).
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { expect, test } from '@playwright/test';
import { buildImage, labImageOptions } from '@/scripts/image/build-image.ts';
import { LAB_POSTGRES_IMAGE, repairSwarmGossip } from '@/scripts/lab/index.ts';
import { lab } from './support/fixtures.ts';
import { dockerOn, leaveAllSwarms, leaveLabSwarms, nodeRow } from './support/swarms.ts';

const run = promisify(execFile);
const STACK = 'wharf-e2e';
const IMAGE = 'wharf:lab';
const PORT = 3870;
const OWNER = { username: 'stackadmin', password: 'stack-admin-password' };
const SECRET_NAMES = ['wharf_database_url', 'wharf_db_password', 'wharf_secret_key', 'wharf_auth_secret'];

const manager = () => lab().hosts[0];
const wharfUrl = () => `http://${manager().address}:${PORT}`;

/** The docker CLI on lab-1, argv only, with the stack file's variables in its environment. */
async function docker(args: string[], env: Record<string, string> = {}): Promise<string> {
  const { stdout } = await run('docker', ['--host', `unix://${manager().socket}`, ...args], {
    timeout: 180_000,
    env: { ...process.env, DOCKER_CLI_HINTS: 'false', ...env },
    cwd: path.resolve(import.meta.dirname, '..'),
  });
  return stdout;
}

/** Runs an expectation; when it fails, the failure carries the end of the stack Wharf's own log (a server error's cause is only there). */
async function expectWithServerLog(expectation: () => Promise<void>): Promise<void> {
  try {
    await expectation();
  } catch (error) {
    const log = await docker(['service', 'logs', '--raw', '--tail', '80', `${STACK}_wharf`]).catch((e: unknown) => `(no log: ${String(e)})`);
    throw new Error(`${(error as Error).message}\n\nThe stack Wharf's log, last 80 lines:\n${log}`, { cause: error });
  }
}

async function removeStack(): Promise<void> {
  const engine = dockerOn(manager().socket);
  await docker(['stack', 'rm', STACK]).catch(() => '');
  await expect
    .poll(async () => (await engine.listContainers({ all: true, filters: { label: [`com.docker.stack.namespace=${STACK}`] } })).length, { timeout: 60_000, message: 'the stack containers to go' })
    .toBe(0);
  for (const volume of ['wharf-data', 'wharf-postgres']) await engine.getVolume(`${STACK}_${volume}`).remove().catch(() => {});
  for (const name of SECRET_NAMES) await engine.getSecret(name).remove().catch(() => {});
}

test.describe.configure({ mode: 'serial' });

test.afterAll(async ({ browser }) => {
  const page = await browser.newPage();
  await removeStack();
  await leaveLabSwarms(page);
});

test('Wharf deployed as a stack on a swarm signs its first administrator in and manages that swarm', async ({ page }) => {
  test.setTimeout(20 * 60_000);
  const host = manager();
  const engine = dockerOn(host.socket);

  await buildImage({ ...(await labImageOptions(host.name, IMAGE)), quiet: true });

  // A swarm of lab-1, the node labelled for Postgres's volume, and the four secrets.
  await leaveAllSwarms([host.socket]);
  // An engine that kept the gossip port of a swarm it left would give this swarm no service discovery (docs/lab.md).
  await repairSwarmGossip(host.name);
  await engine.swarmInit({ ListenAddr: `${host.address}:2377`, AdvertiseAddr: host.address });
  const clusterId = ((await engine.swarmInspect()) as { ID: string }).ID;
  const node = (await engine.listNodes())[0] as { ID: string; Version: { Index: number }; Spec: Record<string, unknown> };
  await engine.getNode(node.ID).update({ version: node.Version.Index, ...node.Spec, Labels: { 'wharf-postgres': 'true' } });
  const password = randomBytes(18).toString('hex');
  const secrets: Record<string, string> = {
    wharf_db_password: password,
    wharf_database_url: `postgresql://wharf:${password}@postgres:5432/wharf`,
    wharf_secret_key: randomBytes(32).toString('base64'),
    wharf_auth_secret: randomBytes(32).toString('base64url'),
  };
  for (const [Name, value] of Object.entries(secrets)) await engine.createSecret({ Name, Data: Buffer.from(value).toString('base64') });

  await docker(['stack', 'deploy', '--resolve-image', 'never', '--compose-file', 'deploy/wharf-stack.yml', STACK], {
    WHARF_IMAGE: IMAGE,
    WHARF_POSTGRES_IMAGE: LAB_POSTGRES_IMAGE,
    WHARF_PUBLIC_URL: wharfUrl(),
    WHARF_PORT: String(PORT),
    WHARF_ENGINE_SOCKET: host.socket,
    WHARF_ENGINE_GID: String(statSync(host.socket).gid),
  });

  // The operator reads the setup token where the README says: the service's log.
  let token = '';
  await expect
    .poll(
      async () => {
        const logs = await docker(['service', 'logs', '--raw', `${STACK}_wharf`]).catch(() => '');
        token = /First-run setup: .* setup token ([A-Za-z0-9_-]+)/.exec(logs)?.[1] ?? '';
        return token;
      },
      { timeout: 5 * 60_000, intervals: [2000], message: 'the stack Wharf to print its setup token' },
    )
    .not.toBe('');

  await page.goto(`${wharfUrl()}/`);
  await expect(page).toHaveURL(/\/setup$/);
  await page.getByLabel('Setup token').fill(token);
  await page.getByLabel('Username').fill(OWNER.username);
  await page.getByLabel('Password', { exact: true }).fill(OWNER.password);
  await page.getByLabel('Confirm password').fill(OWNER.password);
  await page.getByRole('button', { name: 'Create administrator' }).click();
  await expectWithServerLog(() => expect(page.getByRole('heading', { name: 'Dashboard' })).toBeVisible());
  // The swarm it runs on was formed outside Wharf: the dashboard's first reads give it its row,
  // several at once (this failed the dashboard once, when those reads raced).
  await expectWithServerLog(() => expect(page.getByRole('list', { name: 'Swarms' }).getByRole('link', { name: `swarm-${clusterId.slice(0, 8)}` })).toBeVisible({ timeout: 30_000 }));

  // Its own engine (the manager's socket) is the host "local", and through it the swarm it runs on.
  await page.goto(`${wharfUrl()}/swarms/${clusterId}`);
  await expect(nodeRow(page, host.name)).toBeVisible({ timeout: 60_000 });
  await page.goto(`${wharfUrl()}/stacks/${clusterId}/${STACK}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(STACK);
  const services = page.getByRole('table', { name: 'Services' });
  for (const service of ['wharf', 'postgres']) {
    const row = services.getByRole('row').filter({ has: page.getByRole('rowheader', { name: `${STACK}_${service}`, exact: true }) });
    await expect(row.getByRole('cell').nth(1)).toHaveText('1 / 1', { timeout: 60_000 });
  }
});
