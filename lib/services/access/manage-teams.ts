// Teams: administrators create, rename and delete them and choose their leads; a team's leads add
// and remove its members. A change of membership reaches the members' open sessions and sockets at
// once (sessions re-read grants; sockets are told to re-check).
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { isAllowed } from '@/lib/auth/permissions.ts';
import { onUniqueViolation } from '@/lib/db/errors.ts';
import type { TeamDetail, TeamSummary } from '@/lib/models/access/access-views.ts';
import type { ServiceDeps } from '../deps.ts';
import { accessChanged, type AccessDeps } from './access-changed.ts';
import { GRANT_VIEW_INCLUDE, scopeNames, toGrantView } from './access-names.ts';

type Deps = AccessDeps;


async function findTeam(deps: Pick<ServiceDeps, 'db'>, teamId: string) {
  const team = await deps.db.team.findUnique({ where: { id: teamId }, include: { members: { select: { userId: true } } } });
  if (!team) throw new AppError('NOT_FOUND', msg('access.errors.teamNotFound'));
  return team;
}

/** Teams the actor may see: all of them with team.view everywhere, else those they lead. */
export async function listTeams(deps: Pick<ServiceDeps, 'db'>, actor: Actor): Promise<TeamSummary[]> {
  const teams = await deps.db.team.findMany({
    orderBy: { name: 'asc' },
    include: { members: { select: { lead: true, user: { select: { username: true } } } } },
  });
  return teams
    .filter((t) => isAllowed(actor.grants, 'team.view', { type: 'team', id: t.id }))
    .map((t) => ({ id: t.id, name: t.name, description: t.description, members: t.members.length, leads: t.members.filter((m) => m.lead).map((m) => m.user.username).sort() }));
}

/** The caller has authorized team.view on this team. */
export async function readTeam(deps: Pick<ServiceDeps, 'db'>, teamId: string): Promise<TeamDetail> {
  const team = await deps.db.team.findUnique({
    where: { id: teamId },
    include: {
      members: { include: { user: { select: { id: true, username: true, displayName: true } } } },
      grants: { include: GRANT_VIEW_INCLUDE, orderBy: { createdAt: 'asc' } },
    },
  });
  if (!team) throw new AppError('NOT_FOUND', msg('access.errors.teamNotFound'));
  const names = await scopeNames(deps.db);
  return {
    id: team.id,
    name: team.name,
    description: team.description,
    members: team.members
      .map((m) => ({ userId: m.user.id, username: m.user.username, displayName: m.user.displayName, lead: m.lead, source: m.source }))
      .sort((a, b) => Number(b.lead) - Number(a.lead) || a.username.localeCompare(b.username)),
    grants: team.grants.flatMap((g) => toGrantView(g, names) ?? []),
  };
}

const nameTaken = (name: string) => new AppError('CONFLICT', msg('access.errors.teamNameTaken', { name }), { fieldErrors: { name: [issueText('access.errors.nameTaken')] } });

export async function createTeam(deps: Pick<ServiceDeps, 'db'>, actor: Actor, input: { name: string; description?: string }): Promise<{ id: string; name: string }> {
  return audited(deps.db, subjectOf(actor), 'team.create', { type: 'team', name: input.name }, () =>
    onUniqueViolation(() => deps.db.team.create({ data: { name: input.name, description: input.description || null }, select: { id: true, name: true } }), () => nameTaken(input.name)),
    (team) => ({ id: team.id }),
  );
}

export async function renameTeam(deps: Pick<ServiceDeps, 'db'>, actor: Actor, input: { teamId: string; name: string; description?: string }): Promise<void> {
  const team = await findTeam(deps, input.teamId);
  await audited(deps.db, subjectOf(actor), 'team.rename', { type: 'team', id: team.id, name: team.name }, () =>
    onUniqueViolation(() => deps.db.team.update({ where: { id: team.id }, data: { name: input.name, description: input.description ?? team.description } }), () => nameTaken(input.name)),
    () => ({ message: `Renamed to ${input.name}` }),
  );
}

/** Deleting a team ends its members' access through it (its grants go with it). */
export async function deleteTeam(deps: Deps, actor: Actor, input: { teamId: string; confirmName: string }): Promise<void> {
  const team = await findTeam(deps, input.teamId);
  if (input.confirmName !== team.name) throw new AppError('INVALID_INPUT', msg('access.errors.typeTeamName', { name: team.name }), { fieldErrors: { confirmName: [issueText('access.errors.notTeamName')] } });
  await audited(deps.db, subjectOf(actor), 'team.delete', { type: 'team', id: team.id, name: team.name }, async () => {
    await deps.db.team.delete({ where: { id: team.id } });
  });
  await accessChanged(deps, actor, team.members.map((m) => m.userId), msg('guardText.why.teamDeleted', { actor: actor.username, team: team.name }));
}

