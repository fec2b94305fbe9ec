// Database sessions. The cookie holds a random token; the database holds only its SHA-256, so
// a leaked database does not hand out sessions. Resolving a session re-reads the user in the same
// query (one round trip), which makes sign-out, disabling a user and role changes take effect on
// the next request. The user's grants (their own and their teams') come from the access source
// under the user's access version, read in that query: the console's cache (lib/auth/access-cache.ts)
// reads them again whenever a change to a role, a grant or a membership has bumped it, so such a
// change applies on the next request and to open streams at their next re-check.
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db/client.ts';
import { Prisma } from '@/lib/generated/prisma/client.ts';
import type { Actor } from './actor.ts';
import { grantsForUser, isRoleKey } from './permissions.ts';
import { uncachedAccess, type AccessSource } from './access-cache.ts';
import { isLocale } from '@/lib/i18n/locales.ts';

export const SESSION_COOKIE = 'wharf.session';

export const hashToken = (token: string): string => createHash('sha256').update(token).digest('hex');

export async function createSession(
  db: Db,
  userId: string,
  options: { hours: number; ip: string | null; userAgent: string | null },
): Promise<{ token: string; expiresAt: Date }> {
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(Date.now() + options.hours * 3600_000);
  await db.session.create({
    data: { tokenHash: hashToken(token), userId, expiresAt, ip: options.ip?.slice(0, 64), userAgent: options.userAgent?.slice(0, 300) },
  });
  return { token, expiresAt };
}

const TOKEN_SHAPE = /^[A-Za-z0-9_-]{43}$/;

/** The user as a door reads them with their session or token: who, whether they may act, and the
 * version of their access (the key of their cached grants). */
export type AccessingUser = { id: string; username: string; role: string; disabled: boolean; locale: string | null; accessVersion: number };

/** The columns of AccessingUser, for a query joining "User" as u. */
export const ACCESSING_USER_COLUMNS = Prisma.raw('u."id" AS "userId", u."username", u."role", u."disabled", u."locale", u."accessVersion"');

type SessionRow = { id: string; tokenHash: string; expiresAt: Date; lastSeenAt: Date; userId: string } & Omit<AccessingUser, 'id'>;

/** The user of a row that carries ACCESSING_USER_COLUMNS. */
export const accessingUser = (row: { userId: string } & Omit<AccessingUser, 'id'>): AccessingUser => ({
  id: row.userId,
  username: row.username,
  role: row.role,
  disabled: row.disabled,
  locale: row.locale,
  accessVersion: Number(row.accessVersion),
});

/** Whether the user may act at all (not disabled, a role Wharf knows). */
export const mayAct = (user: AccessingUser): user is AccessingUser & { role: Actor['role'] } => !user.disabled && isRoleKey(user.role);

/** The actor a user is with their grants (base role and the grants their rows give). */
export async function actorOfAccessingUser(access: AccessSource, user: AccessingUser & { role: Actor['role'] }, how: Pick<Actor, 'sessionId' | 'ip'> & Partial<Pick<Actor, 'token' | 'webhook'>>): Promise<Actor> {
  const grants = grantsForUser(user, await access.grantsOf(user.id, user.accessVersion));
  return { id: user.id, username: user.username, role: user.role, grants, ...how, locale: isLocale(user.locale) ? user.locale : null };
}

function readSessions(db: Db, hashes: readonly string[]): Promise<SessionRow[]> {
  return db.$queryRaw<SessionRow[]>`SELECT s."id", s."tokenHash", s."expiresAt", s."lastSeenAt", ${ACCESSING_USER_COLUMNS}
    FROM "Session" s JOIN "User" u ON u."id" = s."userId" WHERE s."tokenHash" = ANY(${hashes}::text[])`;
}

/** The actor a stored session stands for, or null when it has expired or its user may not sign in. */
async function actorOf(access: AccessSource, session: SessionRow | undefined, ip: string | null, now: number): Promise<Actor | null> {
  if (!session || session.expiresAt.getTime() <= now) return null;
  const user = accessingUser(session);
  if (!mayAct(user)) return null;
  return actorOfAccessingUser(access, user, { sessionId: session.id, ip });
}

export async function resolveSession(db: Db, token: string | undefined | null, ip: string | null = null, access: AccessSource = uncachedAccess(db)): Promise<Actor | null> {
  if (!token || !TOKEN_SHAPE.test(token)) return null;
  const [session] = await readSessions(db, [hashToken(token)]);
  const now = Date.now();
  const actor = await actorOf(access, session, ip, now);
  if (actor && access.touchDue(`session:${session!.id}`, session!.lastSeenAt, now)) {
    await db.session.update({ where: { id: session!.id }, data: { lastSeenAt: new Date(now) } }).catch(() => {});
  }
  return actor;
}

/** Many sessions in one query (for re-checking every open socket at once); ip is left null. */
export async function resolveSessions(db: Db, tokens: readonly string[], access: AccessSource = uncachedAccess(db)): Promise<Map<string, Actor | null>> {
  const tokenByHash = new Map(tokens.filter((t) => TOKEN_SHAPE.test(t)).map((t) => [hashToken(t), t]));
  const sessions = tokenByHash.size ? await readSessions(db, [...tokenByHash.keys()]) : [];
  const now = Date.now();
  const result = new Map<string, Actor | null>(tokens.map((t) => [t, null]));
  for (const session of sessions) result.set(tokenByHash.get(session.tokenHash)!, await actorOf(access, session, null, now));
  const touch = sessions.filter((s) => result.get(tokenByHash.get(s.tokenHash)!) && access.touchDue(`session:${s.id}`, s.lastSeenAt, now));
  if (touch.length) await db.session.updateMany({ where: { id: { in: touch.map((s) => s.id) } }, data: { lastSeenAt: new Date(now) } }).catch(() => {});
  return result;
}

export async function revokeSession(db: Db, token: string): Promise<void> {
  await db.session.deleteMany({ where: { tokenHash: hashToken(token) } });
}

export async function revokeUserSessions(db: Db, userId: string): Promise<void> {
  await db.session.deleteMany({ where: { userId } });
}

export async function pruneExpiredSessions(db: Db): Promise<void> {
  await db.session.deleteMany({ where: { expiresAt: { lt: new Date() } } });
}
