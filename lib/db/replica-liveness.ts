// Which console replicas are alive: those whose heartbeat row (Replica, written by
// lib/runtime/replica-presence.ts on the database's clock) is fresh. Read by the runtime's sweep and
// by services that must tell a run under way on another replica from one whose replica died.
import 'server-only';
import type { Db } from '@/lib/db/client.ts';

/** Five missed heartbeats: longer than a slow query or a garbage collection, short enough that a dead replica's runs are marked within seconds. */
export const STALE_AFTER_MS = 15_000;

/** The replicas whose heartbeat is fresh (by the database's clock). */
export async function liveReplicaIds(db: Db, staleAfterMs = STALE_AFTER_MS): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Replica" WHERE "heartbeatAt" >= now() AT TIME ZONE 'UTC' - make_interval(secs => ${staleAfterMs / 1000}::double precision)`;
  return rows.map((row) => row.id);
}

/** Removes the rows of replicas that stopped beating (after their runs were marked). */
export async function forgetStaleReplicas(db: Db, staleAfterMs = STALE_AFTER_MS): Promise<number> {
  return db.$executeRaw`DELETE FROM "Replica" WHERE "heartbeatAt" < now() AT TIME ZONE 'UTC' - make_interval(secs => ${staleAfterMs / 1000}::double precision)`;
}

/** Whether one replica's heartbeat is fresh. */
export async function replicaIsLive(db: Db, replicaId: string, staleAfterMs = STALE_AFTER_MS): Promise<boolean> {
  const rows = await db.$queryRaw<{ id: string }[]>`
    SELECT "id" FROM "Replica" WHERE "id" = ${replicaId} AND "heartbeatAt" >= now() AT TIME ZONE 'UTC' - make_interval(secs => ${staleAfterMs / 1000}::double precision)`;
  return rows.length > 0;
}
