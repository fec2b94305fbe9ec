// An administrator moves a Compose project Wharf keeps to another team (or none), or makes it
// visible to all: its row records the owner, so its containers need not be recreated. Audited.
import 'server-only';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { ownerOfChoice } from '@/lib/auth/ownership.ts';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { ServiceDeps } from '../deps.ts';
import { teamToMoveTo } from '../access/owner-for-create.ts';
import { columnsOfOwner } from './project-owner.ts';

export async function moveProject(deps: Pick<ServiceDeps, 'db'>, actor: Actor, input: { hostId: string; name: string; owner: { teamId: string | null; everyone: boolean } }): Promise<void> {
  await teamToMoveTo(deps, input.owner.teamId);
  const row = await deps.db.composeProject.findUnique({ where: { hostId_name: { hostId: input.hostId, name: input.name } }, select: { id: true } });
  if (!row) throw new AppError('NOT_FOUND', msg('compose.errors.noSuchProject'));
  await audited(deps.db, subjectOf(actor), 'project.move', { type: 'project', id: `${input.hostId}/${input.name}`, name: input.name }, () =>
    deps.db.composeProject.update({ where: { id: row.id }, data: columnsOfOwner(ownerOfChoice(input.owner)) }),
  );
}