/** Adds a member (or changes whether they lead). Only holders of team.manage everywhere choose leads. */
/**
 * Whom the add-member form offers: administrators choose from every enabled user; a lead is shown
 * no list (the usernames of people outside their teams are not theirs to browse) and types the
 * exact username instead.
 */
export async function memberCandidates(deps: Deps, actor: Actor): Promise<{ id: string; username: string }[] | null> {
  if (!isAllowed(actor.grants, 'team.manage')) return null;
  return deps.db.user.findMany({ where: { disabled: false }, orderBy: { username: 'asc' }, select: { id: true, username: true } });
}

async function memberToAdd(deps: Deps, input: { userId?: string; username?: string }): Promise<{ id: string; username: string }> {
  if (input.username !== undefined) {
    const named = await deps.db.user.findUnique({ where: { username: input.username }, select: { id: true, username: true, disabled: true } });
    if (!named || named.disabled) {
      const said = ['access.errors.noUserNamed', { username: input.username }] as const;
      throw new AppError('NOT_FOUND', msg(...said), { fieldErrors: { username: [issueText(...said)] } });
    }
    return named;
  }
  const user = input.userId ? await deps.db.user.findUnique({ where: { id: input.userId }, select: { id: true, username: true } }) : null;
  if (!user) throw new AppError('NOT_FOUND', msg('access.errors.userNotFound'));
  return user;
}

export async function addTeamMember(deps: Deps, actor: Actor, input: { teamId: string; userId?: string; username?: string; lead: boolean }): Promise<void> {
  const team = await findTeam(deps, input.teamId);
  const administrator = isAllowed(actor.grants, 'team.manage');
  if (input.lead && !administrator) throw new AppError('FORBIDDEN', msg('access.errors.onlyAdminLead'));
  const user = await memberToAdd(deps, input);
  const existing = await deps.db.teamMember.findUnique({ where: { teamId_userId: { teamId: team.id, userId: user.id } } });
  if (existing?.lead && !input.lead && !administrator) throw new AppError('FORBIDDEN', msg('access.errors.onlyAdminChangeLead', { username: user.username, team: team.name }));
  await audited(deps.db, subjectOf(actor), existing ? 'team.member-change' : 'team.member-add', { type: 'team', id: team.id, name: team.name }, async () => {
    await deps.db.teamMember.upsert({
      where: { teamId_userId: { teamId: team.id, userId: user.id } },
      create: { teamId: team.id, userId: user.id, lead: input.lead, source: 'local' },
      update: { lead: input.lead },
    });
  }, () => ({ message: `${user.username}${input.lead ? ' (lead)' : ''}` }));
  await accessChanged(deps, actor, [user.id], msg('guardText.why.memberChanged', { actor: actor.username, user: user.username, team: team.name }));
}

/** Removes a member: their access through the team ends on their next request, and their open
 * terminals and log streams at the next re-check (case 28). A lead may not remove another lead. */
export async function removeTeamMember(deps: Deps, actor: Actor, input: { teamId: string; userId: string }): Promise<void> {
  const team = await findTeam(deps, input.teamId);
  const member = await deps.db.teamMember.findUnique({ where: { teamId_userId: { teamId: team.id, userId: input.userId } }, include: { user: { select: { username: true } } } });
  if (!member) throw new AppError('NOT_FOUND', msg('access.errors.notMember'));
  if (member.lead && member.userId !== actor.id && !isAllowed(actor.grants, 'team.manage')) throw new AppError('FORBIDDEN', msg('access.errors.onlyAdminRemoveLead', { username: member.user.username, team: team.name }));
  await audited(deps.db, subjectOf(actor), 'team.member-remove', { type: 'team', id: team.id, name: team.name }, async () => {
    await deps.db.teamMember.delete({ where: { teamId_userId: { teamId: team.id, userId: input.userId } } });
  }, () => ({ message: member.user.username }));
  await accessChanged(deps, actor, [input.userId], msg('guardText.why.memberRemoved', { actor: actor.username, user: member.user.username, team: team.name }));
}
