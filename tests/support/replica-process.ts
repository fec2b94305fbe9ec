// One console replica in a process of its own, for tests that run several on one database and
// kill one (started by tests/support/replicas.ts): the production console of
// tests/support/console-under-test.ts on a database the parent prepared. Prints one ready line
// with its replica id; stops cleanly on SIGTERM/SIGINT.
//   REPLICA_PORT, REPLICA_DATA_DIR, REPLICA_DATABASE_URL (env, so no secret is on argv); the
//   replicas share WHARF_SECRET_KEY and NEXTAUTH_SECRET, as replicas must.
import { startConsoleUnderTest, stopOnSignals } from './console-under-test.ts';
import { REPLICA_READY } from './replicas.ts';

const port = Number(process.env.REPLICA_PORT);
const dataDir = process.env.REPLICA_DATA_DIR;
const databaseUrl = process.env.REPLICA_DATABASE_URL;
if (import.meta.url === `file://${process.argv[1]}`) {
  if (!Number.isInteger(port) || !dataDir || !databaseUrl) {
    console.error('replica-process: REPLICA_PORT, REPLICA_DATA_DIR and REPLICA_DATABASE_URL are required');
    process.exit(2);
  }
  try {
    const running = await startConsoleUnderTest({ port, database: 'unused', dataDir, databaseUrl, log: () => {} });
    stopOnSignals(running);
    console.log(`${REPLICA_READY}${JSON.stringify({ url: running.url, pid: process.pid, replicaId: running.runtime.replica.id })}`);
  } catch (error) {
    console.error('replica-process: the console did not start:', error);
    process.exit(1);
  }
}
