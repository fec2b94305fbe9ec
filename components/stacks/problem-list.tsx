'use client';
// A compose file's problems under the editor: errors (the file cannot be deployed as it is) and,
// apart, warnings (keys swarm ignores, unset variables).
import { AlertTriangle, CircleX } from 'lucide-react';
import { useTranslations } from 'next-intl';
import type { DocumentProblem } from '@/lib/errors.ts';

const bySeverity = (problems: DocumentProblem[]) => ({ errors: problems.filter((p) => p.severity === 'error'), warnings: problems.filter((p) => p.severity === 'warning') });

/** "line 12, column 5: service db: undefined secret …" — where first, as an editor reads it. */
export function useProblemText(): (problem: DocumentProblem) => string {
  const t = useTranslations('stacks.problems');
  return (problem) => (problem.line ? (problem.column ? t('atLineColumn', { line: problem.line, column: problem.column, message: problem.message }) : t('atLine', { line: problem.line, message: problem.message })) : problem.message);
}

/** One sentence of every problem, for the editor's description (screen readers hear it there). */
function useProblemSummary(problems: DocumentProblem[]): string {
  const t = useTranslations('stacks.problems');
  const text = useProblemText();
  const { errors, warnings } = bySeverity(problems);
  const list = (group: DocumentProblem[]) => group.map(text).join(t('separator'));
  const first = errors.length ? t('errorsSummary', { count: errors.length, list: list(errors) }) : t('noneSummary');
  return warnings.length ? t('bothSummary', { errors: first, warnings: t('warningsSummary', { count: warnings.length, list: list(warnings) }) }) : first;
}

/** The problems of one severity: how many, then one line each. */
function ProblemGroup({ heading, label, problems, textColor, Icon }: { heading: string; label: string; problems: DocumentProblem[]; textColor: string; Icon: typeof CircleX }) {
  const text = useProblemText();
  return (
    <div>
      <h3 className={`text-xs font-semibold ${textColor}`}>{heading}</h3>
      <ul aria-label={label} className="mt-1 flex flex-col gap-1">
        {problems.map((p, i) => (
          <li key={i} className={`flex items-start gap-2 font-mono text-xs ${textColor}`}>
            <Icon className="mt-0.5 size-3.5 shrink-0" aria-hidden />
            <span>{text(p)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ProblemList({ summaryId, problems, checking }: { summaryId?: string; problems: DocumentProblem[]; checking?: boolean }) {
  const t = useTranslations('stacks.problems');
  const summary = useProblemSummary(problems);
  const { errors, warnings } = bySeverity(problems);
  return (
    <>
      {summaryId && (
        <span id={summaryId} className="sr-only">
          {summary}
        </span>
      )}
      <div className="flex flex-col gap-2 text-sm" aria-live="polite">
        {errors.length > 0 ? (
          <ProblemGroup heading={t('errorCount', { count: errors.length })} label={t('errorsLabel')} problems={errors} textColor="text-danger" Icon={CircleX} />
        ) : (
          <p role="status" className="text-xs text-muted">{checking ? t('checking') : t('none')}</p>
        )}
        {warnings.length > 0 && <ProblemGroup heading={t('warningCount', { count: warnings.length })} label={t('warningsLabel')} problems={warnings} textColor="text-warn" Icon={AlertTriangle} />}
      </div>
    </>
  );
}
