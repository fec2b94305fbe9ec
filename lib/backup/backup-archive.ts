// Backup and restore of a whole console: its database (lib/backup/database-dump.ts) and the key
// material that opens its sealed secrets (the sealing keys, current and retired, and the auth
// secret), in one archive encrypted with a passphrase (lib/backup/sealed-archive.ts).
import 'server-only';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { keyFilePath } from '@/lib/crypto/load-keyring.ts';
import { migrateDatabase, readMigrations } from '@/lib/db/migrate.ts';
import { databaseHasRows, dumpDatabase, loadDatabase } from './database-dump.ts';
import { ArchiveError, openArchive, sealArchive } from './sealed-archive.ts';

const contentsSchema = z.object({
  format: z.literal('wharf-backup'),
  version: z.literal(1),
  createdAt: z.string(),
  database: z.object({
    migrations: z.array(z.object({ name: z.string(), checksum: z.string() })),
    tables: z.record(z.string(), z.array(z.unknown())),
    sequences: z.record(z.string(), z.number().nullable()),
  }),
  keys: z.object({ current: z.string(), retired: z.array(z.string()) }),
  authSecret: z.string().nullable(),
});

export type BackupContents = z.infer<typeof contentsSchema>;
export type KeyMaterial = Pick<BackupContents, 'keys' | 'authSecret'>;

/** Where a console keeps what it needs besides its database: its data folder and configured secrets. */
export type ConsoleSecrets = { dataDir: string; secretKey: string | undefined; authSecret: string | undefined };

async function readIfPresent(file: string): Promise<string | null> {
  return readFile(file, 'utf8').catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return null;
    throw error;
  });
}

/** The keys in use as loadKeyring would use them (a configured key is current; the file's keys retired), and the auth secret. */
export async function readKeyMaterial(secrets: ConsoleSecrets): Promise<KeyMaterial> {
  const text = await readIfPresent(keyFilePath(secrets.dataDir));
  const file = text ? (JSON.parse(text) as { current: string; retired: string[] }) : null;
  const current = secrets.secretKey ?? file?.current;
  if (!current) throw new ArchiveError(`There are no keys to back up: ${keyFilePath(secrets.dataDir)} does not exist and WHARF_SECRET_KEY is not set. Point WHARF_DATA_DIR at the console's data folder.`);
  const retired = [...new Set([file?.current, ...(file?.retired ?? [])].filter((key): key is string => !!key && key !== current))];
  const authSecret = secrets.authSecret ?? (await readIfPresent(path.join(secrets.dataDir, 'auth-secret')))?.trim() ?? null;
  return { keys: { current, retired }, authSecret };
}

export async function writeBackup(input: { databaseUrl: string; secrets: ConsoleSecrets; passphrase: string; now?: Date }): Promise<Buffer> {
  const material = await readKeyMaterial(input.secrets);
  const contents: BackupContents = {
    format: 'wharf-backup',
    version: 1,
    createdAt: (input.now ?? new Date()).toISOString(),
    database: await dumpDatabase(input.databaseUrl),
    ...material,
  };
  return sealArchive(contents, input.passphrase);
}

/** Opens and checks an archive (passphrase, format, and that this Wharf has the migrations it was made with). */
export async function openBackup(archive: Buffer, passphrase: string, migrationsDir: string): Promise<BackupContents> {
  const parsed = contentsSchema.safeParse(openArchive(archive, passphrase));
  if (!parsed.success) throw new ArchiveError('This archive opened, but what it holds is not a Wharf backup this version can read.');
  const onDisk = new Map((await readMigrations(migrationsDir)).map((m) => [m.name, m.checksum]));
  const unknown = parsed.data.database.migrations.filter((m) => onDisk.get(m.name) !== m.checksum).map((m) => m.name);
  if (unknown.length) throw new ArchiveError(`This archive was made by another version of Wharf (its migrations ${unknown.join(', ')} differ from this one's); restore it with the version that made it.`);
  return parsed.data;
}

/**
 * Restores an archive into an empty database and a data folder without keys: the schema as the
 * archive had it (its migrations), its rows, then its keys and auth secret into the data folder.
 * The console's next start applies any newer migrations.
 */
export async function restoreBackup(input: { archive: Buffer; passphrase: string; databaseUrl: string; dataDir: string; migrationsDir: string }): Promise<{ rows: number }> {
  const contents = await openBackup(input.archive, input.passphrase, input.migrationsDir);
  if (existsSync(keyFilePath(input.dataDir))) {
    throw new ArchiveError(`${keyFilePath(input.dataDir)} already exists: restore into a fresh data folder (a new WHARF_DATA_DIR), so no keys are overwritten.`);
  }
  if (await databaseHasRows(input.databaseUrl)) throw new ArchiveError('The database already holds Wharf rows: restore into an empty database, so nothing is overwritten.');
  await migrateDatabase(input.databaseUrl, input.migrationsDir, contents.database.migrations.map((m) => m.name));
  await loadDatabase(input.databaseUrl, contents.database);
  await mkdir(input.dataDir, { recursive: true, mode: 0o711 });
  await writeFile(keyFilePath(input.dataDir), JSON.stringify(contents.keys, null, 2), { mode: 0o600 });
  await chmod(keyFilePath(input.dataDir), 0o600);
  if (contents.authSecret) {
    await writeFile(path.join(input.dataDir, 'auth-secret'), contents.authSecret, { mode: 0o600 });
    await chmod(path.join(input.dataDir, 'auth-secret'), 0o600);
  }
  return { rows: Object.values(contents.database.tables).reduce((sum, rows) => sum + rows.length, 0) };
}
