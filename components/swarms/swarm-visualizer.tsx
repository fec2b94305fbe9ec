'use client';
// Nodes as columns (managers first), their tasks as cards coloured by service and styled by
// state, live. The palette is fixed so a service keeps its colour across renders and pages.
import { useEffect } from 'react';
import { Card } from '@/components/ui/card.tsx';
import { useSwarmVisualizer } from '@/lib/queries/use-swarm-visualizer.ts';
import type { Via } from '@/lib/services/swarms/read-swarm.ts';
import { type COLOURS, type VisualizerCard, type VisualizerColumn } from '@/lib/models/swarms/visualizer-model.ts';
import { cn } from '@/lib/ui/cn.ts';

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
  return (
    <li className={cn('rounded border px-2 py-1.5 text-xs', PALETTE[card.colour % PALETTE.length], TONE[card.tone])}>
      <div className="truncate font-medium" title={card.serviceName}>
        {card.serviceName}
        {card.slot !== null && <span className="opacity-70">.{card.slot}</span>}
      </div>
      <div className="flex items-center gap-1">
        <span className={cn('font-medium', STATE_TONE[card.tone])}>{card.state}</span>
        {card.desiredState !== 'running' && card.desiredState !== card.state && <span className="opacity-70">→ {card.desiredState}</span>}
      </div>
    </li>
  );
}

function Column({ column }: { column: VisualizerColumn }) {
  const unhealthy = column.state !== null && column.state !== 'ready';
  return (
    <section aria-label={`Tasks on ${column.hostname}`} className="flex w-48 shrink-0 flex-col gap-2 rounded-lg border border-border bg-surface-2 p-2">
      <header className="px-1">
        <h3 className="truncate text-sm font-semibold" title={column.hostname}>
          {column.hostname}
        </h3>
        <p className="text-xs text-muted">
          {[column.role, column.availability !== 'active' ? column.availability : null, unhealthy ? column.state : null].filter(Boolean).join(' · ') || 'not a node'} · {column.cards.length + column.hidden}{' '}
          task{column.cards.length + column.hidden === 1 ? '' : 's'}
        </p>
      </header>
      {column.cards.length === 0 ? (
        <p className="px-1 py-2 text-xs text-muted">No tasks</p>
      ) : (
        <ul className="flex flex-col gap-1.5">
          {column.cards.map((card) => (
            <TaskCard key={card.taskId} card={card} />
          ))}
        </ul>
      )}
      {column.hidden > 0 && <p className="px-1 text-xs font-medium text-muted">+{column.hidden} more</p>}
    </section>
  );
}

export function SwarmVisualizer({ swarmId, onVia }: { swarmId: string; onVia?: (via: Via) => void }) {
  const { data, error, isPending } = useSwarmVisualizer(swarmId);
  useEffect(() => {
    if (data) onVia?.(data);
  }, [data, onVia]);
  return (
    <Card title="Visualizer">
      {isPending ? (
        <p role="status" className="text-muted">
          Reading the tasks…
        </p>
      ) : !data ? (
        <p role="alert" className="text-danger">
          {error?.message ?? 'The tasks could not be read.'}
        </p>
      ) : (
        <>
          <div className="flex gap-3 overflow-x-auto pb-2">
            {data.columns.map((column) => (
              <Column key={column.nodeId ?? 'unassigned'} column={column} />
            ))}
          </div>
          <p className="mt-2 text-xs text-muted">
            Colours stand for services. A thick left edge: running; dashed: starting or pending; faded: stopping; red ring: failed.
            {error && <span className="text-danger"> The last refresh failed: {error.message}</span>}
          </p>
        </>
      )}
    </Card>
  );
}
