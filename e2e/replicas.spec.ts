// Two console replicas behind the lab's haproxy (scripts/lab/balancer.ts), in a real browser: an
// administrator signed in through the balancer follows a container's logs (a line a second on
// lab-1) with a provisioning run of the serving replica open in another tab; the replica holding
// the log stream is killed (SIGKILL); the page reconnects through the other replica and keeps
// following with no line missing or repeated; the dead replica's run is shown interrupted at its
// step; nothing in the database is doubled. The spec starts and stops its own replicas (on a
// database of their own, with shared keys) and its own balancer; the e2e console is not involved.
//
// The run is real: started on the serving replica, over SSH to an address nothing answers, so it
// is still waiting for SSH when its replica dies.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import { expect, test, type Page } from '@playwright/test';
import { createDb, type Db } from '@/lib/db/client.ts';
import { labBalancers, startLabBalancer, stopLabBalancer, waitForBalancerServers, type LabBalancer } from '@/scripts/lab/index.ts';
import { sharedReplicaKeys, spawnReplica, type ReplicaChild } from '@/tests/support/replicas.ts';
import { dropDatabase, freshDatabase } from '@/tests/support/test-postgres.ts';
import { lab, signIn } from './support/fixtures.ts';
import { seedAdminAndHost, startTickingContainer, testPgUrl } from './support/own-console.ts';

test.describe.configure({ mode: 'serial' });

const DATABASE = 'e2e_replicas';
const BALANCER = 'e2e-replicas';
const ACCOUNT = { username: 'ha-admin', password: 'ha-admin-password-1' };
const METRICS_TOKEN = randomBytes(24).toString('hex');
const l1 = lab().hosts[0];
/** On the lab's network, answered by nothing: a run over SSH to it waits for SSH until it gives up. */
const SILENT_ADDRESS = '10.99.0.99';
const engine = new Dockerode({ socketPath: l1.socket });
const workDir = path.join(os.tmpdir(), `wharf-e2e-replicas-${process.pid}`);
const pgUrl = testPgUrl;

let databaseUrl: string | undefined;
let db: Db | undefined;
let balancer: LabBalancer | undefined;
const replicas: ReplicaChild[] = [];
let hostId: string;
let containerId: string;

async function removeTestContainers() {
  for (const c of await engine.listContainers({ all: true, filters: { label: ['wharf.test=replicas'] } })) await engine.getContainer(c.Id).remove({ force: true }).catch(() => {});
}

