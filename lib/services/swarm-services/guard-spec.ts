// Every service spec that reaches the engine (create, update, scale, image change, rollback) is
// judged by the workload policy first, through one of the swarm's managers (which names the
// networks it refers to by id) and the nodes' engines (which hold the volumes it mounts by name),
// under the policy in effect on the swarm, unless the actor may run unrestricted workloads there.
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import { msg } from '@/lib/i18n/message.ts';
import { can } from '@/lib/auth/authorize.ts';
import type { ServiceDeps } from '../deps.ts';
import type { EngineApi } from '../engine/index.ts';
import { policyFor } from '@/lib/services/policy/effective-policy.ts';
import { judgeOnSwarm, refuseWorkload } from '@/lib/services/policy/guard-workload.ts';
import { requestFromServiceSpec, type PolicyPath } from '@/lib/services/policy/workload-policy.ts';

/** Where the create form shows a finding: its mounts and networks are the spec's, in order. */
const SERVICE_FIELDS: Record<string, string> = { networks: 'form.networks', image: 'form.image', memory: 'form.memoryMb', cpus: 'form.cpus', labels: 'form.labels' };
export const serviceFormField = (at: PolicyPath): string | null => (at[0] === 'mounts' ? `form.mounts.${at[1]}.source` : (SERVICE_FIELDS[String(at[0])] ?? null));

export async function guardServiceSpec(
  deps: Pick<ServiceDeps, 'db' | 'engines'>,
  actor: Actor,
  api: EngineApi,
  change: { swarmId: string; action: string; spec: unknown; name: string; fieldOf?: (at: PolicyPath) => string | null },
): Promise<void> {
  if (can(actor, 'workload.unrestricted', { type: 'swarm', id: change.swarmId })) return;
  const policy = await policyFor(deps.db, { type: 'swarm', id: change.swarmId });
  const violations = await judgeOnSwarm(deps, api, requestFromServiceSpec(change.spec), policy);
  if (!violations.length) return;
  await refuseWorkload(deps.db, actor, violations, {
    action: change.action,
    target: { type: 'service', name: change.name },
    lead: msg('policyText.refusals.service', { name: change.name }),
    advice: msg('policyText.refusals.serviceAdvice'),
    ...(change.fieldOf ? { fieldOf: change.fieldOf } : {}),
  });
}
