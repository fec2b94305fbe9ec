// The owner of what a user creates through Wharf: the team it is made for (the one asked for, which
// must be one of the user's teams unless they administer teams; or their only team; or none when
// they belong to none or did not choose among several) and who made it; and the team an
// administrator moves an object to.
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import type { Owner } from '@/lib/auth/ownership.ts';
import { isAllowed } from '@/lib/auth/permissions.ts';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import type { ServiceDeps } from '../deps.ts';

/** `teamId`: the team chosen in the form (absent: the user's only team, if they have exactly one). */
export async function ownerForCreate(deps: Pick<ServiceDeps, 'db'>, actor: Actor, teamId?: string | null): Promise<Owner | null> {
  if (teamId) {
    const member = await deps.db.teamMember.findUnique({ where: { teamId_userId: { teamId, userId: actor.id } }, select: { teamId: true } });
    const allowed = member ?? (isAllowed(actor.grants, 'team.manage', undefined, actor.id) ? await deps.db.team.findUnique({ where: { id: teamId }, select: { id: true } }) : null);
    if (!allowed) throw new AppError('INVALID_INPUT', msg('access.errors.notYourTeam'), { fieldErrors: { teamId: [issueText('access.errors.notYourTeam')] } });
    return { team: teamId, creator: actor.id };
  }
  const teams = await deps.db.teamMember.findMany({ where: { userId: actor.id }, select: { teamId: true }, take: 2 });
  return teams.length === 1 ? { team: teams[0].teamId, creator: actor.id } : null;
}

/** The team an administrator moves an object to must exist (none: the object is left without an owner). */
export async function teamToMoveTo(deps: Pick<ServiceDeps, 'db'>, teamId: string | null): Promise<void> {
  if (teamId && !(await deps.db.team.findUnique({ where: { id: teamId }, select: { id: true } }))) {
    throw new AppError('NOT_FOUND', msg('access.errors.teamNotFound'), { fieldErrors: { 'owner.teamId': [issueText('access.errors.teamNotFound')] } });
  }
}

/** The teams a create form offers: the user's own, by name. */
export async function listOwnTeams(deps: Pick<ServiceDeps, 'db'>, actor: Pick<Actor, 'id'>): Promise<{ id: string; name: string }[]> {
  const rows = await deps.db.teamMember.findMany({ where: { userId: actor.id }, select: { team: { select: { id: true, name: true } } } });
  return rows.map((r) => r.team).sort((a, b) => a.name.localeCompare(b.name));
}
