// What a request needs to know about its user's access without reading all of it from Postgres
// each time. Two things, both per console process:
// - the grants each user holds (their own, their teams', what leading gives), kept under the user's
//   `accessVersion`. Database triggers bump that number in the same transaction as any change to
//   what the grants are made of (prisma/migrations/*_user_access_version), and every request reads
//   it with its session or token in one query, so a change applies at the next request in every
//   console sharing the database — nothing here is invalidated by hand or by a message;
// - when each session and token last had its last use written, so that is written at most once a
//   minute per session or token (not once per request, and not by every request of a burst).
// One instance belongs to the runtime (lib/runtime); tests and benchmarks may read uncached.
import 'server-only';
import type { Db } from '@/lib/db/client.ts';
import { GRANT_ROWS_INCLUDE, grantsOfRows } from './grant-rows.ts';
import type { Grant } from './permissions.ts';

/** How often a session's or token's last use is written at most. */
export const TOUCH_INTERVAL_MS = 60_000;

/** Where the doors get a user's grants and whether to write a last use. */
export interface AccessSource {
  /** The grants from the user's rows (not their base role), as of at least `version`. */
  grantsOf(userId: string, version: number): Promise<readonly Grant[]>;
  /** Whether to write the last use of `key` (a session or token) now; answering yes counts as written. */
  touchDue(key: string, lastWritten: Date | null, now: number): boolean;
}

/** The grants the user's rows give (none when the user is gone), read from Postgres. */
export async function readUserGrants(db: Db, userId: string): Promise<Grant[]> {
  const user = await db.user.findUnique({ where: { id: userId }, select: GRANT_ROWS_INCLUDE });
  return user ? grantsOfRows(user) : [];
}

const stale = (lastWritten: Date | null, now: number) => !lastWritten || now - lastWritten.getTime() > TOUCH_INTERVAL_MS;

/** Reads every time (tests, benchmarks, one-off scripts). */
export const uncachedAccess = (db: Db): AccessSource => ({
  grantsOf: (userId) => readUserGrants(db, userId),
  touchDue: (_key, lastWritten, now) => stale(lastWritten, now),
});

type Entry = { version: number; grants: readonly Grant[] };

/** The console's cache: at most `capacity` users (least recently used go first). */
export class AccessCache implements AccessSource {
  private readonly entries = new Map<string, Entry>();
  /** Reads under way, so a burst of requests of one user reads their grants once. */
  private readonly reading = new Map<string, Promise<readonly Grant[]>>();
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly db: Db,
    private readonly capacity = 10_000,
  ) {}

  async grantsOf(userId: string, version: number): Promise<readonly Grant[]> {
    const hit = this.entries.get(userId);
    if (hit && hit.version === version) {
      this.entries.delete(userId);
      this.entries.set(userId, hit);
      return hit.grants;
    }
    const key = `${userId}\u0000${version}`;
    const pending = this.reading.get(key);
    if (pending) return pending;
    // The rows are read after `version` was (the caller read it with the session), so they are at
    // least as new as it: kept under it, a later bump makes the next request read them again.
    const read = readUserGrants(this.db, userId)
      .then((grants) => {
        const frozen = Object.freeze(grants);
        const current = this.entries.get(userId);
        if (!current || current.version <= version) this.remember(this.entries, userId, { version, grants: frozen });
        return frozen;
      })
      .finally(() => this.reading.delete(key));
    this.reading.set(key, read);
    return read;
  }

  touchDue(key: string, lastWritten: Date | null, now: number): boolean {
    const mine = this.touched.get(key);
    if (!stale(lastWritten, now) || (mine !== undefined && now - mine <= TOUCH_INTERVAL_MS)) return false;
    this.remember(this.touched, key, now);
    return true;
  }

  /** How many users' grants are kept (for tests). */
  get size(): number {
    return this.entries.size;
  }

  private remember<V>(map: Map<string, V>, key: string, value: V): void {
    map.delete(key);
    map.set(key, value);
    if (map.size > this.capacity) map.delete(map.keys().next().value!);
  }
}
