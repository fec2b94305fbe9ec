// "Record the running state as a new revision": after a scale or an image change made outside the
// stack's file, the running values are written into the last deployed file and kept as a new
// revision (outcome "recorded"), so the next edit starts from what runs and a redeploy no longer
// reverts it. Nothing is sent to the swarm: the services already run this way.
import 'server-only';
import { isBaseline } from '@/lib/models/stacks/stack-drift.ts';
import { AppError } from '@/lib/errors.ts';
import { msg, storedSaying } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { newId } from '@/lib/db/new-id.ts';
import { describeDrift } from '@/lib/models/stacks/stack-drift.ts';
import { recordRunningState } from '@/lib/models/stacks/record-running-state.ts';
import { semicolons, sentences } from '@/lib/models/joined-messages.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager } from '../engine/index.ts';
import { stackDriftView } from './stack-drift-view.ts';
import { openInputs, sealInputs } from './stack-inputs.ts';
import { namespaceFilter } from './stack-labels.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring'>;

export async function recordStackState(deps: Deps, actor: Actor, input: { swarmId: string; stackName: string; basedOn: number }): Promise<{ revision: number }> {
  const target = { type: 'stack', id: `${input.swarmId}/${input.stackName}`, name: input.stackName };
  return audited(deps.db, subjectOf(actor), 'stack.record', target, async () => {
    const revisions = await deps.db.stackRevision.findMany({ where: { swarmId: input.swarmId, stackName: input.stackName }, orderBy: { number: 'desc' }, take: 100 });
    const baseline = revisions.find((r) => isBaseline(r.outcome));
    if (!baseline) throw new AppError('PRECONDITION', msg('stacks.errors.nothingDeployed', { name: input.stackName }));
    if (baseline.number !== input.basedOn) throw new AppError('CONFLICT', msg('stacks.errors.changedMeanwhile', { name: input.stackName, number: baseline.number }));
    const { value: specs } = await callManager(deps, input.swarmId, { write: false, doing: msg('engineText.doing.readStack', { name: input.stackName }) }, async (api) =>
      (await api.listServices({ filters: { label: [namespaceFilter(input.stackName)] } })).map((s) => s.Spec),
    );
    const drift = stackDriftView(deps.keyring, input.stackName, baseline, specs);
    if (!drift) throw new AppError('PRECONDITION', msg('stacks.errors.baselineUnreadable', { name: input.stackName, number: baseline.number }));
    if (drift.services.length === 0) throw new AppError('PRECONDITION', msg('stacks.errors.nothingToRecord', { name: input.stackName, number: baseline.number }));
    const recorded = recordRunningState(baseline.composeText, input.stackName, drift.services);
    if (!recorded.ok) throw new AppError('PRECONDITION', msg('stacks.errors.cannotRecord', { reasons: sentences(recorded.reasons) }));

    const id = newId();
    const number = revisions[0].number + 1;
    await deps.db.stackRevision.create({
      data: {
        id, swarmId: input.swarmId, stackName: input.stackName, number, composeText: recorded.composeText,
        inputsSealed: sealInputs(deps.keyring, id, openInputs(deps.keyring, baseline.id, baseline.inputsSealed)),
        createdById: actor.id, createdByName: actor.username, outcome: 'recorded',
        // Stored as a message (key and values), said in each reader's language when read.
        message: storedSaying(msg('revisionText.recorded', { services: semicolons(drift.services.map(describeDrift)) })),
        restoredFrom: null,
      },
    });
    return { revision: number };
  }, (r) => ({ name: `${input.stackName} (revision ${r.revision})` }));
}
