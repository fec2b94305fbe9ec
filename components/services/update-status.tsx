// A service's rolling update: a badge for lists, and the progress (a progressbar of tasks on the
// new spec), state, failure action and failed tasks' errors for the detail page.
import { Badge } from '@/components/ui/badge.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import type { TaskView } from '@/lib/services/swarms/swarm-views.ts';
import type { UpdateProgress } from '@/lib/services/swarm-services/service-views.ts';

type Tone = 'neutral' | 'ok' | 'danger' | 'warn' | 'accent';

const STATES: Record<string, { label: string; tone: Tone }> = {
  updating: { label: 'updating', tone: 'warn' },
  paused: { label: 'update paused', tone: 'danger' },
  completed: { label: 'update completed', tone: 'ok' },
  rollback_started: { label: 'rolling back', tone: 'warn' },
  rollback_paused: { label: 'rollback paused', tone: 'danger' },
  rollback_completed: { label: 'rolled back', tone: 'neutral' },
};

export const describeUpdateState = (state: string) => STATES[state] ?? { label: state.replace(/_/g, ' '), tone: 'neutral' as Tone };
const isRollback = (state: string) => state.startsWith('rollback');

export function UpdateBadge({ update }: { update: UpdateProgress | null }) {
  if (!update) return null;
  const { label, tone } = describeUpdateState(update.state);
  return <Badge tone={tone}>{label}</Badge>;
}

const FAILURE_ACTIONS: Record<string, string> = {
  pause: 'pause the update',
  continue: 'continue with the next tasks',
  rollback: 'roll back to the previous version',
};

export function UpdateProgressPanel({ update, failedTasks }: { update: UpdateProgress; failedTasks: (TaskView & { hostname: string | null })[] }) {
  const { label, tone } = describeUpdateState(update.state);
  const done = Math.min(update.updated, update.total);
  const percent = update.total > 0 ? Math.round((done / update.total) * 100) : 100;
  const verb = isRollback(update.state) ? 'rolled back' : 'updated';
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-sm">State:</span>
        <Badge tone={tone}>{label}</Badge>
        {update.startedAt && (
          <span className="text-xs text-muted">
            started <RelativeTime iso={update.startedAt} />
          </span>
        )}
        {update.completedAt && (
          <span className="text-xs text-muted">
            · ended <RelativeTime iso={update.completedAt} />
          </span>
        )}
      </div>
      <div
        role="progressbar"
        aria-label="Update progress"
        aria-valuemin={0}
        aria-valuemax={update.total}
        aria-valuenow={done}
        aria-valuetext={`${done} of ${update.total} tasks ${verb}`}
        className="h-2.5 w-full overflow-hidden rounded-full bg-surface-2"
      >
        <div className={tone === 'danger' ? 'h-full bg-danger' : 'h-full bg-accent'} style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm" aria-live="polite">
        {done} of {update.total} tasks {verb}
      </p>
      {update.message && <p className="text-xs text-muted">Engine: {update.message}</p>}
      {update.failureAction && (
        <p className="text-xs text-muted">
          If a task fails to update: <span className="text-fg">{FAILURE_ACTIONS[update.failureAction] ?? update.failureAction}</span>
        </p>
      )}
      {failedTasks.length > 0 && (
        <div>
          <h3 className="text-xs font-medium text-danger">Failed tasks</h3>
          <ul aria-label="Failed tasks" className="mt-1 flex flex-col gap-1">
            {failedTasks.map((t) => (
              <li key={t.id} className="rounded-md border border-danger/40 bg-danger/10 px-3 py-1.5 text-xs text-danger">
                {t.hostname ?? t.nodeId ?? 'unassigned'}: {t.error ?? t.message ?? t.state}
                {t.exitCode !== null && ` (exit code ${t.exitCode})`}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
