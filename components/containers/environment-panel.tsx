'use client';
// An environment (a container's or a service's): names always, values masked until revealed by
// someone allowed to, through the audited action the caller passes.
import { useTranslations } from 'next-intl';
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { RevealButton } from '@/components/ui/reveal-button.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import type { Result } from '@/lib/errors.ts';
import { MASK, type EnvEntry } from '@/lib/models/containers/container-views.ts';

export function EnvironmentPanel({ env, canReveal, reveal }: { env: EnvEntry[]; canReveal: boolean; reveal: () => Promise<Result<EnvEntry[]>> }) {
  const t = useTranslations('containers.env');
  const [revealed, setRevealed] = useState<EnvEntry[] | null>(null);
  const shown = revealed ?? env;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-muted">{revealed ? t('shown') : t('hidden')}{!canReveal && ` ${t('mayNotReveal')}`}</p>
        {canReveal &&
          (revealed ? (
            <Button variant="secondary" size="sm" onClick={() => setRevealed(null)}>
              {t('hide')}
            </Button>
          ) : (
            <RevealButton label={t('reveal')} reveal={reveal} onRevealed={setRevealed} />
          ))}
      </div>
      {shown.length ? (
        <Table caption={t('caption')} columns={[{ label: t('name') }, { label: t('value') }]}>
          {shown.map((e, i) => (
            <Tr key={`${e.name}-${i}`}>
              <RowHeader className="break-all font-mono text-xs">{e.name}</RowHeader>
              <Td className="break-all font-mono text-xs">{e.value === null ? <span aria-label={t('hiddenValue')}>{MASK}</span> : e.value}</Td>
            </Tr>
          ))}
        </Table>
      ) : (
        <p className="rounded-lg border border-dashed border-border bg-surface p-6 text-center text-muted">{t('none')}</p>
      )}
    </div>
  );
}
