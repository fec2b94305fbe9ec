import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { planMigrations, readMigrations, type Migration } from '@/lib/db/migrate.ts';

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const migration = (name: string, sql = `-- ${name}\nSELECT 1;`): Migration => ({ name, sql, checksum: sha(sql) });

const M1 = migration('20250101000000_init');
const M2 = migration('20250201000000_add_users');
const M3 = migration('20250301000000_add_audit');
const ON_DISK = [M1, M2, M3];
const row = (m: Migration) => ({ name: m.name, checksum: m.checksum });

describe('migrate', () => {
  describe('planMigrations', () => {
    it('applies everything, in order, to a fresh database', () => {
      expect(planMigrations(ON_DISK, [])).toEqual([M1, M2, M3]);
    });

    it('applies only the rest to a partially migrated database', () => {
      expect(planMigrations(ON_DISK, [row(M1)])).toEqual([M2, M3]);
      expect(planMigrations(ON_DISK, [row(M1), row(M2)])).toEqual([M3]);
    });

    it('applies nothing to an up-to-date database', () => {
      expect(planMigrations(ON_DISK, [row(M1), row(M2), row(M3)])).toEqual([]);
    });

    it('does not depend on the order of applied rows', () => {
      expect(planMigrations(ON_DISK, [row(M2), row(M1)])).toEqual([M3]);
    });

    it('applies nothing when there are no migrations at all', () => {
      expect(planMigrations([], [])).toEqual([]);
    });

    it('refuses when the database has a migration missing on disk, saying a newer Wharf made it', () => {
      const newer = { name: '20260101000000_from_the_future', checksum: sha('x') };
      expect(() => planMigrations(ON_DISK, [row(M1), newer])).toThrow(/20260101000000_from_the_future/);
      expect(() => planMigrations(ON_DISK, [row(M1), newer])).toThrow(/newer Wharf/);
    });

    it('refuses when every migration on disk is gone but the database has some', () => {
      expect(() => planMigrations([], [row(M1)])).toThrow(/newer Wharf/);
    });

    it('refuses when an applied migration was edited, naming it', () => {
      const edited = { ...M2, sql: `${M2.sql}\nALTER TABLE x ADD y int;`, checksum: sha(`${M2.sql}\nALTER TABLE x ADD y int;`) };
      expect(() => planMigrations([M1, edited, M3], [row(M1), row(M2)])).toThrow(`Migration ${M2.name} was edited after it was applied`);
    });

    it('compares checksums exactly: another case or an empty checksum is a mismatch', () => {
      expect(() => planMigrations(ON_DISK, [{ name: M1.name, checksum: M1.checksum.toUpperCase() }])).toThrow(M1.name);
      expect(() => planMigrations(ON_DISK, [{ name: M1.name, checksum: '' }])).toThrow(M1.name);
    });
  });

  describe('readMigrations', () => {
    let dir: string;

    beforeEach(async () => {
      dir = await mkdtemp(path.join(tmpdir(), 'wharf-migrations-'));
    });

    afterEach(async () => {
      await rm(dir, { recursive: true, force: true });
    });

    const addMigration = async (name: string, sql: string) => {
      await mkdir(path.join(dir, name));
      await writeFile(path.join(dir, name, 'migration.sql'), sql);
    };

    it('reads migration folders sorted by name, whatever order they were created in', async () => {
      await addMigration('20250301000000_third', 'SELECT 3;');
      await addMigration('20250101000000_first', 'SELECT 1;');
      await addMigration('20250201000000_second', 'SELECT 2;');

      const migrations = await readMigrations(dir);
      expect(migrations.map((m) => m.name)).toEqual(['20250101000000_first', '20250201000000_second', '20250301000000_third']);
      expect(migrations.map((m) => m.sql)).toEqual(['SELECT 1;', 'SELECT 2;', 'SELECT 3;']);
    });

    it('gives each migration the SHA-256 of its SQL as checksum', async () => {
      const sql = 'CREATE TABLE "Host" (id text PRIMARY KEY);\n-- é\n';
      await addMigration('20250101000000_init', sql);
      const [m] = await readMigrations(dir);
      expect(m).toEqual({ name: '20250101000000_init', sql, checksum: sha(sql) });
      expect(m.checksum).toMatch(/^[0-9a-f]{64}$/);
    });

    it('ignores names that are not <14 digits>_<lower-case words>, and plain files', async () => {
      await addMigration('20250101000000_init', 'SELECT 1;');
      for (const name of ['2025010100000_short', '202501010000000_long', '20250101000000-dash', '20250101000000_Upper', '20250101000000_', 'notes', '20250101000000_has space']) {
        await addMigration(name, 'SELECT broken;');
      }
      await writeFile(path.join(dir, 'migration_lock.toml'), 'provider = "postgresql"');
      await writeFile(path.join(dir, '20250102000000_a_file_not_a_folder'), 'SELECT 2;');
      await writeFile(path.join(dir, 'schema.snapshot.prisma'), '');

      const migrations = await readMigrations(dir);
      expect(migrations.map((m) => m.name)).toEqual(['20250101000000_init']);
    });

    it('gives an empty list for an empty folder', async () => {
      expect(await readMigrations(dir)).toEqual([]);
    });

    it('fails when a migration folder has no migration.sql', async () => {
      await mkdir(path.join(dir, '20250101000000_init'));
      await expect(readMigrations(dir)).rejects.toThrow(/migration\.sql/);
    });

    it('fails when the folder does not exist', async () => {
      await expect(readMigrations(path.join(dir, 'missing'))).rejects.toThrow();
    });

    it('feeds planMigrations: a fresh database gets every migration read', async () => {
      await addMigration('20250201000000_b', 'SELECT 2;');
      await addMigration('20250101000000_a', 'SELECT 1;');
      const plan = planMigrations(await readMigrations(dir), [{ name: '20250101000000_a', checksum: sha('SELECT 1;') }]);
      expect(plan.map((m) => m.name)).toEqual(['20250201000000_b']);
    });
  });
});
