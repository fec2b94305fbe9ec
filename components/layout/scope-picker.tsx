'use client';
// Picks the host or swarm an area shows; the choice lives in the URL (?host=, ?swarm=), so it
// survives a reload and every tab link keeps it.
import { usePathname, useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { SelectField } from '@/components/ui/field.tsx';
import { withScope, type Choice, type ScopeParam } from './sections.ts';

export function ScopePicker({
  label,
  param,
  choices,
  value,
  allLabel,
}: {
  label: string;
  param: ScopeParam;
  choices: Choice[];
  value: string | null;
  /** Offers "all" (the empty value) under this name; without it, an empty value asks to pick one. */
  allLabel?: string;
}) {
  const t = useTranslations('sections.picker');
  const router = useRouter();
  const pathname = usePathname();
  return (
    <SelectField label={label} value={value ?? ''} onChange={(e) => router.push(withScope(pathname, param, e.target.value || null))} className="w-64">
      {(allLabel || !value) && <option value="">{allLabel ?? t('pickOne', { thing: label.toLowerCase() })}</option>}
      {choices.map((c) => (
        <option key={c.id} value={c.id}>
          {c.name}
        </option>
      ))}
    </SelectField>
  );
}
