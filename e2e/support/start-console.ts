// Starts the console for the end-to-end tests, as `npm start` would in production mode, on a
// fresh database and data folder. Playwright's webServer runs this and stops it at the end.
// Uses WHARF_TEST_PG_URL's server when given (the test runner's), else its own embedded one.
import { existsSync } from 'node:fs';
import { readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { readConfig } from '@/lib/config/env.ts';
import { startConsole } from '@/lib/runtime/start-console.ts';
import { build } from '@/scripts/build.ts';
import { buildStampPath, sourceHash } from '@/scripts/source-hash.ts';
import { labUp } from '@/scripts/lab/index.ts';
import { startEmbeddedPostgres } from '@/lib/db/embedded-postgres.ts';
import { freshDatabase, prepareTemplate } from '@/tests/support/test-postgres.ts';

const root = path.resolve(import.meta.dirname, '../..');
Object.assign(process.env, { NODE_ENV: 'production', NEXT_TELEMETRY_DISABLED: '1' });

const stamp = await readFile(buildStampPath(root), 'utf8').catch(() => null);
if (!existsSync(path.join(root, '.next/BUILD_ID')) || stamp !== (await sourceHash(root))) await build();

await labUp();
let stopPostgres = async () => {};
let pgUrl = process.env.WHARF_TEST_PG_URL;
if (!pgUrl) {
  const pg = await startEmbeddedPostgres('/tmp/wharf-test-e2e');
  pgUrl = pg.url;
  stopPostgres = pg.stop;
}
await prepareTemplate(pgUrl);
const databaseUrl = await freshDatabase(pgUrl, 'e2e_console');
const dataDir = '/tmp/wharf-e2e-data';
await rm(dataDir, { recursive: true, force: true });

const config = readConfig({ ...process.env, DATABASE_URL: databaseUrl, WHARF_DATA_DIR: dataDir, PORT: process.env.E2E_PORT ?? '3123', HOST: '127.0.0.1' });
const running = await startConsole(config, { projectDir: root });
console.log(`e2e console on ${running.url}`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    void running.stop().then(stopPostgres).finally(() => process.exit(0));
  });
}
