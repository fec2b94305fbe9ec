// `npm run backup -- <archive>`: writes an encrypted archive of the console's database and key
// material (lib/backup/backup-archive.ts). The passphrase comes from WHARF_BACKUP_PASSPHRASE or
// the file named by --passphrase-file. The database is DATABASE_URL (or its _FILE), else the
// console's own Postgres, which must be running (`npm start`). Failures end in one sentence.
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { readConfig } from '../lib/config/env.ts';
import { writeBackup } from '../lib/backup/backup-archive.ts';
import { passphraseProblem } from '../lib/backup/sealed-archive.ts';
import { CliError, failureSentence, readPassphrase, runningOwnDatabaseUrl } from './backup-cli.ts';

try {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { 'passphrase-file': { type: 'string' } } });
  const [file] = positionals;
  if (!file || positionals.length > 1) throw new CliError('Name the archive to write: npm run backup -- <file>.');
  if (existsSync(file)) throw new CliError(`${file} already exists; name a new file, so no archive is overwritten.`);
  const passphrase = await readPassphrase(values['passphrase-file'], readFile);
  const problem = passphraseProblem(passphrase);
  if (problem) throw new CliError(problem);
  const config = readConfig();
  const databaseUrl = config.databaseUrl ?? (await runningOwnDatabaseUrl(config.dataDir));
  const archive = await writeBackup({ databaseUrl, secrets: { dataDir: config.dataDir, secretKey: config.secretKey, authSecret: config.authSecret }, passphrase: passphrase! });
  await writeFile(file, archive, { mode: 0o600, flag: 'wx' });
  console.log(`Wrote ${path.resolve(file)} (${archive.length} bytes): the database and the keys, encrypted with the passphrase. Keep the passphrase apart from the archive.`);
} catch (error) {
  console.error(failureSentence(error, 'The backup'));
  process.exit(1);
}
