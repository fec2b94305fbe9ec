// Creates the Prisma Client on the pg driver adapter: no native query engine.
import 'server-only';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client.ts';

export type Db = PrismaClient;

/** A database that does not accept a connection within this long counts as away (instead of a request hanging on it). */
const CONNECT_WITHIN_MS = 10_000;

export function createDb(databaseUrl: string): Db {
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: databaseUrl, max: 10, connectionTimeoutMillis: CONNECT_WITHIN_MS }) });
}
