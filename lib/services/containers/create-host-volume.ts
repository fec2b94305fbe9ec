// A named volume on one host, from the Volumes page's dialog. Its driver and options are judged by
// the workload policy in effect on the host (a local volume's options reach mount(2) on the node:
// a bind of /etc is refused as the bind itself would be), unless the actor may run unrestricted
// workloads there; a refusal is audited and put on the field it concerns. A name already taken is
// refused (the engine would hand back the existing volume as if it were made).
import 'server-only';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg, type Message } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { toVolumeBody } from '@/lib/models/containers/host-object-form.ts';
import type { CreateHostVolumeInput } from '@/lib/schemas/containers.ts';
import { emptyRequest, judgeWorkload, type PolicyPath } from '@/lib/services/policy/workload-policy.ts';
import type { ServiceDeps } from '../deps.ts';
import { hostEngine } from '../engine/index.ts';
import { guardObjectCreate } from './guard-object-create.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines'>;
export type Created = { name: string; message: string; said: Message };

/** The dialog's field a volume finding belongs on: its driver, or its options. */
const volumeField = (at: PolicyPath) => (at[1] === 'driver' ? 'driver' : 'options');

export async function createHostVolume(deps: Deps, actor: Actor, input: CreateHostVolumeInput): Promise<Created> {
  const engine = await hostEngine(deps, input.hostId);
  const target = { type: 'volume', id: input.hostId, name: `${input.name} on ${engine.hostName}` };
  await guardObjectCreate(deps.db, actor, engine, {
    kind: 'volume',
    name: input.name,
    target,
    judge: (policy) => judgeWorkload({ ...emptyRequest(), volumeDefinitions: [{ name: input.name, driver: input.driver, options: input.options, where: `volume ${input.name}`, at: ['volume', Object.keys(input.options).length ? 'options' : 'driver'] }] }, policy),
    fieldOf: volumeField,
  });
  return audited(deps.db, subjectOf(actor), 'volume.create', target, async () => {
    const taken = await engine.call(msg('engineText.doing.createVolume', { name: input.name }), (api) => api.listVolumes({ name: [input.name] }));
    if (taken.some((v) => v.Name === input.name)) {
      throw new AppError('CONFLICT', msg('containers.errors.volumeExists', { name: input.name, host: engine.hostName }), { fieldErrors: { name: [issueText('containers.errors.nameTaken', { name: input.name, host: engine.hostName })] } });
    }
    await engine.call(msg('engineText.doing.createVolume', { name: input.name }), (api) => api.createVolume(toVolumeBody(input, actor.username)));
    const said = msg('containers.done.volumeCreated', { name: input.name, host: engine.hostName });
    return { name: input.name, said, message: renderMessage(said) };
  });
}
