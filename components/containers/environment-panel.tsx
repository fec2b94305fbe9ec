'use client';
// An environment (a container's or a service's): names always, values masked until revealed by
// someone allowed to, through the audited action the caller passes.
import { useState } from 'react';
import { Button } from '@/components/ui/button.tsx';
import { RevealButton } from '@/components/ui/reveal-button.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';
import type { Result } from '@/lib/errors.ts';
import { MASK, type EnvEntry } from '@/lib/models/containers/container-views.ts';

export function EnvironmentPanel({ env, canReveal, reveal }: { env: EnvEntry[]; canReveal: boolean; reveal: () => Promise<Result<EnvEntry[]>> }) {
  const [revealed, setRevealed] = useState<EnvEntry[] | null>(null);
  const shown = revealed ?? env;
  return (
    <div className="flex flex-col gap-3">
      <div className="flex items-center justify-between gap-3">
        <p className="text-sm text-muted">{revealed ? 'Values are shown. Revealing was recorded in the audit log.' : 'Values are hidden.'}{!canReveal && ' Your role may not reveal them.'}</p>
        {canReveal &&
          (revealed ? (
            <Button variant="secondary" size="sm" onClick={() => setRevealed(null)}>
              Hide values
            </Button>
          ) : (
            <RevealButton label="Reveal values" reveal={reveal} onRevealed={setRevealed} />
          ))}
      </div>
      {shown.length ? (
        <Table caption="Environment" columns={[{ label: 'Name' }, { label: 'Value' }]}>
          {shown.map((e, i) => (
            <Tr key={`${e.name}-${i}`}>
              <RowHeader className="break-all font-mono text-xs">{e.name}</RowHeader>
              <Td className="break-all font-mono text-xs">{e.value === null ? <span aria-label="hidden value">{MASK}</span> : e.value}</Td>
            </Tr>
          ))}
        </Table>
      ) : (
        <p className="rounded-lg border border-dashed border-border bg-surface p-6 text-center text-muted">No environment variables.</p>
      )}
    </div>
  );
}
