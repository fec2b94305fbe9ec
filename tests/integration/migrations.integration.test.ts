// Schema migrations against a real Postgres: applied once, in order, idempotent, concurrent-safe,
// and the result is what the Prisma schema describes (Prisma Client can use every model).
import { cpSync, mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { inject, describe, expect, it } from 'vitest';
import { createDb } from '@/lib/db/client.ts';
import { migrateDatabase, readMigrations } from '@/lib/db/migrate.ts';
import { dropDatabase, projectRoot, withDatabase } from '../support/test-postgres.ts';
import pg from 'pg';

const migrationsDir = path.join(projectRoot, 'prisma/migrations');

async function emptyDatabase(name: string): Promise<string> {
  const url = inject('pgUrl');
  await dropDatabase(url, name);
  const client = new pg.Client({ connectionString: withDatabase(url, 'postgres') });
  await client.connect();
  await client.query(`CREATE DATABASE "${name}"`);
  await client.end();
  return withDatabase(url, name);
}

describe('migrations', () => {
  it('apply every migration once, even when two consoles start together', async () => {
    const url = await emptyDatabase('it_migrate');
    const all = await readMigrations(migrationsDir);
    const [a, b] = await Promise.all([migrateDatabase(url, migrationsDir), migrateDatabase(url, migrationsDir)]);
    expect([...a.applied, ...b.applied].sort()).toEqual(all.map((m) => m.name).sort());
    const again = await migrateDatabase(url, migrationsDir);
    expect(again).toEqual({ applied: [], alreadyApplied: all.length });
  });

  it('produce the schema Prisma Client expects', async () => {
    const url = await emptyDatabase('it_schema');
    await migrateDatabase(url, migrationsDir);
    const db = createDb(url);
    try {
      const user = await db.user.create({ data: { username: 'u', passwordHash: 'x', role: 'viewer' } });
      await db.session.create({ data: { tokenHash: 'h', userId: user.id, expiresAt: new Date() } });
      await db.loginAttempt.create({ data: { username: 'u', ip: '::1', succeeded: true } });
      await db.auditEntry.create({ data: { actorName: 'u', action: 'a', result: 'succeeded' } });
      await db.host.create({ data: { id: 'hxxxxxxxxxxxx', name: 'n', transport: 'unix', address: '/x', facts: { a: 1 }, connectionInfo: { transport: 'unix' } } });
      expect(await db.user.count()).toBe(1);
      await db.user.delete({ where: { id: user.id } });
      expect(await db.session.count()).toBe(0);
    } finally {
      await db.$disconnect();
    }
  });

  it('refuse to run when an applied migration was edited', async () => {
    const url = await emptyDatabase('it_tamper');
    const copy = mkdtempSync(path.join(os.tmpdir(), 'wharf-migrations-'));
    cpSync(migrationsDir, copy, { recursive: true });
    await migrateDatabase(url, copy);
    const first = (await readMigrations(copy))[0];
    writeFileSync(path.join(copy, first.name, 'migration.sql'), `${first.sql}\n-- edited`);
    await expect(migrateDatabase(url, copy)).rejects.toThrow(new RegExp(`${first.name} was edited after it was applied`));
  });

  it('roll back a failing migration entirely', async () => {
    const url = await emptyDatabase('it_rollback');
    const copy = mkdtempSync(path.join(os.tmpdir(), 'wharf-migrations-'));
    cpSync(migrationsDir, copy, { recursive: true });
    const bad = path.join(copy, '29991231000000_broken');
    cpSync(path.join(copy, (await readMigrations(copy))[0].name), bad, { recursive: true });
    writeFileSync(path.join(bad, 'migration.sql'), 'CREATE TABLE "half_made" (id int); SELECT no_such_function();');
    await expect(migrateDatabase(url, copy)).rejects.toThrow(/29991231000000_broken failed and was rolled back/);
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const { rows } = await client.query(`SELECT to_regclass('public.half_made') AS t`);
    const applied = await client.query('SELECT name FROM "_wharf_migrations"');
    await client.end();
    expect(rows[0].t).toBeNull();
    expect(applied.rows.map((r) => r.name)).not.toContain('29991231000000_broken');
  });
});
