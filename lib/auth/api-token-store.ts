// API tokens as the doors see them: a bearer token becomes the same Actor a session gives, with
// the owner's grants (narrowed when the token is) and the token named for the audit log. Only a
// SHA-256 of a token is stored. A token stops at once when it is revoked (its row deleted), when
// it expires, and when its owner is disabled or may no longer sign in.
import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db/client.ts';
import { AppError } from '@/lib/errors.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import type { Actor } from './actor.ts';
import { API_TOKEN_PREFIX, readBearer } from './bearer-token.ts';
import { GRANT_ROWS_INCLUDE, grantOfRow, grantsOfRows } from './grant-rows.ts';
import { narrowGrants } from './narrow-grants.ts';
import { grantsForUser, isRoleKey } from './permissions.ts';
import { isLocale } from '@/lib/i18n/locales.ts';
import { hashToken } from './session-store.ts';

const TOUCH_INTERVAL_MS = 60_000;

/** A new token and the hash to store (the token itself is shown once and never kept). */
export function mintApiToken(): { token: string; tokenHash: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashToken(token) };
}

const refused = (message: Message) => new AppError('UNAUTHENTICATED', message);

export const TOKEN_MISSING = msg('apiTokens.errors.missing');
export const TOKEN_MALFORMED = msg('apiTokens.errors.malformed');
export const TOKEN_UNKNOWN = msg('apiTokens.errors.unknown');

/** The actor of `Authorization: Bearer <token>`, or UNAUTHENTICATED saying why (missing, malformed,
 * unknown or revoked, expired, owner disabled). */
export async function actorOfBearer(db: Db, authorization: string | null, ip: string | null): Promise<Actor> {
  const read = readBearer(authorization);
  if (read.kind === 'none') throw refused(TOKEN_MISSING);
  if (read.kind === 'malformed') throw refused(TOKEN_MALFORMED);
  const row = await db.apiToken.findUnique({ where: { tokenHash: hashToken(read.token) }, include: { user: { include: GRANT_ROWS_INCLUDE } } });
  if (!row) throw refused(TOKEN_UNKNOWN);
  const now = Date.now();
  if (row.expiresAt.getTime() <= now) throw refused(msg('apiTokens.errors.expired', { name: row.name, date: row.expiresAt.toISOString().slice(0, 10) }));
  const user = row.user;
  if (user.disabled || !isRoleKey(user.role)) throw refused(msg('apiTokens.errors.ownerDisabled', { username: user.username }));
  const owner = grantsForUser(user, grantsOfRows(user));
  let grants = owner;
  const { scopeType } = row;
  if (scopeType) {
    const role = row.roleId ? await db.role.findUnique({ where: { id: row.roleId } }) : null;
    const narrowing = grantOfRow({ ...row, scopeType, role }, { kind: 'user', grantId: row.id });
    // A narrowing whose custom role was deleted gives nothing (never the owner's full rights).
    grants = narrowing ? narrowGrants(owner, narrowing) : [];
  }
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > TOUCH_INTERVAL_MS) {
    await db.apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now), lastUsedIp: ip?.slice(0, 64) ?? null } }).catch(() => {});
  }
  return { id: user.id, username: user.username, role: user.role, grants, sessionId: `token:${row.id}`, ip, token: { id: row.id, name: row.name }, locale: isLocale(user.locale) ? user.locale : null };
}
