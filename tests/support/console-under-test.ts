// A production console on a fresh database and data folder, for end-to-end tests and benchmarks.
// Builds first if the sources changed. Uses the Postgres at WHARF_TEST_PG_URL when given (the
// test runner's), otherwise starts an embedded one of its own.
import { rm } from 'node:fs/promises';
import { readConfig } from '@/lib/config/env.ts';
import { startEmbeddedPostgres } from '@/lib/db/embedded-postgres.ts';
import { loggerFromEnvironment, type Logger } from '@/lib/observability/logger.ts';
import { startConsole, type RunningConsole } from '@/lib/runtime/start-console.ts';
import { unmountBelow } from '@/lib/services/hosts/drivers/local/local-mounts.ts';
import { buildIfStale } from '@/scripts/build.ts';
import { freshDatabase, prepareTemplate, projectRoot } from './test-postgres.ts';

export type ConsoleUnderTest = RunningConsole & { databaseUrl: string; stopAll: () => Promise<void> };

/** Prepares a fresh, migrated database for a console and returns its URL (and how to stop its server). */
export async function prepareConsoleDatabase(database: string, ownPostgresDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  let stop = async () => {};
  let pgUrl = process.env.WHARF_TEST_PG_URL;
  if (!pgUrl) {
    const own = await startEmbeddedPostgres(ownPostgresDir);
    pgUrl = own.url;
    stop = own.stop;
  }
  await prepareTemplate(pgUrl);
  return { url: await freshDatabase(pgUrl, database), stop };
}

/** `log` receives the console's output lines (the setup token's line among them); printed when not given. `logger`: the console's log (lib/observability/logger.ts), made from the environment when not given. */
export async function startConsoleUnderTest(options: { port: number; database: string; dataDir: string; databaseUrl?: string; log?: (line: string) => void; logger?: Logger }): Promise<ConsoleUnderTest> {
  Object.assign(process.env, { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' });
  await buildIfStale();
  const db = options.databaseUrl ? { url: options.databaseUrl, stop: async () => {} } : await prepareConsoleDatabase(options.database, `${options.dataDir}-pg`);
  // A run that stopped before removing its local machines leaves their mounts in the data folder,
  // which would make it impossible to delete: nothing uses them once that console is gone.
  const stuck = await unmountBelow(options.dataDir);
  if (stuck.length) throw new Error(`Could not unmount ${stuck.join(', ')} left in ${options.dataDir} by an earlier run`);
  await rm(options.dataDir, { recursive: true, force: true });
  const config = readConfig({ ...process.env, DATABASE_URL: db.url, WHARF_DATA_DIR: options.dataDir, PORT: String(options.port), HOST: '127.0.0.1', WHARF_LOCAL_ENGINE: 'off' });
  // Its log says only warnings and errors unless told otherwise (WHARF_LOG_LEVEL), beside the tests' own output.
  const logger = options.logger ?? loggerFromEnvironment({ ...process.env, WHARF_LOG_LEVEL: process.env.WHARF_LOG_LEVEL ?? 'warn' });
  const running = await startConsole(config, { projectDir: projectRoot, log: options.log, logger });
  return {
    ...running,
    databaseUrl: db.url,
    async stopAll() {
      await running.stop();
      await db.stop();
    },
  };
}

/** Runs until SIGINT/SIGTERM, then stops the console and anything it started. */
export function stopOnSignals(running: ConsoleUnderTest): void {
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.on(signal, () => {
      void running.stopAll().finally(() => process.exit(0));
    });
  }
}
