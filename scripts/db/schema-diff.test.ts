// The committed migrations must describe prisma/schema.prisma: a schema change without
// `npm run db:migration` fails here.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { diffSchemas } from './schema-diff.ts';
import { schemaPath, snapshotPath } from './paths.ts';

describe('migrations and schema', () => {
  it('the newest migration snapshot matches prisma/schema.prisma', async () => {
    const [schema, snapshot] = await Promise.all([readFile(schemaPath, 'utf8'), readFile(snapshotPath, 'utf8')]);
    expect(await diffSchemas(snapshot, schema)).toBe('');
  });

  it('diffs a real change into SQL', async () => {
    const schema = await readFile(schemaPath, 'utf8');
    const changed = schema.replace('model Host {', 'model Host {\n  nickname String?');
    expect(await diffSchemas(schema, changed)).toMatch(/ALTER TABLE "Host" ADD COLUMN\s+"nickname" TEXT/);
  }, 30_000);
});
