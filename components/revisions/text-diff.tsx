'use client';
// Two revisions of a compose file (a stack's or a compose project's) compared line by line: a table
// named "Diff" whose rows say "added" or "removed" in words as well as in colour, with unchanged
// runs folded to their edges.
import { useTranslations } from 'next-intl';
import { useMemo } from 'react';
import { diffTexts, type DiffLine } from '@/lib/models/stacks/diff-revisions.ts';
import { cn } from '@/lib/ui/cn.ts';

const CONTEXT = 3;
/** The sign before a changed line (a minus sign, not a hyphen). */
const MARK = { added: '+', removed: '\u2212' } as const;

type Row = { kind: DiffLine['kind']; text: string; before: number | null; after: number | null } | { kind: 'fold'; count: number };

/** Numbers each line on its side and folds unchanged runs longer than the context around changes. Pure. */
export function diffRows(lines: DiffLine[]): Row[] {
  let before = 0;
  let after = 0;
  const numbered = lines.map((line) => ({
    ...line,
    before: line.kind === 'added' ? null : ++before,
    after: line.kind === 'removed' ? null : ++after,
  }));
  const near = (index: number) => numbered.slice(Math.max(0, index - CONTEXT), index + CONTEXT + 1).some((l) => l.kind !== 'same');
  const rows: Row[] = [];
  let folded = 0;
  numbered.forEach((line, index) => {
    if (line.kind === 'same' && !near(index)) {
      folded++;
      return;
    }
    if (folded) rows.push({ kind: 'fold', count: folded });
    folded = 0;
    rows.push(line);
  });
  if (folded) rows.push({ kind: 'fold', count: folded });
  return rows;
}

/** Revision `from`'s text against revision `to`'s; `before`/`after` are undefined while they are read. */
export function TextDiff({ before, after, from, to, error }: { before: string | undefined; after: string | undefined; from: number; to: number; error: Error | null }) {
  const t = useTranslations('stacks.diff');
  const rows = useMemo(() => (before !== undefined && after !== undefined ? diffRows(diffTexts(before, after)) : null), [before, after]);

  if (error) return <p role="alert" className="text-sm text-danger">{error.message}</p>;
  if (!rows) return <p role="status" className="text-sm text-muted">{t('reading', { from, to })}</p>;
  const changed = rows.filter((r) => r.kind === 'added' || r.kind === 'removed').length;
  return (
    <div className="flex flex-col gap-2">
      <p className="text-xs text-muted">
        {changed === 0 ? t('same', { from, to }) : t('changed', { removed: rows.filter((r) => r.kind === 'removed').length, added: rows.filter((r) => r.kind === 'added').length, from, to })}
      </p>
      <div className="max-h-[28rem] overflow-auto rounded-md border border-border">
        <table className="w-full border-collapse font-mono text-xs">
          <caption className="sr-only">{t('caption')}</caption>
          <thead className="sticky top-0 bg-surface-2 text-left text-muted">
            <tr>
              <th scope="col" className="w-12 px-2 py-1 text-right font-normal">
                #{from}
              </th>
              <th scope="col" className="w-12 px-2 py-1 text-right font-normal">
                #{to}
              </th>
              <th scope="col" className="w-16 px-2 py-1 font-normal">
                {t('change')}
              </th>
              <th scope="col" className="px-2 py-1 font-normal">
                {t('line')}
              </th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row, index) =>
              row.kind === 'fold' ? (
                <tr key={index} className="bg-surface-2/60 text-muted">
                  <td colSpan={4} className="px-2 py-0.5 italic">
                    {t('folded', { count: row.count })}
                  </td>
                </tr>
              ) : (
                <tr key={index} className={cn(row.kind === 'added' && 'bg-ok/10 text-ok', row.kind === 'removed' && 'bg-danger/10 text-danger')}>
                  <td className="px-2 text-right text-muted">{row.before ?? ''}</td>
                  <td className="px-2 text-right text-muted">{row.after ?? ''}</td>
                  <td className="px-2">
                    {row.kind === 'same' ? (
                      <span className="sr-only">{t('kind.same')}</span>
                    ) : (
                      <>
                        <span aria-hidden>{MARK[row.kind]}</span> <span className="sr-only">{t(`kind.${row.kind}`)}</span>
                      </>
                    )}
                  </td>
                  <td className="whitespace-pre-wrap break-all px-2">{row.text}</td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
