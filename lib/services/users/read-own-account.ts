// What the "Your account" page shows the signed-in user about themselves.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';

export type OwnAccount = { username: string; displayName: string | null; source: string; teams: string[] };

export async function readOwnAccount(deps: Pick<ServiceDeps, 'db'>, actor: Actor): Promise<OwnAccount> {
  const user = await deps.db.user.findUnique({
    where: { id: actor.id },
    select: { username: true, displayName: true, source: true, teams: { select: { team: { select: { name: true } } }, orderBy: { team: { name: 'asc' } } } },
  });
  if (!user) throw new AppError('UNAUTHENTICATED', msg('users.errors.sessionEnded'));
  return { username: user.username, displayName: user.displayName, source: user.source, teams: user.teams.map((t) => t.team.name) };
}

/**
 * For a user with no access at all (no base role, no grant of their own or of a team: a directory
 * user whose groups map to no team yet, say):
 * whom to ask, by name (the enabled administrators, at most five). Null for everyone else.
 */
export async function noAccessYet(deps: Pick<ServiceDeps, 'db'>, actor: Actor): Promise<{ askWhom: string[] } | null> {
  // Access comes from the base role, the user's own grants and their teams' grants, all in actor.grants.
  if (actor.grants.length > 0) return null;
  const admins = await deps.db.user.findMany({ where: { role: 'admin', disabled: false }, select: { username: true, displayName: true }, orderBy: { username: 'asc' }, take: 5 });
  return { askWhom: admins.map((a) => (a.displayName ? `${a.displayName} (${a.username})` : a.username)) };
}
