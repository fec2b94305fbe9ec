'use client';
// Where each policy applies: the global scope, each host and each swarm, with the policy attached
// there. An administrator changes one with a confirmation that says which rules loosen or tighten
// for that scope, and that running workloads are not changed: only new requests are judged.
import { useRouter } from 'next/navigation';
import { useState } from 'react';
import { toast } from 'sonner';
import { Button } from '@/components/ui/button.tsx';
import { ConfirmDialog } from '@/components/ui/confirm-dialog.tsx';
import { SelectField } from '@/components/ui/field.tsx';
import { Table, Td, Tr } from '@/components/ui/table.tsx';
import { attachPolicyAction } from '@/lib/actions/policies.ts';
import { DEFAULT_RULES, ruleChanges, type PolicyRules } from '@/lib/models/policies/policy-rules.ts';
import type { AttachmentTargets, PolicySummary } from '@/lib/services/policy/manage-policies.ts';

type Scope = AttachmentTargets['scopes'][number];
type Pending = { scope: Scope; policyId: string | null };

export function AttachmentsTable({ targets, policies, canManage }: { targets: AttachmentTargets; policies: Pick<PolicySummary, 'id' | 'name' | 'version' | 'rules'>[]; canManage: boolean }) {
  const router = useRouter();
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<Pending | null>(null);
  const byId = new Map(policies.map((p) => [p.id, p]));
  const globalId = targets.scopes.find((s) => s.type === 'global')?.policyId ?? null;
  const nameOf = (id: string | null) => (id ? `${byId.get(id)?.name ?? 'unknown'} (version ${byId.get(id)?.version ?? '?'})` : null);
  const rulesOf = (id: string | null): PolicyRules => (id ? byId.get(id)?.rules ?? DEFAULT_RULES : DEFAULT_RULES);
  /** What judges this scope when `id` is attached to it (null: it falls back). */
  const effective = (scope: Scope, id: string | null) => (id ?? (scope.type === 'global' ? null : globalId));
  const key = (s: Scope) => `${s.type}/${s.id}`;

  const changes = pending ? ruleChanges(rulesOf(effective(pending.scope, pending.scope.policyId)), rulesOf(effective(pending.scope, pending.policyId))) : [];
  return (
    <>
      <Table caption="Where policies apply" columns={[{ label: 'Scope' }, { label: 'Attached policy' }, { label: 'In effect' }, ...(canManage ? [{ label: 'Change', className: 'w-96' }] : [])]}>
        {targets.scopes.map((scope) => {
          const selected = choice[key(scope)] ?? scope.policyId ?? '';
          return (
            <Tr key={key(scope)}>
              <Td className="text-sm font-medium">{scope.name}</Td>
              <Td className="text-sm">{nameOf(scope.policyId) ?? <span className="text-muted">none</span>}</Td>
              <Td className="text-sm">{nameOf(effective(scope, scope.policyId)) ?? 'Default (built in)'}</Td>
              {canManage && (
                <Td>
                  <div className="flex items-end gap-2">
                    <SelectField label={`Policy for ${scope.name}`} value={selected} onChange={(e) => setChoice((c) => ({ ...c, [key(scope)]: e.target.value }))} className="flex-1">
                      <option value="">{scope.type === 'global' ? 'None (the default policy)' : 'None (the global policy, or the default)'}</option>
                      {policies.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </SelectField>
                    <Button variant="secondary" disabled={selected === (scope.policyId ?? '')} onClick={() => setPending({ scope, policyId: selected || null })} aria-label={`Apply to ${scope.name}`}>
                      Apply
                    </Button>
                  </div>
                </Td>
              )}
            </Tr>
          );
        })}
      </Table>
      <ConfirmDialog
        open={pending !== null}
        onOpenChange={(open) => !open && setPending(null)}
        title={pending ? `Change the policy of ${pending.scope.name}?` : ''}
        description="Running workloads are not changed: only new requests (creates, updates, deploys, starts and terminals) are judged by the policy in effect."
        confirmLabel={pending?.policyId ? 'Attach policy' : 'Detach policy'}
        onConfirm={async () => {
          if (!pending) return null;
          const result = await attachPolicyAction({ scope: pending.scope.type === 'global' ? { type: 'global' } : { type: pending.scope.type, id: pending.scope.id }, policyId: pending.policyId });
          if (!result.ok) return result.error.message;
          toast.success(`${pending.scope.name}: ${nameOf(effective(pending.scope, pending.policyId)) ?? 'the default policy'} is in effect.`);
          setPending(null);
          router.refresh();
          return null;
        }}
      >
        {changes.length === 0 ? (
          <p className="text-sm">The rules in effect stay the same.</p>
        ) : (
          <div className="flex flex-col gap-2">
            <p className="text-sm">The rules in effect change:</p>
            <ul aria-label="Rules that change" className="list-disc pl-5 text-sm">
              {changes.map((c) => (
                <li key={c.key}>
                  {c.label}: {c.before} → {c.after}
                </li>
              ))}
            </ul>
          </div>
        )}
      </ConfirmDialog>
    </>
  );
}
