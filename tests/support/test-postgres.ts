// The Postgres that tests use: Wharf's embedded one, in its own folder, started once per run.
// Each test file gets a fresh database cloned from a migrated template (fast and isolated).
import path from 'node:path';
import pg from 'pg';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@/lib/db/embedded-postgres.ts';
import { migrateDatabase } from '@/lib/db/migrate.ts';

export const TEST_PG_DIR = process.env.WHARF_TEST_PG_DIR ?? '/tmp/wharf-test';
export const TEMPLATE_DB = 'wharf_template';
export const projectRoot = path.resolve(import.meta.dirname, '../..');

export async function startTestPostgres(): Promise<EmbeddedDatabase> {
  return startEmbeddedPostgres(TEST_PG_DIR);
}

export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

async function admin<T>(url: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

const quoteIdent = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  return `"${name}"`;
};

/** (Re)creates the migrated template database that test databases are cloned from. */
export async function prepareTemplate(url: string): Promise<void> {
  await admin(url, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(TEMPLATE_DB)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${quoteIdent(TEMPLATE_DB)}`);
  });
  await migrateDatabase(withDatabase(url, TEMPLATE_DB), path.join(projectRoot, 'prisma/migrations'));
}

/** A fresh, migrated, empty database; returns its URL. */
export async function freshDatabase(url: string, name: string): Promise<string> {
  await admin(url, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${quoteIdent(name)} TEMPLATE ${quoteIdent(TEMPLATE_DB)}`);
  });
  return withDatabase(url, name);
}

export async function dropDatabase(url: string, name: string): Promise<void> {
  await admin(url, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

/** Drops a database user a test made (they belong to the whole server, not to one database). */
export async function dropRole(url: string, role: string): Promise<void> {
  await admin(url, (c) => c.query(`DROP ROLE IF EXISTS ${quoteIdent(role)}`));
}

/** Postgres "goes away" for one database, as a restart does to a console on it: its connections are
 * ended and new ones refused until `databaseBack` (other databases of the server are untouched). */
export async function databaseAway(url: string, name: string): Promise<void> {
  await admin(url, async (c) => {
    await c.query(`ALTER DATABASE ${quoteIdent(name)} ALLOW_CONNECTIONS false`);
    await c.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
  });
}

/** Lets connections to the database in again after `databaseAway`. */
export async function databaseBack(url: string, name: string): Promise<void> {
  await admin(url, (c) => c.query(`ALTER DATABASE ${quoteIdent(name)} ALLOW_CONNECTIONS true`));
}
