'use client';
// Narrows the audit log by actor, action and result. A GET form: the filters live in the URL,
// so a filtered view can be bookmarked and shared.
import Form from 'next/form';
import Link from 'next/link';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button.tsx';
import { SelectField, TextField } from '@/components/ui/field.tsx';
import type { AuditResult } from '@/lib/audit/record-audit.ts';
import { useAuditResultLabel } from './audit-result-badge.tsx';

export type AuditFilterValues = { actor?: string; action?: string; result?: AuditResult; limit?: number };

export function AuditFilterForm({ values, results }: { values: AuditFilterValues; results: readonly AuditResult[] }) {
  const t = useTranslations('audit.filter');
  const resultLabel = useAuditResultLabel();
  const filtered = !!(values.actor || values.action || values.result);
  return (
    // Keyed by the values so the boxes show the URL's filters after "Clear" or back/forward.
    <Form
      key={JSON.stringify(values)}
      action="/audit"
      role="search"
      aria-label={t('label')}
      className="mb-4 flex flex-wrap items-start gap-3 rounded-lg border border-border bg-surface p-4"
    >
      <TextField label={t('actor')} name="actor" defaultValue={values.actor ?? ''} placeholder={t('actorPlaceholder')} maxLength={100} autoComplete="off" spellCheck={false} className="w-52" />
      <TextField
        label={t('action')}
        name="action"
        defaultValue={values.action ?? ''}
        placeholder={t('actionPlaceholder')}
        hint={t('actionHint')}
        maxLength={100}
        autoComplete="off"
        spellCheck={false}
        className="w-72"
      />
      <SelectField label={t('result')} name="result" defaultValue={values.result ?? ''} className="w-40">
        <option value="">{t('anyResult')}</option>
        {results.map((result) => (
          <option key={result} value={result}>
            {resultLabel(result)}
          </option>
        ))}
      </SelectField>
      {values.limit !== undefined && <input type="hidden" name="limit" value={values.limit} />}
      {/* Level with the boxes, below their labels. */}
      <div className="flex items-center gap-2 pt-6.5">
        <Button type="submit" variant="secondary">
          {t('apply')}
        </Button>
        {filtered && (
          <Link href="/audit" className="rounded-md px-3 py-2 text-sm text-accent hover:underline">
            {t('clear')}
          </Link>
        )}
      </div>
    </Form>
  );
}
