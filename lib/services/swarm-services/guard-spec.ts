// Every service spec that reaches the engine (create, update, scale, image change) is judged by
// the workload policy first, unless the actor may run unrestricted workloads.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { recordAudit } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { can } from '@/lib/auth/authorize.ts';
import type { Db } from '@/lib/db/client.ts';
import { judgeWorkload, requestFromServiceSpec } from '@/lib/services/policy/workload-policy.ts';

export async function guardServiceSpec(db: Db, actor: Actor, swarmId: string, action: string, spec: unknown, name: string): Promise<void> {
  if (can(actor, 'workload.unrestricted', { type: 'swarm', id: swarmId })) return;
  const violations = judgeWorkload(requestFromServiceSpec(spec));
  if (!violations.length) return;
  const message = `Service ${name} asks for more than your role allows: ${violations.map((v) => v.message).join(' ')}`;
  await recordAudit(db, { subject: subjectOf(actor), action, target: { type: 'service', name }, result: 'denied', message });
  throw new AppError('FORBIDDEN', message);
}
