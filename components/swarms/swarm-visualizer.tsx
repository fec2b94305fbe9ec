'use client';
// Nodes as columns (managers first), their tasks as cards coloured by service and styled by
// state, live. The palette is fixed so a service keeps its colour across renders and pages.
import { useTranslations } from 'next-intl';
import { useEffect } from 'react';
import { Card } from '@/components/ui/card.tsx';
import { useSwarmVisualizer } from '@/lib/queries/use-swarm-visualizer.ts';
import type { Via } from '@/lib/services/swarms/read-swarm.ts';
import { type COLOURS, type VisualizerCard, type VisualizerColumn } from '@/lib/models/swarms/visualizer-model.ts';
import type { NodeView } from '@/lib/services/swarms/swarm-views.ts';
import { cn } from '@/lib/ui/cn.ts';
import { useTaskState } from './use-task-state.ts';

/** One entry per colour index (COLOURS of them), readable in both themes. */
const PALETTE = [
  'border-sky-500 bg-sky-50 text-sky-950 dark:border-sky-400 dark:bg-sky-950 dark:text-sky-100',
  'border-emerald-500 bg-emerald-50 text-emerald-950 dark:border-emerald-400 dark:bg-emerald-950 dark:text-emerald-100',
  'border-violet-500 bg-violet-50 text-violet-950 dark:border-violet-400 dark:bg-violet-950 dark:text-violet-100',
  'border-amber-500 bg-amber-50 text-amber-950 dark:border-amber-400 dark:bg-amber-950 dark:text-amber-100',
  'border-rose-500 bg-rose-50 text-rose-950 dark:border-rose-400 dark:bg-rose-950 dark:text-rose-100',
  'border-teal-500 bg-teal-50 text-teal-950 dark:border-teal-400 dark:bg-teal-950 dark:text-teal-100',
  'border-indigo-500 bg-indigo-50 text-indigo-950 dark:border-indigo-400 dark:bg-indigo-950 dark:text-indigo-100',
  'border-lime-600 bg-lime-50 text-lime-950 dark:border-lime-400 dark:bg-lime-950 dark:text-lime-100',
  'border-fuchsia-500 bg-fuchsia-50 text-fuchsia-950 dark:border-fuchsia-400 dark:bg-fuchsia-950 dark:text-fuchsia-100',
  'border-orange-500 bg-orange-50 text-orange-950 dark:border-orange-400 dark:bg-orange-950 dark:text-orange-100',
  'border-cyan-500 bg-cyan-50 text-cyan-950 dark:border-cyan-400 dark:bg-cyan-950 dark:text-cyan-100',
  'border-pink-500 bg-pink-50 text-pink-950 dark:border-pink-400 dark:bg-pink-950 dark:text-pink-100',
] as const satisfies readonly string[] & { length: typeof COLOURS };

const TONE: Record<VisualizerCard['tone'], string> = {
  running: 'border-l-4',
  starting: 'border-dashed',
  pending: 'border-dashed opacity-70',
  stopping: 'opacity-60',
  failed: 'ring-2 ring-danger',
  other: 'opacity-50',
};

const STATE_TONE: Record<VisualizerCard['tone'], string> = {
  running: 'text-ok',
  starting: 'text-accent',
  pending: 'text-muted',
  stopping: 'text-warn',
  failed: 'text-danger',
  other: 'text-muted',
};

function TaskCard({ card }: { card: VisualizerCard }) {
  const stateWord = useTaskState();
  return (
    <li className={cn('rounded border px-2 py-1.5 text-xs', PALETTE[card.colour % PALETTE.length], TONE[card.tone])}>
      <div className="truncate font-medium" title={card.serviceName}>
        {card.serviceName}
        {card.slot !== null && <span className="opacity-70">.{card.slot}</span>}
      </div>
      <div className="flex items-center gap-1">
        <span className={cn('font-medium', STATE_TONE[card.tone])}>{stateWord(card.state)}</span>
        {card.desiredState !== 'running' && card.desiredState !== card.state && <span className="opacity-70">→ {stateWord(card.desiredState)}</span>}
      </div>
    </li>
  );
}

function Column({ column }: { column: VisualizerColumn }) {
  const t = useTranslations('swarms.visualizer');
  const node = useTranslations('swarms.node');
  const unhealthy = column.state !== null && column.state !== 'ready';
  const hostname = column.nodeId === null ? t('unassigned') : column.hostname;
  const facts = [
    column.role && node(`role.${column.role}`),
    column.availability && column.availability !== 'active' ? node(`availability.${column.availability as NodeView['availability']}`) : null,
    unhealthy ? node(`state.${column.state as NodeView['state']}`) : null,
  ];
  return (
    <section aria-label={t('columnLabel', { host: hostname })} className="flex w-48 shrink-0 flex-col gap-2 rounded-lg border border-border bg-surface-2 p-2">
      <header className="px-1">
        <h3 className="truncate text-sm font-semibold" title={hostname}>
          {hostname}
        </h3>
        <p className="text-xs text-muted">
          {facts.filter(Boolean).join(' · ') || t('notANode')} · {t('tasks', { count: column.cards.length + column.hidden })}
        </p>
      </header>
      {column.cards.length === 0 ? (
        <p className="px-1 py-2 text-xs text-muted">{t('noTasks')}</p>
      ) : (
        <ul className="flex flex-col gap-1.5">
          {column.cards.map((card) => (
            <TaskCard key={card.taskId} card={card} />
          ))}
        </ul>
      )}
      {column.hidden > 0 && <p className="px-1 text-xs font-medium text-muted">{t('more', { count: column.hidden })}</p>}
    </section>
  );
}

export function SwarmVisualizer({ swarmId, onVia }: { swarmId: string; onVia?: (via: Via) => void }) {
  const t = useTranslations('swarms.visualizer');
  const { data, error, isPending } = useSwarmVisualizer(swarmId);
  useEffect(() => {
    if (data) onVia?.(data);
  }, [data, onVia]);
  return (
    <Card title={t('title')}>
      {isPending ? (
        <p role="status" className="text-muted">
          {t('reading')}
        </p>
      ) : !data ? (
        <p role="alert" className="text-danger">
          {error?.message ?? t('unreadable')}
        </p>
      ) : (
        <>
          <div className="flex gap-3 overflow-x-auto pb-2">
            {data.columns.map((column) => (
              <Column key={column.nodeId ?? 'unassigned'} column={column} />
            ))}
          </div>
          <p className="mt-2 text-xs text-muted">
            {t('legend')}
            {error && <span className="text-danger"> {t('refreshFailed', { message: error.message })}</span>}
          </p>
        </>
      )}
    </Card>
  );
}
