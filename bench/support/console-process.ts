// The console under measurement, in a process of its own (so its CPU time and memory are its
// own): the production console of tests/support/console-under-test.ts on a database the parent
// prepared. Prints one ready line; stops cleanly on SIGTERM/SIGINT.
//   BENCH_CONSOLE_PORT, BENCH_CONSOLE_DATA_DIR, BENCH_DATABASE_URL (env, so no secret is on argv)
import { startConsoleUnderTest, stopOnSignals } from '@/tests/support/console-under-test.ts';
import { READY_PREFIX } from './paths.ts';

const port = Number(process.env.BENCH_CONSOLE_PORT);
const dataDir = process.env.BENCH_CONSOLE_DATA_DIR;
const databaseUrl = process.env.BENCH_DATABASE_URL;
if (!Number.isInteger(port) || !dataDir || !databaseUrl) {
  console.error('console-process: BENCH_CONSOLE_PORT, BENCH_CONSOLE_DATA_DIR and BENCH_DATABASE_URL are required');
  process.exit(2);
}

try {
  const running = await startConsoleUnderTest({ port, database: 'unused', dataDir, databaseUrl });
  stopOnSignals(running);
  console.log(`${READY_PREFIX}${JSON.stringify({ url: running.url, pid: process.pid })}`);
} catch (error) {
  console.error('console-process: the console did not start:', error);
  process.exit(1);
}
