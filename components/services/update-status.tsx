// A service's rolling update: a badge for lists, and the progress (a progressbar of tasks on the
// new spec), state, failure action and failed tasks' errors for the detail page.
import { useTranslations } from 'next-intl';
import { Badge } from '@/components/ui/badge.tsx';
import { RelativeTime } from '@/components/ui/relative-time.tsx';
import type { TaskView } from '@/lib/services/swarms/swarm-views.ts';
import type { UpdateProgress } from '@/lib/services/swarm-services/service-views.ts';

type Tone = 'neutral' | 'ok' | 'danger' | 'warn' | 'accent';

const STATES = {
  updating: 'warn',
  paused: 'danger',
  completed: 'ok',
  rollback_started: 'warn',
  rollback_paused: 'danger',
  rollback_completed: 'neutral',
} as const satisfies Record<string, Tone>;
type KnownState = keyof typeof STATES;
const isKnown = (state: string): state is KnownState => Object.hasOwn(STATES, state);

/** The update's state in the page's language, and its tone; a state the engine adds later is shown as it names it. */
function useUpdateState() {
  const t = useTranslations('services.update');
  return (state: string): { label: string; tone: Tone } => (isKnown(state) ? { label: t(`state.${state}`), tone: STATES[state] } : { label: state.replace(/_/g, ' '), tone: 'neutral' });
}
const isRollback = (state: string) => state.startsWith('rollback');

export function UpdateBadge({ update }: { update: UpdateProgress | null }) {
  const describe = useUpdateState();
  if (!update) return null;
  const { label, tone } = describe(update.state);
  return <Badge tone={tone}>{label}</Badge>;
}

const FAILURE_ACTIONS = ['pause', 'continue', 'rollback'] as const;
const isFailureAction = (action: string): action is (typeof FAILURE_ACTIONS)[number] => (FAILURE_ACTIONS as readonly string[]).includes(action);

export function UpdateProgressPanel({ update, failedTasks }: { update: UpdateProgress; failedTasks: (TaskView & { hostname: string | null })[] }) {
  const t = useTranslations('services.update');
  const { label, tone } = useUpdateState()(update.state);
  const { startedAt, completedAt } = update;
  const done = Math.min(update.updated, update.total);
  const percent = update.total > 0 ? Math.round((done / update.total) * 100) : 100;
  const said = isRollback(update.state) ? t('rolledBack', { done, total: update.total }) : t('updated', { done, total: update.total });
  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-3">
        <span className="text-sm">{t('stateLabel')}</span>
        <Badge tone={tone}>{label}</Badge>
        {startedAt && (
          <span className="text-xs text-muted">
            {t.rich('started', { time: () => <RelativeTime iso={startedAt} /> })}
          </span>
        )}
        {completedAt && (
          <span className="text-xs text-muted">
            {t.rich('ended', { time: () => <RelativeTime iso={completedAt} /> })}
          </span>
        )}
      </div>
      <div
        role="progressbar"
        aria-label={t('progress')}
        aria-valuemin={0}
        aria-valuemax={update.total}
        aria-valuenow={done}
        aria-valuetext={said}
        className="h-2.5 w-full overflow-hidden rounded-full bg-surface-2"
      >
        <div className={tone === 'danger' ? 'h-full bg-danger' : 'h-full bg-accent'} style={{ width: `${percent}%` }} />
      </div>
      <p className="text-sm" aria-live="polite">
        {said}
      </p>
      {update.message && <p className="text-xs text-muted">{t('engine', { message: update.message })}</p>}
      {update.failureAction && (
        <p className="text-xs text-muted">
          {t.rich('ifFails', { action: isFailureAction(update.failureAction) ? t(`failureAction.${update.failureAction}`) : update.failureAction, b: (chunks) => <span className="text-fg">{chunks}</span> })}
        </p>
      )}
      {failedTasks.length > 0 && (
        <div>
          <h3 className="text-xs font-medium text-danger">{t('failedTasks')}</h3>
          <ul aria-label={t('failedTasks')} className="mt-1 flex flex-col gap-1">
            {failedTasks.map((task) => (
              <li key={task.id} className="rounded-md border border-danger/40 bg-danger/10 px-3 py-1.5 text-xs text-danger">
                {t('failedTask', { node: task.hostname ?? task.nodeId ?? t('unassigned'), reason: task.error ?? task.message ?? task.state })}
                {task.exitCode !== null && t('exitCode', { code: task.exitCode })}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
