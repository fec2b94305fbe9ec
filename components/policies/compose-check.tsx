'use client';
// "Check a compose file against a policy": paste a file, pick a policy, see each finding at its
// line. Nothing is deployed.
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { FormError, SelectField, TextAreaField } from '@/components/ui/field.tsx';
import { useActionForm } from '@/components/ui/use-action-form.ts';
import { checkComposeAction } from '@/lib/actions/policies.ts';
import type { ComposeCheck } from '@/lib/services/policy/manage-policies.ts';

const at = (p: { line?: number; column?: number }) => (p.line ? `Line ${p.line}${p.column ? `, column ${p.column}` : ''}: ` : '');

export function ComposeCheckForm({ policies, initialPolicyId = '' }: { policies: { id: string; name: string }[]; initialPolicyId?: string }) {
  const form = useActionForm({ fields: ['composeText', 'policyId'], report: 'inline' });
  const [result, setResult] = useState<ComposeCheck | null>(null);
  return (
    <form
      aria-label="Check a compose file"
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
      <SelectField label="Policy" name="policyId" defaultValue={initialPolicyId} error={form.errors.policyId} className="max-w-sm">
        <option value="">Default (built in)</option>
        {policies.map((p) => (
          <option key={p.id} value={p.id}>
            {p.name}
          </option>
        ))}
      </SelectField>
      <TextAreaField label="Compose file" name="composeText" rows={12} placeholder={'services:\n  web:\n    image: nginx'} error={form.errors.composeText} hint="Judged as a stack deploy would judge it. Networks named by id and volumes that already exist on nodes are judged when it is deployed." />
      <FormError message={form.message} />
      <div>
        <Button type="submit" variant="secondary" busy={form.busy}>
          Check against the policy
        </Button>
      </div>
      {result && (
        <div role="status" className="flex flex-col gap-2 text-sm">
          {result.problems.length > 0 ? (
            <>
              <p>The file cannot be read:</p>
              <ul aria-label="Problems in the file" className="list-disc pl-5">
                {result.problems.map((p, i) => <li key={i}>{at(p)}{p.message}</li>)}
              </ul>
            </>
          ) : result.findings.length === 0 ? (
            <p>Policy {result.policy} allows this file.</p>
          ) : (
            <>
              <p>Policy {result.policy} refuses this file:</p>
              <ul aria-label="Findings" className="list-disc pl-5">
                {result.findings.map((p, i) => <li key={i}>{at(p)}{p.message}</li>)}
              </ul>
            </>
          )}
        </div>
      )}
    </form>
  );
}
