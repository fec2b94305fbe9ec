// What `npm run backup` and `npm run restore` share: the passphrase, and the URL of the console's own running Postgres.
import path from 'node:path';
import pg from 'pg';
import { ArchiveError } from '../lib/backup/sealed-archive.ts';
import { StartError } from '../lib/config/start-error.ts';

/** A failure the command explains itself, in a sentence saying what to do. */
export class CliError extends Error {}

/** One sentence for any failure: the command's own, the archive's or the configuration's as they are; anything else named. */
export function failureSentence(error: unknown, what: string): string {
  if (error instanceof CliError || error instanceof ArchiveError || error instanceof StartError) return error.message;
  const first = (error instanceof Error ? error.message : String(error)).split('\n')[0];
  return `${what} failed (${first}); fix that and run it again.`;
}

/** WHARF_BACKUP_PASSPHRASE, or the first line of the file --passphrase-file names. */
export async function readPassphrase(file: string | undefined, read: (file: string, encoding: 'utf8') => Promise<string>): Promise<string | undefined> {
  if (file) {
    const text = await read(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new CliError(`Cannot read the passphrase file ${file} (${error.code ?? error.message}).`);
    });
    return text.split(/\r?\n/)[0];
  }
  return process.env.WHARF_BACKUP_PASSPHRASE || undefined;
}

/** The URL of the console's own Postgres (from <data>/postgres.json), once it answers; a sentence saying to start the console otherwise. */
export async function runningOwnDatabaseUrl(dataDir: string): Promise<string> {
  const settingsFile = path.join(dataDir, 'postgres.json');
  const { readFile } = await import('node:fs/promises');
  const settings = await readFile(settingsFile, 'utf8').then((text) => JSON.parse(text) as { port: number; password: string }, () => null);
  if (!settings) throw new CliError(`There is no Wharf database in ${dataDir} (no postgres.json): set WHARF_DATA_DIR to the console's data folder, or DATABASE_URL.`);
  const url = `postgresql://wharf:${encodeURIComponent(settings.password)}@127.0.0.1:${settings.port}/wharf`;
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch {
    throw new CliError(`Wharf's own Postgres in ${dataDir} is not running: start the console (npm start), then back up again.`);
  } finally {
    await client.end().catch(() => {});
  }
  return url;
}