/** How many log follows a replica holds, from its own /metrics (not through the balancer). */
async function logStreams(replica: ReplicaChild): Promise<number> {
  const response = await fetch(`${replica.origin}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
  const text = await response.text();
  return Number(/^wharf_streams_open\{kind="logs"\} (\d+)$/m.exec(text)?.[1] ?? 0);
}

/** The container's newest line, from the engine. */
async function written(): Promise<number> {
  const tail = (await engine.getContainer(containerId).logs({ stdout: true, tail: 1 })).toString();
  return Number(/tick (\d+)/.exec(tail)?.[1] ?? 0);
}

test.beforeAll(async () => {
  test.setTimeout(10 * 60_000);
  await removeTestContainers();
  databaseUrl = await freshDatabase(pgUrl(), DATABASE);
  db = createDb(databaseUrl);
  hostId = await seedAdminAndHost(db, ACCOUNT, 'ha-lab-1', l1.socket);
  containerId = await startTickingContainer(engine, 'replicas');

  const env = { ...sharedReplicaKeys(), WHARF_METRICS_TOKEN: METRICS_TOKEN, WHARF_TRUSTED_PROXIES: '127.0.0.1' };
  for (const name of ['replica-a', 'replica-b']) replicas.push(await spawnReplica({ name, databaseUrl, dataDir: path.join(workDir, name), env }));
  balancer = await startLabBalancer({ name: BALANCER, servers: replicas.map((r) => ({ name: r.name, port: r.port })) });
  await waitForBalancerServers(balancer, replicas.map((r) => r.name));
});

test.afterAll(async () => {
  test.setTimeout(2 * 60_000);
  if (balancer) await stopLabBalancer(BALANCER);
  for (const replica of replicas) await replica.stop();
  await removeTestContainers();
  await db?.$disconnect();
  if (databaseUrl) await dropDatabase(pgUrl(), DATABASE);
  await rm(workDir, { recursive: true, force: true });
});

test('a browser following logs through the balancer goes on through the other replica when its own is killed, with no line missing or doubled', async ({ browser }) => {
  test.setTimeout(3 * 60_000);
  // A taller window keeps the lines around the kill in view (the list is virtualized).
  // `lab status` shows the balancer, its port and both replicas up as haproxy's checks see them.
  expect((await labBalancers()).find((b) => b.name === BALANCER)).toMatchObject({
    port: balancer!.port,
    pid: expect.any(Number),
    servers: expect.arrayContaining(replicas.map((r) => ({ name: r.name, status: 'UP' }))),
  });
  const context = await browser.newContext({ baseURL: balancer!.url, viewport: { width: 1280, height: 1600 } });
  const page = await context.newPage();
  await signIn(page, ACCOUNT);
  await page.goto(`/containers/${hostId}/${containerId}/logs`);
  const log = page.getByRole('log', { name: /Logs of/ });
  await expect(log.getByText(/^tick \d+$/).first()).toBeVisible();
  const ticks = async () => (await log.getByText(/^tick \d+$/).allTextContents()).map((t) => Number(t.slice(5)));

  // The replica holding the page's log stream: each replica counts its own.
  let serving: ReplicaChild | undefined;
  await expect.poll(async () => {
    const counts = await Promise.all(replicas.map(logStreams));
    serving = counts.filter((n) => n > 0).length === 1 ? replicas[counts.findIndex((n) => n > 0)] : undefined;
    return serving?.name;
  }, { message: 'one replica holding the log stream' }).toBeTruthy();
  const other = replicas.find((r) => r !== serving)!;

  // A real run of the serving replica, started on it (the session cookie holds for any port of
  // 127.0.0.1): an existing machine over SSH at an address that never answers, so the run stays
  // waiting for SSH. Then open in another tab through the balancer.
  const starter = await context.newPage();
  await starter.goto(`${serving!.origin}/hosts/provision/new`);
  await starter.getByRole('radio', { name: 'Existing machine over SSH' }).check();
  await starter.getByLabel('Name', { exact: true }).fill('ha-run');
  await starter.getByLabel('Address').fill(SILENT_ADDRESS);
  await starter.getByLabel('SSH port').fill('22');
  await starter.getByLabel('SSH user').fill('root');
  await starter.getByLabel('Private key', { exact: true }).fill(readFileSync(lab().machines[0]!.privateKey, 'utf8'));
  await starter.getByRole('button', { name: 'Start provisioning' }).click();
  await expect(starter).toHaveURL(/\/hosts\/provision\/h[0-9a-f]+$/);
  const jobId = new URL(starter.url()).pathname.split('/').at(-1)!;
  await starter.close();
  expect((await db!.provisionJob.findUniqueOrThrow({ where: { id: jobId } })).replicaId).toBe(serving!.id);
  const runPage: Page = await context.newPage();
  await runPage.goto(`/hosts/provision/${jobId}`);
  await expect(runPage.getByRole('heading', { name: /ha-run.*Running/ })).toBeVisible();
  await expect(runPage.getByRole('button', { name: /Waiting for SSH.*Running/ })).toBeVisible({ timeout: 30_000 });

  const seenBeforeKill = Math.max(...(await ticks()));
  serving!.child.kill('SIGKILL');
  await serving!.exited;
  const writtenAtKill = await written();

  // The deadline for the page to hear new lines again, through the survivor (not a timing assertion).
  await expect(log.getByText(`tick ${writtenAtKill + 3}`, { exact: true })).toBeVisible({ timeout: 30_000 });
  await expect.poll(() => logStreams(other), { message: 'the survivor holding the log stream' }).toBe(1);
  // Freeze the list (stop following) with the lines around the kill in view, then read them.
  await page.getByLabel('Follow').uncheck();
  const shown = await ticks();
  expect(shown).toContain(seenBeforeKill);
  expect(shown).toContain(writtenAtKill + 3);
  expect(shown).toEqual(Array.from({ length: shown.length }, (_, i) => shown[0] + i));

  // The dead replica's run is marked at its step once its heartbeat is stale, and the page says so.
  await expect.poll(async () => (await db!.provisionJob.findUnique({ where: { id: jobId } }))?.status, { timeout: 60_000, message: 'the run marked interrupted' }).toBe('interrupted');
  const steps = await db!.provisionStep.findMany({ where: { jobId }, orderBy: { position: 'asc' } });
  expect(steps.find((step) => step.key === 'wait-ssh')).toMatchObject({ status: 'failed' });
  await runPage.reload();
  await expect(runPage.getByRole('heading', { name: /ha-run.*Interrupted/ })).toBeVisible();

  // Nothing doubled: one host, one session for the one sign-in, one run with its one step, and
  // only the survivor left beating once the dead replica is forgotten.
  expect(await db!.host.count()).toBe(1);
  expect(await db!.session.count()).toBe(1);
  expect(new Set(steps.map((step) => step.key)).size).toBe(steps.length);
  expect(await db!.provisionJob.count()).toBe(1);
  await expect.poll(async () => (await db!.replica.findMany({ select: { id: true } })).map((r) => r.id), { timeout: 60_000, message: 'only the survivor beating' }).toEqual([other.id]);
  await db!.provisionJob.delete({ where: { id: jobId } });
  await context.close();
});
