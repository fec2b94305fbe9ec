// What the "Your account" page shows the signed-in user about themselves.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';

export type OwnAccount = { username: string; displayName: string | null; source: string; teams: string[] };

export async function readOwnAccount(deps: Pick<ServiceDeps, 'db'>, actor: Actor): Promise<OwnAccount> {
  const user = await deps.db.user.findUnique({
    where: { id: actor.id },
    select: { username: true, displayName: true, source: true, teams: { select: { team: { select: { name: true } } }, orderBy: { team: { name: 'asc' } } } },
  });
  if (!user) throw new AppError('UNAUTHENTICATED', 'Your session has ended. Sign in again.');
  return { username: user.username, displayName: user.displayName, source: user.source, teams: user.teams.map((t) => t.team.name) };
}
