'use client';
// "Check a compose file against a policy": paste a file, pick a policy, see each finding at its
// line. Nothing is deployed.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { FormError, SelectField, TextAreaField } from '@/components/ui/field.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { checkComposeAction } from '@/lib/actions/policies.ts';
import type { ComposeCheck } from '@/lib/services/policy/manage-policies.ts';

// An example file in the box: YAML, the same in every language.
const EXAMPLE = 'services:\n  web:\n    image: nginx';

export function ComposeCheckForm({ policies, initialPolicyId = '' }: { policies: { id: string; name: string }[]; initialPolicyId?: string }) {
  const t = useTranslations('access.policies.compose');
  const at = (p: { line?: number; column?: number }) => (p.line ? t('at', { line: p.line, column: p.column ?? 'none' }) : '');
  const form = useActionForm({ fields: ['composeText', 'policyId'], report: 'inline' });
  const [result, setResult] = useState<ComposeCheck | null>(null);
  return (
    <form
      aria-label={t('form')}
      noValidate
      className="flex flex-col gap-3"
      onSubmit={async (event) => {
        event.preventDefault();
        const data = new FormData(event.currentTarget);
        setResult(null);
        const done = await form.submit(() => checkComposeAction({ policyId: String(data.get('policyId') ?? '') || null, composeText: String(data.get('composeText') ?? '') }));
        if (done) setResult(done.data);
      }}
    >
      <SelectField label={t('policy')} name="policyId" defaultValue={initialPolicyId} error={form.errors.policyId} className="max-w-sm">
        <option value="">{t('defaultBuiltIn')}</option>
        {policies.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <TextAreaField label={t('file')} name="composeText" rows={12} placeholder={EXAMPLE} error={form.errors.composeText} hint={t('hint')} />
      <FormError message={form.message} />
      <div>
        <Button type="submit" variant="secondary" busy={form.busy}>
          {t('submit')}
        </Button>
      </div>
      {result && (
        <div role="status" className="flex flex-col gap-2 text-sm">
          {result.problems.length > 0 ? (
            <>
              <p>{t('unreadable')}</p>
              <ul aria-label={t('problems')} className="list-disc pl-5">
                {result.problems.map((p, i) => <li key={i}>{at(p)}{p.message}</li>)}
              </ul>
            </>
          ) : result.findings.length === 0 ? (
            <p>{t('allows', { policy: result.policy })}</p>
          ) : (
            <>
              <p>{t('refuses', { policy: result.policy })}</p>
              <ul aria-label={t('findings')} className="list-disc pl-5">
                {result.findings.map((p, i) => <li key={i}>{at(p)}{p.message}</li>)}
              </ul>
            </>
          )}
        </div>
      )}
    </form>
  );
}
