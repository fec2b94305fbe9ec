// `npm run restore -- <archive>`: restores an archive written by `npm run backup` (or the Backup
// page) into a fresh data folder (WHARF_DATA_DIR) and an empty database: DATABASE_URL (or its
// _FILE), else the console's own Postgres, started in that folder for the restore and stopped after.
// Then `npm start` brings the console back with its users, hosts and sealed secrets.
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../lib/config/env.ts';
import { openConfiguredDatabase } from '../lib/db/embedded-postgres.ts';
import { restoreBackup } from '../lib/backup/backup-archive.ts';
import { CliError, failureSentence, readPassphrase } from './backup-cli.ts';

const root = path.resolve(import.meta.dirname, '..');

try {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'passphrase-file': { type: 'string' } } });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new CliError('Name the archive to restore: npm run restore -- <file>.');
  const archive = await readFile(file).catch((error: NodeJS.ErrnoException) => {
    throw new CliError(`Cannot read ${file} (${error.code ?? error.message}).`);
  });
  const passphrase = await readPassphrase(values['passphrase-file'], readFile);
  if (!passphrase) throw new CliError('Give the archive\'s passphrase in WHARF_BACKUP_PASSPHRASE or a file named by --passphrase-file.');
  const config = readConfig();
  const database = await openConfiguredDatabase(config);
  try {
    const { rows } = await restoreBackup({ archive, passphrase, databaseUrl: database.url, dataDir: config.dataDir, migrationsDir: path.join(root, 'prisma/migrations') });
    console.log(`Restored ${rows} rows and the keys into ${config.dataDir}${database.embedded ? " (Wharf's own Postgres)" : ' and DATABASE_URL'}; start the console with npm start.`);
  } finally {
    await database.stop();
  }
} catch (error) {
  console.error(failureSentence(error, 'The restore'));
  process.exit(1);
}
