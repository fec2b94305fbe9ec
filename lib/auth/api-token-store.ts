// API tokens as the doors see them: a bearer token becomes the same Actor a session gives, with
// the owner's grants (narrowed when the token is) and the token named for the audit log. Only a
// SHA-256 of a token is stored. A token stops at once when it is revoked (its row deleted), when
// it expires, and when its owner is disabled or may no longer sign in: the token and its owner are
// read on every request; the owner's grants come from the console's cache (lib/auth/access-cache.ts).
import 'server-only';
import { randomBytes } from 'node:crypto';
import type { Db } from '@/lib/db/client.ts';
import { AppError } from '@/lib/errors.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import type { Actor } from './actor.ts';
import { API_TOKEN_PREFIX, readBearer } from './bearer-token.ts';
import { grantOfRow } from './grant-rows.ts';
import { narrowGrants } from './narrow-grants.ts';
import { TOUCH_INTERVAL_MS, uncachedAccess, type AccessSource } from './access-cache.ts';
import { ACCESSING_USER_COLUMNS, accessingUser, actorOfAccessingUser, hashToken, mayAct, type AccessingUser } from './session-store.ts';

/** A new token and the hash to store (the token itself is shown once and never kept). */
export function mintApiToken(): { token: string; tokenHash: string } {
  const token = `${API_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
  return { token, tokenHash: hashToken(token) };
}

const refused = (message: Message) => new AppError('UNAUTHENTICATED', message);

export const TOKEN_MISSING = msg('apiTokens.errors.missing');
export const TOKEN_MALFORMED = msg('apiTokens.errors.malformed');
export const TOKEN_UNKNOWN = msg('apiTokens.errors.unknown');

type TokenRow = {
  id: string;
  name: string;
  expiresAt: Date;
  lastUsedAt: Date | null;
  builtinRole: string | null;
  roleId: string | null;
  scopeType: string | null;
  hostId: string | null;
  swarmId: string | null;
  stackName: string | null;
  projectName: string | null;
  registryId: string | null;
  /** The narrowing's custom role, when it names one that still exists. */
  roleName: string | null;
  rolePermissions: string[] | null;
  userId: string;
} & Omit<AccessingUser, 'id'>;

/** The token, its narrowing's custom role and its owner, in one query. */
async function readToken(db: Db, tokenHash: string): Promise<TokenRow | undefined> {
  const rows = await db.$queryRaw<TokenRow[]>`SELECT t."id", t."name", t."expiresAt", t."lastUsedAt", t."builtinRole", t."roleId", t."scopeType", t."hostId",
      t."swarmId", t."stackName", t."projectName", t."registryId", r."name" AS "roleName", r."permissions" AS "rolePermissions", ${ACCESSING_USER_COLUMNS}
    FROM "ApiToken" t JOIN "User" u ON u."id" = t."userId" LEFT JOIN "Role" r ON r."id" = t."roleId"
    WHERE t."tokenHash" = ${tokenHash}`;
  return rows[0];
}

/** The actor of `Authorization: Bearer <token>`, or UNAUTHENTICATED saying why (missing, malformed,
 * unknown or revoked, expired, owner disabled). The owner's grants come from `access` (the console's
 * cache, under the owner's access version read with the token). */
export async function actorOfBearer(db: Db, authorization: string | null, ip: string | null, access: AccessSource = uncachedAccess(db)): Promise<Actor> {
  const read = readBearer(authorization);
  if (read.kind === 'none') throw refused(TOKEN_MISSING);
  if (read.kind === 'malformed') throw refused(TOKEN_MALFORMED);
  const row = await readToken(db, hashToken(read.token));
  if (!row) throw refused(TOKEN_UNKNOWN);
  const now = Date.now();
  if (row.expiresAt.getTime() <= now) throw refused(msg('apiTokens.errors.expired', { name: row.name, date: row.expiresAt.toISOString().slice(0, 10) }));
  const user = accessingUser(row);
  if (!mayAct(user)) throw refused(msg('apiTokens.errors.ownerDisabled', { username: user.username }));
  const actor = await actorOfAccessingUser(access, user, { sessionId: `token:${row.id}`, ip, token: { id: row.id, name: row.name } });
  const { scopeType } = row;
  if (scopeType) {
    const role = row.roleId && row.roleName !== null ? { id: row.roleId, name: row.roleName, permissions: row.rolePermissions ?? [] } : null;
    const narrowing = grantOfRow({ ...row, scopeType, role }, { kind: 'user', grantId: row.id });
    // A narrowing whose custom role was deleted gives nothing (never the owner's full rights).
    actor.grants = narrowing ? narrowGrants(actor.grants, narrowing) : [];
  }
  if (access.touchDue(`token:${row.id}`, row.lastUsedAt, now)) {
    // Conditional, so consoles sharing the database write it once a minute between them.
    await db.apiToken
      .updateMany({ where: { id: row.id, OR: [{ lastUsedAt: null }, { lastUsedAt: { lt: new Date(now - TOUCH_INTERVAL_MS) } }] }, data: { lastUsedAt: new Date(now), lastUsedIp: ip?.slice(0, 64) ?? null } })
      .catch(() => {});
  }
  return actor;
}
