// Brings a database up to date by applying prisma/migrations/*/migration.sql in order, each in
// its own transaction, under an advisory lock, with checksums. No Prisma CLI, no engine binary.
import 'server-only';
import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

export type Migration = { name: string; sql: string; checksum: string };
export type MigrationReport = { applied: string[]; alreadyApplied: number };

// An arbitrary constant that names "Wharf schema migrations" among advisory locks.
const LOCK_KEY = 7_431_902_118;

export async function readMigrations(dir: string): Promise<Migration[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const names = entries.filter((e) => e.isDirectory() && /^\d{14}_[a-z0-9_]+$/.test(e.name)).map((e) => e.name).sort();
  return Promise.all(
    names.map(async (name) => {
      const sql = await readFile(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    }),
  );
}

/** Which migrations to apply, or why the database and the code disagree. Pure. */
export function planMigrations(onDisk: Migration[], applied: { name: string; checksum: string }[]): Migration[] {
  const known = new Map(onDisk.map((m) => [m.name, m]));
  for (const row of applied) {
    const migration = known.get(row.name);
    if (!migration) {
      throw new Error(`The database has migration ${row.name}, which this version of Wharf does not know: it was made by a newer Wharf. Run that version, or restore a backup.`);
    }
    if (migration.checksum !== row.checksum) {
      throw new Error(`Migration ${row.name} was edited after it was applied to this database. Restore the original file; put changes in a new migration.`);
    }
  }
  const done = new Set(applied.map((row) => row.name));
  return onDisk.filter((m) => !done.has(m.name));
}

/** Applies what is pending; `only` limits it to these migrations (a restore brings the schema to its archive's). */
export async function migrateDatabase(databaseUrl: string, migrationsDir: string, only?: string[]): Promise<MigrationReport> {
  const migrations = (await readMigrations(migrationsDir)).filter((m) => !only || only.includes(m.name));
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_wharf_migrations" (
      name text PRIMARY KEY, checksum text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())`);
    const { rows } = await client.query<{ name: string; checksum: string }>('SELECT name, checksum FROM "_wharf_migrations" ORDER BY name');
    const pending = planMigrations(migrations, rows);
    for (const migration of pending) {
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query('INSERT INTO "_wharf_migrations" (name, checksum) VALUES ($1, $2)', [migration.name, migration.checksum]);
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`, { cause: error });
      }
    }
    return { applied: pending.map((m) => m.name), alreadyApplied: rows.length };
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
    await client.end();
  }
}
