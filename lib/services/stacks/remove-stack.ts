// Removes a stack like `docker stack rm`: its services first, then its networks, secrets and
// configs (all found by the namespace label). What could not be removed is named.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager, engineMessage } from '../engine/index.ts';
import { namespaceFilter } from './stack-labels.ts';

export async function removeStack(deps: Pick<ServiceDeps, 'db' | 'engines'>, actor: Actor, input: { swarmId: string; stackName: string; confirmName: string }): Promise<{ removed: string[] }> {
  if (input.confirmName.trim() !== input.stackName) {
    throw new AppError('INVALID_INPUT', msg('stacks.errors.typeNameToConfirm', { name: input.stackName }), { fieldErrors: { confirmName: [issueText('stacks.errors.nameMismatch')] } });
  }
  return audited(deps.db, subjectOf(actor), 'stack.remove', { type: 'stack', id: `${input.swarmId}/${input.stackName}`, name: input.stackName }, async () => {
    const { value } = await callManager(deps, input.swarmId, { write: true, doing: `remove stack ${input.stackName}` }, async (api) => {
      const label = { label: [namespaceFilter(input.stackName)] };
      const removed: string[] = [];
      const failed: string[] = [];
      const attempt = async (what: string, work: () => Promise<unknown>) => {
        try {
          await work();
          removed.push(what);
        } catch (error) {
          failed.push(`${what} (${engineMessage(error) || (error as Error).message})`);
        }
      };
      const services = await api.listServices({ status: true, filters: label });
      if (!services.length) {
        const leftovers = (await api.listNetworks(label)).length + (await api.listSecrets(label)).length + (await api.listConfigs(label)).length;
        if (!leftovers) throw new AppError('NOT_FOUND', msg('stacks.errors.noStack', { name: input.stackName }));
      }
      for (const s of services) await attempt(`service ${s.Spec.Name}`, () => api.removeService(s.ID));
      for (const n of await api.listNetworks(label)) await attempt(`network ${n.Name}`, () => api.removeNetwork(n.Id));
      for (const s of await api.listSecrets(label)) await attempt(`secret ${s.Spec.Name}`, () => api.removeSecret(s.ID));
      for (const c of await api.listConfigs(label)) await attempt(`config ${c.Spec.Name}`, () => api.removeConfig(c.ID));
      if (failed.length) throw new AppError('ENGINE_ERROR', msg('stacks.errors.partlyRemoved', { count: removed.length, failed: failed.join('; ') }));
      return { removed };
    });
    return value;
  });
}
