// The actor a background caller acts as: a user with their current grants (none once disabled, so
// authorize() refuses and audits), for an inbound webhook or a git stack's check. Null when the
// user is gone. The grants come from `access` under the user's access version, as a session's do.
import 'server-only';
import type { Db } from '@/lib/db/client.ts';
import type { Actor } from './actor.ts';
import { uncachedAccess, type AccessSource } from './access-cache.ts';
import { actorOfAccessingUser, mayAct } from './session-store.ts';
import { isRoleKey } from './permissions.ts';
import { isLocale } from '@/lib/i18n/locales.ts';

export async function actorOfUser(db: Db, userId: string, how: Pick<Actor, 'sessionId' | 'ip' | 'webhook'>, access: AccessSource = uncachedAccess(db)): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { id: userId }, select: { id: true, username: true, role: true, disabled: true, locale: true, accessVersion: true } });
  if (!user) return null;
  if (mayAct(user)) return actorOfAccessingUser(access, user, how);
  return { id: user.id, username: user.username, role: isRoleKey(user.role) ? user.role : 'none', grants: [], ...how, locale: isLocale(user.locale) ? user.locale : null };
}
