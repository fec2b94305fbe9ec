// The console's database goes away under an open page, in a real browser (issue 16, case 33): a
// console of its own (a replica process on a database of its own, so no other spec sees the
// outage) with an administrator following a container's logs. Postgres refuses that database for
// a while and ends its connections, as a restart does. The console drops the page's sockets with
// their streams (no session is trusted without the database), the shell says the database is not
// answering, and the browser stays signed in; once the database answers, the page is live again
// by itself and the log follows on.
import { rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import Dockerode from 'dockerode';
import { expect, test } from '@playwright/test';
import { createDb, type Db } from '@/lib/db/client.ts';
import { sharedReplicaKeys, spawnReplica, type ReplicaChild } from '@/tests/support/replicas.ts';
import { databaseAway, databaseBack, dropDatabase, freshDatabase } from '@/tests/support/test-postgres.ts';
import { lab, signIn } from './support/fixtures.ts';
import { seedAdminAndHost, startTickingContainer, testPgUrl } from './support/own-console.ts';

test.describe.configure({ mode: 'serial' });

const DATABASE = 'e2e_database_away';
const ACCOUNT = { username: 'away-admin', password: 'away-admin-password-1' };
const l1 = lab().hosts[0];
const engine = new Dockerode({ socketPath: l1.socket });
const workDir = path.join(os.tmpdir(), `wharf-e2e-database-away-${process.pid}`);
const pgUrl = testPgUrl;

let databaseUrl: string | undefined;
let db: Db | undefined;
let replica: ReplicaChild | undefined;
let hostId: string;
let containerId: string;

const away = () => databaseAway(pgUrl(), DATABASE);
const back = () => databaseBack(pgUrl(), DATABASE);

async function removeTestContainers() {
  for (const c of await engine.listContainers({ all: true, filters: { label: ['wharf.test=database-away'] } })) await engine.getContainer(c.Id).remove({ force: true }).catch(() => {});
}

test.beforeAll(async () => {
  test.setTimeout(5 * 60_000);
  await removeTestContainers();
  databaseUrl = await freshDatabase(pgUrl(), DATABASE);
  db = createDb(databaseUrl);
  hostId = await seedAdminAndHost(db, ACCOUNT, 'away-lab-1', l1.socket);
  containerId = await startTickingContainer(engine, 'database-away');
  replica = await spawnReplica({ name: 'away', databaseUrl, dataDir: path.join(workDir, 'away'), env: { ...sharedReplicaKeys(), WHARF_LOG_LEVEL: 'info', WHARF_LOG_FORMAT: 'json' } });
});

test.afterEach(async ({ browserName: _ }, testInfo) => {
  // The console's own log names the cause of a failure.
  if (testInfo.status !== testInfo.expectedStatus && replica) await testInfo.attach('console log', { body: replica.output.slice(-200).join('\n'), contentType: 'text/plain' });
});

test.afterAll(async () => {
  test.setTimeout(2 * 60_000);
  await back().catch(() => {});
  await replica?.stop();
  await removeTestContainers();
  await db?.$disconnect();
  if (databaseUrl) await dropDatabase(pgUrl(), DATABASE);
  await rm(workDir, { recursive: true, force: true });
});

test('the page says the database is not answering, stays signed in, and is live again by itself once it answers, its log following on', async ({ browser }) => {
  test.setTimeout(3 * 60_000);
  const context = await browser.newContext({ baseURL: replica!.origin, viewport: { width: 1280, height: 1200 } });
  const page = await context.newPage();
  await signIn(page, ACCOUNT);
  const logsUrl = `/containers/${hostId}/${containerId}/logs`;
  await page.goto(logsUrl);
  const status = page.getByRole('status', { name: /^Live updates:/ });
  await expect(status).toHaveAccessibleName('Live updates: Live');
  const log = page.getByRole('log', { name: /Logs of/ });
  await expect(log.getByText(/^tick \d+$/).first()).toBeVisible();
  const lastTick = async () => Math.max(...(await log.getByText(/^tick \d+$/).allTextContents()).map((t) => Number(t.slice(5))));

  await away();
  try {
    // The session re-check (every 5 s) cannot reach the database: the sockets are dropped, the session stands.
    await expect(status).toHaveAccessibleName('Live updates: Database not answering: reconnecting…', { timeout: 20_000 });
    // Still refused while it is away (the browser keeps trying), and never sent to sign in.
    await expect(status).toHaveAccessibleName('Live updates: Database not answering: reconnecting…');
    expect(new URL(page.url()).pathname).toBe(logsUrl);
  } finally {
    await back();
  }
  const before = await lastTick();
  await expect(status).toHaveAccessibleName('Live updates: Live', { timeout: 45_000 });
  expect(new URL(page.url()).pathname).toBe(logsUrl);
  // The log follows on over the new socket: lines written after the outage arrive.
  await expect.poll(lastTick, { timeout: 30_000, message: 'new lines after the database came back' }).toBeGreaterThan(before + 2);
  await context.close();
});
