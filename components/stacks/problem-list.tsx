// A compose file's problems under the editor: errors (the file cannot be deployed as it is) and,
// apart, warnings (keys swarm ignores, unset variables).
import { AlertTriangle, CircleX } from 'lucide-react';
import type { DocumentProblem } from '@/lib/errors.ts';
import { problemText } from './format.ts';

/** One sentence of every problem, for the editor's description (screen readers hear it there). */
export function problemSummary(problems: DocumentProblem[]): string {
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  const parts = [errors.length ? `${errors.length === 1 ? '1 problem' : `${errors.length} problems`}: ${errors.map(problemText).join('; ')}.` : 'No problems.'];
  if (warnings.length) parts.push(`${warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`}: ${warnings.map(problemText).join('; ')}.`);
  return parts.join(' ');
}

export function ProblemList({ summaryId, problems, checking }: { summaryId?: string; problems: DocumentProblem[]; checking?: boolean }) {
  const errors = problems.filter((p) => p.severity === 'error');
  const warnings = problems.filter((p) => p.severity === 'warning');
  return (
    <>
      {summaryId && (
        <span id={summaryId} className="sr-only">
          {problemSummary(problems)}
        </span>
      )}
      <div className="flex flex-col gap-2 text-sm" aria-live="polite">
        {errors.length > 0 ? (
          <div>
            <h3 className="text-xs font-semibold text-danger">{errors.length === 1 ? '1 problem' : `${errors.length} problems`}</h3>
            <ul aria-label="Problems" className="mt-1 flex flex-col gap-1">
              {errors.map((p, i) => (
                <li key={i} className="flex items-start gap-2 font-mono text-xs text-danger">
                  <CircleX className="mt-0.5 size-3.5 shrink-0" aria-hidden />
                  <span>{problemText(p)}</span>
                </li>
              ))}
            </ul>
          </div>
        ) : (
          <p role="status" className="text-xs text-muted">{checking ? 'Checking the file…' : 'No problems found in the file.'}</p>
        )}
        {warnings.length > 0 && (
          <div>
            <h3 className="text-xs font-semibold text-warn">{warnings.length === 1 ? '1 warning' : `${warnings.length} warnings`}</h3>
            <ul aria-label="Warnings" className="mt-1 flex flex-col gap-1">
              {warnings.map((p, i) => (
                <li key={i} className="flex items-start gap-2 font-mono text-xs text-warn">
                  <AlertTriangle className="mt-0.5 size-3.5 shrink-0" aria-hidden />
                  <span>{problemText(p)}</span>
                </li>
              ))}
            </ul>
          </div>
        )}
      </div>
    </>
  );
}
