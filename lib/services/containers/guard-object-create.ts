// The workload policy for a volume or network made on a host from the console: judged with the
// policy in effect there unless the actor may run unrestricted workloads on it; a refusal is
// audited and each finding put on the dialog's field it concerns.
import 'server-only';
import type { AuditTarget } from '@/lib/audit/record-audit.ts';
import type { Actor } from '@/lib/auth/actor.ts';
import { can } from '@/lib/auth/authorize.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { Policy } from '@/lib/models/policies/policy-rules.ts';
import { policyFor } from '@/lib/services/policy/effective-policy.ts';
import { refuseWorkload } from '@/lib/services/policy/guard-workload.ts';
import type { PolicyPath, Violation } from '@/lib/services/policy/workload-policy.ts';
import type { ServiceDeps } from '../deps.ts';
import type { HostEngine } from '../engine/index.ts';

export type ObjectCreate = { kind: 'volume' | 'network'; name: string; target: AuditTarget; judge: (policy: Policy) => Violation[]; fieldOf: (at: PolicyPath) => string | null };

export async function guardObjectCreate(db: ServiceDeps['db'], actor: Actor, engine: HostEngine, object: ObjectCreate): Promise<void> {
  if (can(actor, 'workload.unrestricted', { type: 'host', id: engine.hostId })) return;
  const violations = object.judge(await policyFor(db, { type: 'host', id: engine.hostId }));
  if (!violations.length) return;
  await refuseWorkload(db, actor, violations, {
    action: `${object.kind}.create`,
    target: object.target,
    lead: msg(object.kind === 'volume' ? 'policyText.refusals.volume' : 'policyText.refusals.network', { name: object.name, host: engine.hostName }),
    advice: msg('policyText.refusals.objectAdvice'),
    fieldOf: object.fieldOf,
  });
}
