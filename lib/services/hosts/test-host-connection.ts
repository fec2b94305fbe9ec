// "Test connection" in the host form: the same checks and probe as registering, nothing saved.
// A probe reaches whatever address the user typed, so each one is limited per user (ProbeBudget),
// judged on the addresses the name resolves to (screenConnection: no metadata or link-local
// addresses; the console's own machine for administrators only), made to the address judged, and
// audited with who, which address, and the result.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { audited, recordAudit, type AuditTarget } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { addressOf } from '@/lib/models/hosts/connection-spec.ts';
import type { RegisterHostInput } from '@/lib/schemas/hosts.ts';
import { probeEngine, PROBE_TIMEOUT_MS, type ProbeResult } from '@/lib/services/engine/index.ts';
import type { ServiceDeps } from '../deps.ts';
import { connectionFromInput } from './connection-from-input.ts';
import { screenConnection, type Lookup } from './connection-target.ts';
import type { ProbeBudget } from './probe-budget.ts';

export type TestConnectionDeps = Pick<ServiceDeps, 'db'> & { probes: ProbeBudget; lookup?: Lookup };

const ACTION = 'host.test-connection';

export async function testHostConnection(deps: TestConnectionDeps, actor: Actor, input: RegisterHostInput): Promise<ProbeResult> {
  const { spec } = connectionFromInput(input);
  const subject = subjectOf(actor);
  const target: AuditTarget = { type: 'address', name: `${spec.transport} ${addressOf(spec)}` };

  const budget = deps.probes.take(actor.id);
  if (!budget.allowed) {
    await recordAudit(deps.db, { subject, action: ACTION, target, result: 'denied', message: 'Too many connection tests' });
    throw new AppError('RATE_LIMITED', msg('hosts.errors.tooManyTests', { seconds: budget.retryAfterSeconds }));
  }

  let connectTo: string | null;
  try {
    ({ connectTo } = await screenConnection(actor, spec, deps.lookup));
  } catch (error) {
    const refused = error instanceof AppError && error.code === 'FORBIDDEN';
    await recordAudit(deps.db, { subject, action: ACTION, target, result: refused ? 'denied' : 'failed', message: error instanceof AppError ? error.message : 'Unexpected error (see server log)' });
    throw error;
  }
  if (connectTo && spec.transport !== 'unix' && connectTo !== spec.host) target.name = `${target.name} (${connectTo})`;
  return audited(deps.db, subject, ACTION, target, () => probeEngine(spec, PROBE_TIMEOUT_MS, connectTo ?? undefined));
}
