'use client';
// A history of revisions as a table: number (the one in effect marked), who, when, how it went,
// which revision it restored, and a rollback button on the others for those who may.
import { useTranslations } from 'next-intl';
import type { ReactNode } from 'react';
import { Badge } from '@/components/ui/badge.tsx';
import { Button } from '@/components/ui/button.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import { RowHeader, Table, Td, Tr } from '@/components/ui/table.tsx';

export type RevisionRow = { number: number; createdByName: string; createdAt: string; outcome: string; message: string | null; restoredFrom: number | null };

export function RevisionTable<R extends RevisionRow>({
  caption,
  revisions,
  inEffect,
  outcome,
  onRollback,
}: {
  caption: string;
  revisions: R[];
  /** the revision in effect, and its word ("current", "newest") */
  inEffect: { number: number | undefined; word: string };
  outcome: (revision: R) => ReactNode;
  /** null for readers who may not roll back */
  onRollback: ((revision: R) => void) | null;
}) {
  const t = useTranslations('stacks.revisions');
  return (
    <Table caption={caption} columns={[{ label: t('columns.revision') }, { label: t('columns.by') }, { label: t('columns.when') }, { label: t('columns.outcome') }, { label: t('columns.restoredFrom') }, { label: <span className="sr-only">{t('columns.actions')}</span> }]}>
      {revisions.map((r) => (
        <Tr key={r.number}>
          <RowHeader className="font-mono">
            #{r.number}
            {r.number === inEffect.number && (
              <Badge tone="accent" className="ml-2 font-sans">
                {inEffect.word}
              </Badge>
            )}
          </RowHeader>
          <Td>{r.createdByName}</Td>
          <Td className="text-muted">
            <RelativeTime iso={r.createdAt} />
          </Td>
          <Td>
            {outcome(r)}
            {r.message && <span className={`mt-1 block max-w-xs text-xs ${r.outcome === 'failed' ? 'text-danger' : 'text-muted'}`}>{r.message}</span>}
          </Td>
          <Td>{r.restoredFrom ? t('restoredFrom', { number: r.restoredFrom }) : <span className="text-muted">—</span>}</Td>
          <Td className="text-right">
            {onRollback && r.number !== inEffect.number && (
              <Button size="sm" variant="secondary" onClick={() => onRollback(r)}>
                {t('rollback.button', { number: r.number })}
              </Button>
            )}
          </Td>
        </Tr>
      ))}
    </Table>
  );
}
