// `npm run audit:verify`: checks the audit log's hash chain and says "intact through entry N" or
// names the first broken entry (exit code 0 intact, 1 broken, 2 could not check). Read-only: it
// may run while the console runs (it then uses the console's Postgres as it is).
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import { readConfig } from '../lib/config/env.ts';
import { createDb } from '../lib/db/client.ts';
import { startEmbeddedPostgres } from '../lib/db/embedded-postgres.ts';
import { migrateDatabase } from '../lib/db/migrate.ts';
import { verifyAuditChain } from '../lib/services/audit/verify-audit-chain.ts';

/** The console's own Postgres if it is running, else started here (and stopped after). */
async function database(dataDir: string): Promise<{ url: string; stop: () => Promise<void> }> {
  try {
    const { port, password } = JSON.parse(await readFile(path.join(dataDir, 'postgres.json'), 'utf8')) as { port: number; password: string };
    const url = `postgresql://wharf:${encodeURIComponent(password)}@127.0.0.1:${port}/wharf`;
    const probe = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3000 });
    await probe.connect();
    await probe.end();
    return { url, stop: async () => {} };
  } catch {
    return startEmbeddedPostgres(dataDir);
  }
}

const config = readConfig();
let code = 2;
try {
  const { url, stop } = config.databaseUrl ? { url: config.databaseUrl, stop: async () => {} } : await database(config.dataDir);
  try {
    await migrateDatabase(url, path.resolve(import.meta.dirname, '../prisma/migrations'));
    const db = createDb(url);
    const report = await verifyAuditChain({ db }).finally(() => db.$disconnect());
    console.log(`Audit chain: ${report.summary}`);
    console.log(`Checked ${report.checkedRows} ${report.checkedRows === 1 ? 'entry' : 'entries'}${report.from !== '0' ? ` from the checkpoint after entry ${report.from} (${report.checkpointAt})` : ' from the start of the chain'}.`);
    code = report.intact ? 0 : 1;
  } finally {
    await stop();
  }
} catch (error) {
  console.error(`Could not check the audit chain: ${(error as Error).message}`);
}
process.exit(code);
