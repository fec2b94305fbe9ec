'use client';
// Where each policy applies: the global scope, each host and each swarm, with the policy attached
// there. An administrator changes one with a confirmation that says which rules loosen or tighten
// for that scope, and that running workloads are not changed: only new requests are judged.
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
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
  const t = useTranslations('access.policies.attachments');
  const router = useRouter();
  const [choice, setChoice] = useState<Record<string, string>>({});
  const [pending, setPending] = useState<Pending | null>(null);
  const byId = new Map(policies.map((p) => [p.id, p]));
  const globalId = targets.scopes.find((s) => s.type === 'global')?.policyId ?? null;
  const nameOf = (id: string | null) => (id ? t('nameVersion', { name: byId.get(id)?.name ?? t('unknown'), version: byId.get(id)?.version ?? '?' }) : null);
  const rulesOf = (id: string | null): PolicyRules => (id ? byId.get(id)?.rules ?? DEFAULT_RULES : DEFAULT_RULES);
  /** What judges this scope when `id` is attached to it (null: it falls back). */
  const effective = (scope: Scope, id: string | null) => (id ?? (scope.type === 'global' ? null : globalId));
  const key = (s: Scope) => `${s.type}/${s.id}`;

  const changes = pending ? ruleChanges(rulesOf(effective(pending.scope, pending.scope.policyId)), rulesOf(effective(pending.scope, pending.policyId))) : [];
  return (
    <>
      <Table caption={t('caption')} columns={[{ label: t('scope') }, { label: t('attached') }, { label: t('inEffect') }, ...(canManage ? [{ label: t('change'), className: 'w-96' }] : [])]}>
        {targets.scopes.map((scope) => {
          const selected = choice[key(scope)] ?? scope.policyId ?? '';
          return (
            <Tr key={key(scope)}>
              <Td className="text-sm font-medium">{scope.name}</Td>
              <Td className="text-sm">{nameOf(scope.policyId) ?? <span className="text-muted">{t('none')}</span>}</Td>
              <Td className="text-sm">{nameOf(effective(scope, scope.policyId)) ?? t('defaultBuiltIn')}</Td>
              {canManage && (
                <Td>
                  <div className="flex items-end gap-2">
                    <SelectField label={t('policyFor', { scope: scope.name })} value={selected} onChange={(e) => setChoice((c) => ({ ...c, [key(scope)]: e.target.value }))} className="flex-1">
                      <option value="">{scope.type === 'global' ? t('noneGlobal') : t('noneScope')}</option>
                      {policies.map((p) => (
                        <option key={p.id} value={p.id}>
                          {p.name}
                        </option>
                      ))}
                    </SelectField>
                    <Button variant="secondary" disabled={selected === (scope.policyId ?? '')} onClick={() => setPending({ scope, policyId: selected || null })} aria-label={t('applyTo', { scope: scope.name })}>
                      {t('apply')}
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
        title={pending ? t('confirmTitle', { scope: pending.scope.name }) : ''}
        description={t('confirmDescription')}
        confirmLabel={pending?.policyId ? t('attach') : t('detach')}
        onConfirm={async () => {
          if (!pending) return null;
          const result = await attachPolicyAction({ scope: pending.scope.type === 'global' ? { type: 'global' } : { type: pending.scope.type, id: pending.scope.id }, policyId: pending.policyId });
          if (!result.ok) return result.error.message;
          toast.success(t('done', { scope: pending.scope.name, policy: nameOf(effective(pending.scope, pending.policyId)) ?? t('theDefault') }));
          setPending(null);
          router.refresh();
          return null;
        }}
      >
        {changes.length === 0 ? (
          <p className="text-sm">{t('same')}</p>
        ) : (
          <div className="flex flex-col gap-2">
            <p className="text-sm">{t('changes')}</p>
            <ul aria-label={t('changesLabel')} className="list-disc pl-5 text-sm">
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
