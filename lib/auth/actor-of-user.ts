// The actor a background caller acts as: a user with their current grants (none once disabled, so
// authorize() refuses and audits), for an inbound webhook or a git stack's check. Null when the
// user is gone.
import 'server-only';
import type { Db } from '@/lib/db/client.ts';
import { isLocale } from '@/lib/i18n/locales.ts';
import type { Actor } from './actor.ts';
import { GRANT_ROWS_INCLUDE, grantsOfRows } from './grant-rows.ts';
import { grantsForUser, isRoleKey } from './permissions.ts';

export async function actorOfUser(db: Db, userId: string, how: Pick<Actor, 'sessionId' | 'ip' | 'webhook'>): Promise<Actor | null> {
  const user = await db.user.findUnique({ where: { id: userId }, include: GRANT_ROWS_INCLUDE });
  if (!user) return null;
  const active = !user.disabled && isRoleKey(user.role);
  return {
    id: user.id,
    username: user.username,
    role: isRoleKey(user.role) ? user.role : 'none',
    grants: active ? grantsForUser(user, grantsOfRows(user)) : [],
    ...how,
    locale: isLocale(user.locale) ? user.locale : null,
  };
}
