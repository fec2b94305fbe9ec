'use client';
// Whether a stack's or a service's tasks run, told apart from how its deploy call went: a badge
// (running, converging, degraded, failed) and the tasks' errors that explain it.
import { Badge } from '@/components/ui/badge.tsx';
import type { Convergence, ConvergenceState } from '@/lib/models/stacks/convergence.ts';

const TONE = { running: 'ok', converging: 'warn', degraded: 'warn', failed: 'danger' } as const;

const MEANING: Record<ConvergenceState, string> = {
  running: 'every task it wants is running',
  converging: 'tasks are still starting; none has failed',
  degraded: 'some tasks run, others fail',
  failed: 'no task runs: they fail',
};

export function ConvergenceBadge({ convergence }: { convergence: Convergence }) {
  return (
    <span title={MEANING[convergence.state]}>
      <Badge tone={TONE[convergence.state]}>
        <span className="sr-only">State: </span>
        {convergence.state}
      </Badge>
    </span>
  );
}

/** The badge with the tasks' errors under it (`max` of them), each naming its service when asked. */
export function ConvergenceCell({ convergence, max = 1, withService = false }: { convergence: Convergence; max?: number; withService?: boolean }) {
  const shown = convergence.errors.slice(0, max);
  return (
    <div className="flex flex-col items-start gap-1">
      <ConvergenceBadge convergence={convergence} />
      {shown.map((e) => (
        <span key={`${e.service}:${e.error}`} className="max-w-72 text-xs break-words text-danger">
          {withService ? `${e.service}: ` : ''}
          {e.error}
        </span>
      ))}
    </div>
  );
}
