// An administrator moves a standalone container to another team (or none), or makes it visible to
// all. Its labels cannot change, so a ContainerOwner row stands over them (container-owners.ts);
// a swarm task's container moves with its service, a Compose project's with its project. Audited.
import 'server-only';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { ownerOfChoice } from '@/lib/auth/ownership.ts';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { isSwarmTask, PROJECT_LABEL } from '@/lib/models/access/containment.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine } from '../engine/index.ts';
import { teamToMoveTo } from '../access/owner-for-create.ts';

export async function moveContainer(deps: Pick<ServiceDeps, 'db' | 'engines'>, actor: Actor, input: { hostId: string; containerId: string; owner: { teamId: string | null; everyone: boolean } }): Promise<void> {
  await teamToMoveTo(deps, input.owner.teamId);
  const engine = await hostEngine(deps, input.hostId);
  const inspect = await engine.call(msg('engineText.doing.findContainer', { name: input.containerId.slice(0, 12) }), (api) => api.inspectContainer(input.containerId));
  const labels = (inspect.Config as { Labels?: Record<string, string> | null } | undefined)?.Labels;
  if (isSwarmTask(labels) || labels?.[PROJECT_LABEL]) throw new AppError('PRECONDITION', msg('access.errors.moveWithParent'));
  const name = inspect.Name.replace(/^\//, '');
  const owner = ownerOfChoice(input.owner);
  const row = { ownerTeamId: owner?.team ?? null, ownerEveryone: !!owner?.everyone, movedById: actor.id, movedAt: new Date() };
  await audited(deps.db, subjectOf(actor), 'container.move', { type: 'container', id: `${input.hostId}/${inspect.Id.slice(0, 12)}`, name: `${name} on ${engine.hostName}` }, () =>
    deps.db.containerOwner.upsert({ where: { hostId_containerId: { hostId: input.hostId, containerId: inspect.Id } }, create: { hostId: input.hostId, containerId: inspect.Id, ...row }, update: row }),
  );
}
