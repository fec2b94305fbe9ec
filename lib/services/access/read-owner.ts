// Who owns one object, for an administrator's Owner card (lib/auth/ownership.ts), and the teams it
// can be moved to. Read as the doors read it.
import 'server-only';
import { ownerOfTarget } from '@/lib/auth/permissions.ts';
import type { ServiceDeps } from '../deps.ts';
import { locateContainer, locateService, locateStack } from './locate-target.ts';
import { ownerOfProjectRow } from '../compose-projects/project-owner.ts';

export type OwnedObject =
  | { kind: 'service'; swarmId: string; serviceId: string }
  | { kind: 'stack'; swarmId: string; stackName: string }
  | { kind: 'project'; hostId: string; name: string }
  | { kind: 'container'; hostId: string; containerId: string };

export async function readOwner(deps: Pick<ServiceDeps, 'db' | 'engines'>, object: OwnedObject): Promise<{ teamId: string | null; everyone: boolean }> {
  const owner =
    object.kind === 'service' ? ownerOfTarget(await locateService(deps, object.swarmId, object.serviceId))
    : object.kind === 'stack' ? ownerOfTarget(await locateStack(deps, object.swarmId, object.stackName))
    : object.kind === 'container' ? ownerOfTarget(await locateContainer(deps, object.hostId, object.containerId))
    : await deps.db.composeProject.findUnique({ where: { hostId_name: { hostId: object.hostId, name: object.name } }, select: { ownerTeamId: true, ownerCreatorId: true, ownerEveryone: true } }).then((row) => (row ? ownerOfProjectRow(row) : undefined));
  return { teamId: owner?.team ?? null, everyone: !!owner?.everyone };
}

/** Every team, by name: where an administrator may move an object. */
export const teamsToMoveTo = (deps: Pick<ServiceDeps, 'db'>) => deps.db.team.findMany({ orderBy: { name: 'asc' }, select: { id: true, name: true } });
