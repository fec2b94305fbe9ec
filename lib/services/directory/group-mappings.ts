// Directory group → team mappings: which team a directory group's members join at sign-in.
// Administrators; audited. A mapping removed takes effect at each member's next directory sign-in.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { onUniqueViolation } from '@/lib/db/errors.ts';
import type { DirectoryKind } from '@/lib/models/directory/directory-source.ts';
import type { ServiceDeps } from '../deps.ts';

type Deps = Pick<ServiceDeps, 'db'>;

export async function addGroupMapping(deps: Deps, actor: Actor, input: { source: DirectoryKind; groupName: string; teamId: string }): Promise<{ id: string }> {
  const team = await deps.db.team.findUnique({ where: { id: input.teamId }, select: { id: true, name: true } });
  if (!team) throw new AppError('NOT_FOUND', msg('directory.errors.teamNotFound'), { fieldErrors: { teamId: [issueText('directory.errors.chooseTeam')] } });
  return audited(deps.db, subjectOf(actor), 'directory.mapping.add', { type: 'team', id: team.id, name: team.name }, () =>
    onUniqueViolation(
      () => deps.db.directoryGroupMapping.create({ data: input, select: { id: true } }),
      () => new AppError('CONFLICT', msg('directory.errors.alreadyMapped', { group: input.groupName, team: team.name }), { fieldErrors: { groupName: [issueText('directory.errors.alreadyMappedField')] } }),
    ),
    (created) => ({ message: `${input.source} group "${input.groupName}" → ${team.name} (${created.id})` }),
  );
}

export async function removeGroupMapping(deps: Deps, actor: Actor, mappingId: string): Promise<void> {
  const mapping = await deps.db.directoryGroupMapping.findUnique({ where: { id: mappingId }, include: { team: { select: { name: true } } } });
  if (!mapping) throw new AppError('NOT_FOUND', msg('directory.errors.mappingNotFound'));
  await audited(deps.db, subjectOf(actor), 'directory.mapping.remove', { type: 'team', id: mapping.teamId, name: mapping.team.name }, async () => {
    await deps.db.directoryGroupMapping.deleteMany({ where: { id: mappingId } });
  }, () => ({ message: `${mapping.source} group "${mapping.groupName}" → ${mapping.team.name}` }));
}
