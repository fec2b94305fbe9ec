// Leadership among replicas on a real Postgres (lib/runtime/leadership.ts), two in one test
// process: a role runs on exactly one of them; when the holder's connection dies (the server ends
// it, as when its process is killed) the holder stops the role and the other takes it; a resigned
// role is released at once; stopping releases everything.
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import pg from 'pg';
import { Leadership, leaderOf, leadershipApplicationName } from '@/lib/runtime/leadership.ts';
import { loggerFromEnvironment } from '@/lib/observability/logger.ts';
import { dropDatabase, dropRole, freshDatabase } from '../support/test-postgres.ts';
import { waitFor } from '../support/wait-for.ts';

const DATABASE = 'it_leadership';
/** The database user of the replica whose process 'dies': refused at sign-in while it is dead, so
 * it cannot race the other replica for the lock it lost (a live process may well win that race). */
const DYING_USER = 'it_leadership_dying';
const log = loggerFromEnvironment({ ...process.env, WHARF_LOG_LEVEL: 'fatal' });
let url: string;
let admin: pg.Client;
const replicas: Leadership[] = [];

/** A role that records whether it runs here. */
function role() {
  const state = { running: false, starts: 0, stops: 0 };
  return {
    state,
    start() {
      state.running = true;
      state.starts++;
    },
    stop() {
      state.running = false;
      state.stops++;
    },
  };
}

function replica(id: string, databaseUrl = url): Leadership {
  const leadership = new Leadership({ databaseUrl, replicaId: id, log, intervalMs: 200 });
  replicas.push(leadership);
  return leadership;
}

const holder = (name: string) => leaderOf((sql, values) => admin.query<{ name: string }>(sql, values), name);

beforeAll(async () => {
  url = await freshDatabase(inject('pgUrl'), DATABASE);
  admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP ROLE IF EXISTS ${DYING_USER}`);
  await admin.query(`CREATE ROLE ${DYING_USER} LOGIN PASSWORD '${DYING_USER}'`);
});

afterAll(async () => {
  for (const leadership of replicas) await leadership.stop();
  await admin?.end();
  await dropDatabase(inject('pgUrl'), DATABASE);
  await dropRole(inject('pgUrl'), DYING_USER);
});

describe('leadership by advisory lock', () => {
  it('runs a role on one replica; the other takes it when the holder\'s connection dies', async () => {
    const asDying = new URL(url);
    asDying.username = DYING_USER;
    asDying.password = DYING_USER;
    const a = replica('a', asDying.toString());
    const b = replica('b');
    const onA = role();
    const onB = role();
    a.lead('worker', onA);
    await a.start();
    b.lead('worker', onB);
    await b.start();
    expect(onA.state.running).toBe(true);
    expect(onB.state.running).toBe(false);
    expect(await holder('worker')).toBe('a');

    // The server ends A's connection, as it does when A's process dies (and a dead process does not sign in again).
    await admin.query(`ALTER ROLE ${DYING_USER} NOLOGIN`);
    await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [leadershipApplicationName('a')]);
    await waitFor(() => onB.state.running, { timeoutMs: 10_000, what: 'B taking the role' });
    await waitFor(() => !onA.state.running, { timeoutMs: 10_000, what: 'A stopping the role' });
    expect(await holder('worker')).toBe('b');
    // A comes back (a restarted process) and connects, but does not take a role B holds.
    await admin.query(`ALTER ROLE ${DYING_USER} LOGIN`);
    await waitFor(async () => (await admin.query('SELECT 1 FROM pg_stat_activity WHERE application_name = $1', [leadershipApplicationName('a')])).rowCount, { timeoutMs: 10_000, what: 'A connected again' });
    expect(onA.state.running).toBe(false);
    expect(onA.state.starts).toBe(1);
  });

  it('releases a resigned role at once, and everything when stopped', async () => {
    const c = replica('c');
    const d = replica('d');
    const onC = role();
    const onD = role();
    c.lead('host:x', onC);
    await c.start();
    d.lead('host:x', onD);
    await d.start();
    expect(onC.state.running).toBe(true);
    await c.resign('host:x');
    expect(onC.state.running).toBe(false);
    await waitFor(() => onD.state.running, { timeoutMs: 10_000, what: 'D taking the resigned role' });

    await d.stop();
    expect(onD.state.running).toBe(false);
    expect(await holder('host:x')).toBeNull();
  });
});
