// Database sessions. The cookie holds a random token; the database holds only its SHA-256, so
// a leaked database does not hand out sessions. Resolving a session re-reads the user, which
// makes sign-out, disabling a user and role changes take effect on the next request. The user's
// grants (their own and their teams') are read in the same query, so a change to a role, a grant or
// a membership applies on the next request and to open streams at their next re-check.
import 'server-only';
import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db/client.ts';
import type { Actor } from './actor.ts';
import { grantsForUser, isRoleKey } from './permissions.ts';
import { GRANT_ROWS_INCLUDE, grantsOfRows, type UserGrantRows } from './grant-rows.ts';
import { isLocale } from '@/lib/i18n/locales.ts';

export const SESSION_COOKIE = 'wharf.session';
const TOUCH_INTERVAL_MS = 60_000;

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

type SessionWithUser = { id: string; expiresAt: Date; lastSeenAt: Date; user: { id: string; username: string; role: string; disabled: boolean; locale: string | null } & UserGrantRows };

const SESSION_INCLUDE = { user: { include: GRANT_ROWS_INCLUDE } } as const;

/** The actor a stored session stands for, or null when it has expired or its user may not sign in. */
function actorOf(session: SessionWithUser | null, ip: string | null, now: number): Actor | null {
  if (!session || session.expiresAt.getTime() <= now || session.user.disabled || !isRoleKey(session.user.role)) return null;
  return { id: session.user.id, username: session.user.username, role: session.user.role, grants: grantsForUser(session.user, grantsOfRows(session.user)), sessionId: session.id, ip, locale: isLocale(session.user.locale) ? session.user.locale : null };
}

export async function resolveSession(db: Db, token: string | undefined | null, ip: string | null = null): Promise<Actor | null> {
  if (!token || !TOKEN_SHAPE.test(token)) return null;
  const session = await db.session.findUnique({ where: { tokenHash: hashToken(token) }, include: SESSION_INCLUDE });
  const now = Date.now();
  const actor = actorOf(session, ip, now);
  if (actor && now - session!.lastSeenAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.session.update({ where: { id: session!.id }, data: { lastSeenAt: new Date(now) } }).catch(() => {});
  }
  return actor;
}

/** Many sessions in one query (for re-checking every open socket at once); ip is left null. */
export async function resolveSessions(db: Db, tokens: readonly string[]): Promise<Map<string, Actor | null>> {
  const tokenByHash = new Map(tokens.filter((t) => TOKEN_SHAPE.test(t)).map((t) => [hashToken(t), t]));
  const sessions = tokenByHash.size ? await db.session.findMany({ where: { tokenHash: { in: [...tokenByHash.keys()] } }, include: SESSION_INCLUDE }) : [];
  const now = Date.now();
  const result = new Map<string, Actor | null>(tokens.map((t) => [t, null]));
  for (const session of sessions) result.set(tokenByHash.get(session.tokenHash)!, actorOf(session, null, now));
  const touch = sessions.filter((s) => result.get(tokenByHash.get(s.tokenHash)!) && now - s.lastSeenAt.getTime() > TOUCH_INTERVAL_MS);
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
