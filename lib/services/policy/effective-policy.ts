// Which policy judges a workload: the one attached to its host or swarm, else the global one, else
// the default policy (Wharf's built-in rules). An attachment follows its policy's newest version.
import 'server-only';
import type { Db } from '@/lib/db/client.ts';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { DEFAULT_POLICY, type Policy } from '@/lib/models/policies/policy-rules.ts';
import { policyRulesSchema } from '@/lib/schemas/policies.ts';

export type WorkloadScope = { type: 'host' | 'swarm'; id: string };
export type AttachedPolicy = { scopeType: string; scopeId: string; policy: Policy };

/** The policy in effect for a scope, given the attachments. Pure. */
export function resolvePolicy(scope: WorkloadScope, attachments: readonly AttachedPolicy[]): Policy & { from: 'scope' | 'global' | 'default' } {
  const own = attachments.find((a) => a.scopeType === scope.type && a.scopeId === scope.id);
  if (own) return { ...own.policy, from: 'scope' };
  const global = attachments.find((a) => a.scopeType === 'global');
  if (global) return { ...global.policy, from: 'global' };
  return { ...DEFAULT_POLICY, from: 'default' };
}

/** A saved version's rules, parsed again: a version that no longer parses refuses everything rather than judging by half. */
export function savedPolicy(name: string, version: { number: number; rules: unknown }): Policy {
  const parsed = policyRulesSchema.safeParse(version.rules);
  if (!parsed.success) throw new AppError('INTERNAL', msg('policyText.errors.unreadable', { name, version: String(version.number) }));
  return { name, version: version.number, rules: parsed.data };
}

type PolicyDb = Pick<Db, 'policyAttachment'>;

/** The attachments that may apply to a scope (its own and the global one), each with its policy's newest version. */
export async function attachmentsFor(db: PolicyDb, scopes: readonly WorkloadScope[]): Promise<AttachedPolicy[]> {
  const rows = await db.policyAttachment.findMany({
    where: { OR: [{ scopeType: 'global' }, ...scopes.map((s) => ({ scopeType: s.type, scopeId: s.id }))] },
    include: { policy: { include: { versions: { orderBy: { number: 'desc' }, take: 1 } } } },
  });
  return rows.map((row) => {
    const newest = row.policy.versions[0];
    if (!newest) throw new AppError('INTERNAL', msg('policyText.errors.noVersion', { name: row.policy.name }));
    return { scopeType: row.scopeType, scopeId: row.scopeId, policy: savedPolicy(row.policy.name, newest) };
  });
}

/** The policy that judges a workload of this host or swarm. */
export async function policyFor(db: PolicyDb, scope: WorkloadScope): Promise<Policy & { from: 'scope' | 'global' | 'default' }> {
  return resolvePolicy(scope, await attachmentsFor(db, [scope]));
}
