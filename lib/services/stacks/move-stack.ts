// An administrator moves a stack to another team (or none), or makes it visible to all: the owner
// labels of each of its services and their tasks' containers are updated in place (the swarm
// replaces the tasks as in an update); later deploys keep that owner. Audited.
import 'server-only';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { ownerOfChoice } from '@/lib/auth/ownership.ts';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager } from '../engine/index.ts';
import { teamToMoveTo } from '../access/owner-for-create.ts';
import { withOwner } from '../swarm-services/manage-services.ts';
import { namespaceFilter } from './stack-labels.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;

export async function moveStack(deps: Deps, actor: Actor, input: { swarmId: string; stackName: string; owner: { teamId: string | null; everyone: boolean } }): Promise<{ services: number }> {
  await teamToMoveTo(deps, input.owner.teamId);
  const owner = ownerOfChoice(input.owner);
  return audited(deps.db, subjectOf(actor), 'stack.move', { type: 'stack', id: `${input.swarmId}/${input.stackName}`, name: input.stackName }, async () => {
    const { value } = await callManager(deps, input.swarmId, { write: true, doing: msg('engineText.doing.deployStack', { name: input.stackName }) }, async (api, manager) => {
      const services = await api.listServices({ filters: { label: [namespaceFilter(input.stackName)] } });
      if (!services.length) throw new AppError('NOT_FOUND', msg('stacks.errors.noStack', { name: input.stackName }));
      for (const service of services) {
        const current = await manager.step(msg('engineText.doing.readService', { name: service.Spec.Name }), api.inspectService(service.ID));
        await manager.step(msg('guardText.doing.updateService', { name: service.Spec.Name }), api.updateService(service.ID, current.Version.Index, withOwner(current.Spec as Record<string, unknown>, owner)));
      }
      return { services: services.length };
    });
    return value;
  }, (r) => ({ name: `${input.stackName} (${r.services} services)` }));
}
