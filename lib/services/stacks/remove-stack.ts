// Removes a stack like `docker stack rm`: its services first, then its networks, secrets and
// configs (all found by the namespace label). What could not be removed is named.
import { AppError } from '@/lib/errors.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { listConfigsByLabel, listNetworksByLabel, listSecretsByLabel, listServicesByLabel, removeConfig, removeNetwork, removeSecret, removeService } from '@/lib/services/engine/stack-api.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager } from '../engine/call-manager.ts';
import { namespaceFilter } from './stack-labels.ts';

export async function removeStack(deps: Pick<ServiceDeps, 'db' | 'engines'>, actor: Actor, input: { swarmId: string; stackName: string; confirmName: string }): Promise<{ removed: string[] }> {
  if (input.confirmName.trim() !== input.stackName) {
    throw new AppError('INVALID_INPUT', `Type the stack's name, ${input.stackName}, to confirm.`, { fieldErrors: { confirmName: ['The name does not match.'] } });
  }
  return audited(deps.db, subjectOf(actor), 'stack.remove', { type: 'stack', id: `${input.swarmId}/${input.stackName}`, name: input.stackName }, async () => {
    const { value } = await callManager(deps, input.swarmId, { write: true }, async (docker, signal) => {
      const label = namespaceFilter(input.stackName);
      const removed: string[] = [];
      const failed: string[] = [];
      const attempt = async (what: string, work: () => Promise<unknown>) => {
        try {
          await work();
          removed.push(what);
        } catch (error) {
          failed.push(`${what} (${(error as { json?: { message?: string } }).json?.message ?? (error as Error).message})`);
        }
      };
      const services = await listServicesByLabel(docker, label, signal);
      if (!services.length) {
        const leftovers = (await listNetworksByLabel(docker, label, signal)).length + (await listSecretsByLabel(docker, label, signal)).length + (await listConfigsByLabel(docker, label, signal)).length;
        if (!leftovers) throw new AppError('NOT_FOUND', `There is no stack "${input.stackName}" on this swarm.`);
      }
      for (const s of services) await attempt(`service ${s.Spec.Name}`, () => removeService(docker, s.ID, signal));
      for (const n of await listNetworksByLabel(docker, label, signal)) await attempt(`network ${n.Name}`, () => removeNetwork(docker, n.Id, signal));
      for (const s of await listSecretsByLabel(docker, label, signal)) await attempt(`secret ${s.Spec.Name}`, () => removeSecret(docker, s.ID, signal));
      for (const c of await listConfigsByLabel(docker, label, signal)) await attempt(`config ${c.Spec.Name}`, () => removeConfig(docker, c.ID, signal));
      if (failed.length) throw new AppError('ENGINE_ERROR', `Removed ${removed.length} object(s), but not: ${failed.join('; ')}. Networks can stay busy for a few seconds while tasks stop: remove the stack again.`);
      return { removed };
    });
    return value;
  });
}
