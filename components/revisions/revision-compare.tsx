'use client';
// Two revisions picked from a history and compared. Until the user picks, the newest is compared
// with the one before it (following new revisions as they come).
import { useTranslations } from 'next-intl';
import { useState, type ReactNode } from 'react';
import { SelectField } from '@/components/ui/field.tsx';

export function RevisionCompare({ numbers, diff, onlyOne }: { /** newest first */ numbers: number[]; diff: (from: number, to: number) => ReactNode; /** said while there is nothing to compare */ onlyOne: string }) {
  const t = useTranslations('stacks.revisions');
  const [picked, setPicked] = useState<{ from: number; to: number } | null>(null);
  if (numbers.length < 2) return <p className="text-sm text-muted">{onlyOne}</p>;
  const from = picked?.from ?? numbers[1];
  const to = picked?.to ?? numbers[0];
  const options = numbers.map((n) => (
    <option key={n} value={n}>
      #{n}
    </option>
  ));
  return (
    <section aria-label={t('compare.title')} className="flex flex-col gap-3">
      <h3 className="text-sm font-semibold">{t('compare.title')}</h3>
      <div className="flex flex-wrap gap-4">
        <SelectField label={t('compare.from')} className="w-40" value={String(from)} onChange={(e) => setPicked({ from: Number(e.target.value), to })}>
          {options}
        </SelectField>
        <SelectField label={t('compare.to')} className="w-40" value={String(to)} onChange={(e) => setPicked({ from, to: Number(e.target.value) })}>
          {options}
        </SelectField>
      </div>
      {diff(from, to)}
    </section>
  );
}
