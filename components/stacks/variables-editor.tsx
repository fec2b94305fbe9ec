'use client';
// The stack's variables (${NAME} in the file): name and value rows. Values are often passwords,
// so they are hidden until revealed, and never come back from the server once deployed.
import { Eye, EyeOff, Plus, Trash2 } from 'lucide-react';
import { useTranslations } from 'next-intl';
import { useCallback, useMemo } from 'react';
import type { DocumentProblem } from '@/lib/errors.ts';
import { Button } from '@/components/ui/button.tsx';
import { ErrorText } from '@/components/ui/field.tsx';

export type VariableRow = { key: string; value: string; revealed: boolean };

const control = 'h-9 w-full rounded-md border border-border bg-surface px-3 text-sm text-fg focus:border-accent focus:outline-none aria-[invalid=true]:border-danger';

/** Rows as the action wants them: named ones only (the last of a repeated name wins, as in a file). */
export const variablesOf = (rows: VariableRow[]): Record<string, string> => Object.fromEntries(rows.filter((r) => r.key.trim()).map((r) => [r.key.trim(), r.value]));

/**
 * Whether a problem is only the "variable is not set" warning of a variable kept from the last
 * revision (the server still has its value, so the file is fine). Stable while the names are.
 */
export function useKeptWarning(keptNames: readonly string[]): (problem: DocumentProblem) => boolean {
  const tc = useTranslations('stacks.compose');
  const keptKey = keptNames.join('\n');
  const kept = useMemo(() => (keptKey ? keptKey.split('\n') : []), [keptKey]);
  return useCallback((problem: DocumentProblem) => problem.severity === 'warning' && kept.some((name) => problem.message === tc('variableUnset', { name })), [kept, tc]);
}

export function VariablesEditor({ rows, onChange, keptNames = [], error }: { rows: VariableRow[]; onChange: (rows: VariableRow[]) => void; keptNames?: string[]; error?: string }) {
  const t = useTranslations('stacks.variables');
  const update = (index: number, patch: Partial<VariableRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...patch } : row)));
  return (
    <fieldset className="flex flex-col gap-2">
      <legend className="text-sm font-medium">{t('legend')}</legend>
      <p className="text-xs text-muted">
        {t.rich('hint', { reference: '${NAME}', code: (chunks) => <code>{chunks}</code> })}
        {keptNames.length > 0 && <> {t('kept', { names: keptNames.join(', ') })}</>}
      </p>
      {rows.length > 0 && (
        <ul className="flex flex-col gap-2" aria-label={t('legend')}>
          {rows.map((row, index) => {
            const n = index + 1;
            return (
              <li key={index} className="grid grid-cols-[minmax(0,2fr)_minmax(0,3fr)_auto_auto] items-center gap-2">
                <input aria-label={t('name', { n })} className={`${control} font-mono`} value={row.key} placeholder={t('namePlaceholder')} autoComplete="off" spellCheck={false} maxLength={256} onChange={(e) => update(index, { key: e.target.value })} />
                <input aria-label={t('value', { n })} className={`${control} font-mono`} type={row.revealed ? 'text' : 'password'} value={row.value} autoComplete="new-password" spellCheck={false} onChange={(e) => update(index, { value: e.target.value })} />
                <Button variant="ghost" size="sm" aria-label={row.revealed ? t('hide', { n }) : t('show', { n })} aria-pressed={row.revealed} onClick={() => update(index, { revealed: !row.revealed })}>
                  {row.revealed ? <EyeOff className="size-4" aria-hidden /> : <Eye className="size-4" aria-hidden />}
                </Button>
                <Button variant="ghost" size="sm" aria-label={t('remove', { n })} onClick={() => onChange(rows.filter((_, i) => i !== index))}>
                  <Trash2 className="size-4" aria-hidden />
                </Button>
              </li>
            );
          })}
        </ul>
      )}
      <ErrorText error={error} />
      <div>
        <Button variant="secondary" size="sm" onClick={() => onChange([...rows, { key: '', value: '', revealed: false }])}>
          <Plus className="size-4" aria-hidden /> {t('add')}
        </Button>
      </div>
    </fieldset>
  );
}
