// Where the schema, its migrations and the schema snapshot of the latest migration live.
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '../..');
export const schemaPath = path.join(projectRoot, 'prisma/schema.prisma');
export const migrationsDir = path.join(projectRoot, 'prisma/migrations');
/** The schema as of the newest migration; new migrations are diffs from it. */
export const snapshotPath = path.join(migrationsDir, 'schema.snapshot.prisma');
