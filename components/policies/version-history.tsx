'use client';
// A policy's versions, newest first, each with what changed; any two compared rule by rule.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { SelectField } from '@/components/ui/field.tsx';
import { Table, Td, Tr } from '@/components/ui/table.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { ruleChanges } from '@/lib/models/policies/policy-rules.ts';
import type { PolicyVersionView } from '@/lib/services/policy/manage-policies.ts';

export function VersionHistory({ versions }: { versions: PolicyVersionView[] }) {
  const t = useTranslations('access.policies.versions');
  const newest = versions[0]?.number ?? 1;
  // The pair compared: the newest against the one before, until the user picks others; a new
  // version (saved on this page) brings the default back to the new newest.
  const [picked, setPicked] = useState<{ newest: number; from: number; to: number } | null>(null);
  const { from, to } = picked?.newest === newest ? picked : { from: Math.max(1, newest - 1), to: newest };
  const setFrom = (n: number) => setPicked({ newest, from: n, to });
  const setTo = (n: number) => setPicked({ newest, from, to: n });
  const rulesOf = (n: number) => versions.find((v) => v.number === n)?.rules;
  const before = rulesOf(from);
  const after = rulesOf(to);
  const changes = before && after ? ruleChanges(before, after) : [];
  return (
    <div className="flex flex-col gap-4">
      <Table caption={t('caption')} columns={[{ label: t('version') }, { label: t('whatChanged') }, { label: t('by') }, { label: t('when') }]}>
        {versions.map((v) => (
          <Tr key={v.number}>
            <Td className="text-sm">{v.number}</Td>
            <Td className="text-sm">{v.summary}</Td>
            <Td className="text-sm">{v.createdByName}</Td>
            <Td className="text-sm"><RelativeTime iso={v.createdAt} /></Td>
          </Tr>
        ))}
      </Table>
      {versions.length > 1 && (
        <section aria-label={t('compare')} className="flex flex-col gap-3">
          <div className="flex gap-3">
            <SelectField label={t('compareVersion')} value={from} onChange={(e) => setFrom(Number(e.target.value))} className="w-40">
              {versions.map((v) => <option key={v.number} value={v.number}>{v.number}</option>)}
            </SelectField>
            <SelectField label={t('withVersion')} value={to} onChange={(e) => setTo(Number(e.target.value))} className="w-40">
              {versions.map((v) => <option key={v.number} value={v.number}>{v.number}</option>)}
            </SelectField>
          </div>
          {changes.length === 0 ? (
            <p className="text-sm text-muted">{t('same', { from, to })}</p>
          ) : (
            <Table caption={t('changedCaption', { from, to })} columns={[{ label: t('rule') }, { label: t('versionN', { n: from }) }, { label: t('versionN', { n: to }) }]}>
              {changes.map((c) => (
                <Tr key={c.key}>
                  <Td className="text-sm font-medium">{c.label}</Td>
                  <Td className="text-sm">{c.before}</Td>
                  <Td className="text-sm">{c.after}</Td>
                </Tr>
              ))}
            </Table>
          )}
        </section>
      )}
    </div>
  );
}
