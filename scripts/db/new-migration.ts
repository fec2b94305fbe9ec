// Authors a migration: diffs prisma/schema.prisma against the schema of the newest migration
// and writes prisma/migrations/<timestamp>_<name>/migration.sql, then moves the snapshot on.
// Usage: npm run db:migration -- --name add_hosts
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { diffSchemas } from './schema-diff.ts';
import { migrationsDir, schemaPath, snapshotPath } from './paths.ts';

const { values } = parseArgs({ options: { name: { type: 'string' } } });
const name = values.name ?? '';
if (!/^[a-z0-9_]{1,60}$/.test(name)) {
  console.error('Give the migration a name: npm run db:migration -- --name add_something (lowercase, digits, _)');
  process.exit(2);
}

const schema = await readFile(schemaPath, 'utf8');
const previous = await readFile(snapshotPath, 'utf8').catch(() => null);
const sql = await diffSchemas(previous, schema);
if (!sql) {
  console.log('prisma/schema.prisma matches the newest migration: nothing to write.');
  process.exit(0);
}
const stamp = new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14);
const dir = path.join(migrationsDir, `${stamp}_${name}`);
await mkdir(dir, { recursive: true });
await writeFile(path.join(dir, 'migration.sql'), sql);
await writeFile(snapshotPath, schema);
console.log(`Wrote ${path.relative(process.cwd(), dir)}/migration.sql — review it, then commit it with the schema.`);
