// A compose file's problems under the editor: errors (the file cannot be deployed as it is) and,
// apart, warnings (keys swarm ignores, unset variables).
import { AlertTriangle, CircleX } from 'lucide-react';
import type { DocumentProblem } from '@/lib/errors.ts';
import { problemText } from './format.ts';

const bySeverity = (problems: DocumentProblem[]) => ({ errors: problems.filter((p) => p.severity === 'error'), warnings: problems.filter((p) => p.severity === 'warning') });
const counted = (n: number, noun: string) => (n === 1 ? `1 ${noun}` : `${n} ${noun}s`);

/** One sentence of every problem, for the editor's description (screen readers hear it there). */
export function problemSummary(problems: DocumentProblem[]): string {
  const { errors, warnings } = bySeverity(problems);
  const parts = [errors.length ? `${counted(errors.length, 'problem')}: ${errors.map(problemText).join('; ')}.` : 'No problems.'];
  if (warnings.length) parts.push(`${counted(warnings.length, 'warning')}: ${warnings.map(problemText).join('; ')}.`);
  return parts.join(' ');
}

/** The problems of one severity: how many, then one line each. */
function ProblemGroup({ noun, label, problems, textColor, Icon }: { noun: string; label: string; problems: DocumentProblem[]; textColor: string; Icon: typeof CircleX }) {
  return (
    <div>
      <h3 className={`text-xs font-semibold ${textColor}`}>{counted(problems.length, noun)}</h3>
      <ul aria-label={label} className="mt-1 flex flex-col gap-1">
        {problems.map((p, i) => (
          <li key={i} className={`flex items-start gap-2 font-mono text-xs ${textColor}`}>
            <Icon className="mt-0.5 size-3.5 shrink-0" aria-hidden />
            <span>{problemText(p)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}

export function ProblemList({ summaryId, problems, checking }: { summaryId?: string; problems: DocumentProblem[]; checking?: boolean }) {
  const { errors, warnings } = bySeverity(problems);
  return (
    <>
      {summaryId && (
        <span id={summaryId} className="sr-only">
          {problemSummary(problems)}
        </span>
      )}
      <div className="flex flex-col gap-2 text-sm" aria-live="polite">
        {errors.length > 0 ? (
          <ProblemGroup noun="problem" label="Problems" problems={errors} textColor="text-danger" Icon={CircleX} />
        ) : (
          <p role="status" className="text-xs text-muted">{checking ? 'Checking the file…' : 'No problems found in the file.'}</p>
        )}
        {warnings.length > 0 && <ProblemGroup noun="warning" label="Warnings" problems={warnings} textColor="text-warn" Icon={AlertTriangle} />}
      </div>
    </>
  );
}
