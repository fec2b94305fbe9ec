// A network on one host, from the Networks page's dialog: bridge (internal, attachable, subnet and
// gateway), or macvlan and ipvlan, which put containers on the host's own network and so are
// judged by the workload policy's host network rule (unless the actor may run unrestricted
// workloads there). A refusal is audited and put on the driver field; a name already taken is
// refused on the name field.
import 'server-only';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { toNetworkBody } from '@/lib/models/containers/host-object-form.ts';
import type { CreateHostNetworkInput } from '@/lib/schemas/containers.ts';
import { judgeNetworkCreate } from '@/lib/services/policy/workload-policy.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine } from '../engine/index.ts';
import type { Created } from './create-host-volume.ts';
import { guardObjectCreate } from './guard-object-create.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;

export async function createHostNetwork(deps: Deps, actor: Actor, input: CreateHostNetworkInput): Promise<Created> {
  const engine = await hostEngine(deps, input.hostId);
  const target = { type: 'network', id: input.hostId, name: `${input.name} on ${engine.hostName}` };
  await guardObjectCreate(deps.db, actor, engine, { kind: 'network', name: input.name, target, judge: (policy) => judgeNetworkCreate(input, policy), fieldOf: () => 'driver' });
  return audited(deps.db, subjectOf(actor), 'network.create', target, async () => {
    const doing = msg('engineText.doing.createNetwork', { name: input.name });
    const taken = await engine.call(doing, (api) => api.listNetworks({ name: [input.name] }));
    if (taken.some((n) => n.Name === input.name)) {
      throw new AppError('CONFLICT', msg('containers.errors.networkExists', { name: input.name, host: engine.hostName }), { fieldErrors: { name: [issueText('containers.errors.nameTaken', { name: input.name, host: engine.hostName })] } });
    }
    await engine.call(doing, (api) => api.createNetwork(toNetworkBody(input, actor.username)));
    const said = msg('containers.done.networkCreated', { name: input.name, host: engine.hostName });
    return { name: input.name, said, message: renderMessage(said) };
  });
}
