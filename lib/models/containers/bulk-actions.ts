// Acting on several containers at once from the list: which of the selected containers a bulk
// action applies to (the engine would refuse the others), whether it asks first and which task
// containers it names, and the outcome of a run container by container. Pure: each container
// still goes through the same action (and its checks) as its row's menu.
import { actionsFor, type ContainerRow } from './container-views.ts';
import { taskActionWarning, type TaskConsequence } from './task-container.ts';

export const BULK_ACTIONS = ['start', 'stop', 'restart', 'remove'] as const;
export type BulkAction = (typeof BULK_ACTIONS)[number];

type Selectable = Pick<ContainerRow, 'key' | 'state' | 'service' | 'name'>;

/** The selected containers the action applies to: start to stopped ones, stop to running ones, restart to running ones, remove to all. */
export function appliesTo<T extends Selectable>(action: BulkAction, rows: readonly T[]): T[] {
  if (action === 'remove') return [...rows];
  return rows.filter((r) => actionsFor(r.state).includes(action));
}

/** Removing a task's container ends its task like stopping it may: the swarm may start another. */
export function bulkTaskConsequence(action: BulkAction, row: Pick<ContainerRow, 'name' | 'service'>): TaskConsequence | null {
  if (action === 'remove') return row.service ? 'mayReplace' : null;
  return taskActionWarning(action, row);
}

/** Stop and remove always ask first (naming how many and which); restart asks when it reaches a swarm task; start never does. */
export function bulkNeedsConfirmation(action: BulkAction, rows: readonly Pick<ContainerRow, 'name' | 'service'>[]): boolean {
  if (action === 'stop' || action === 'remove') return rows.length > 0;
  return rows.some((r) => bulkTaskConsequence(action, r) !== null);
}

/** Selected keys that are still shown: a container that left the list (or a filter) is not acted on. */
export function selectedRows<T extends Pick<ContainerRow, 'key'>>(rows: readonly T[], selected: ReadonlySet<string>): T[] {
  return rows.filter((r) => selected.has(r.key));
}

/** The select-all box of the rows shown: checked when all are selected, mixed when some are. */
export function selectAllState(rows: readonly Pick<ContainerRow, 'key'>[], selected: ReadonlySet<string>): 'all' | 'some' | 'none' {
  const count = rows.filter((r) => selected.has(r.key)).length;
  if (count === 0) return 'none';
  return count === rows.length ? 'all' : 'some';
}

/** The selection after the select-all box is clicked: every shown row, or none of them (rows not shown keep their state). */
export function toggleAll(rows: readonly Pick<ContainerRow, 'key'>[], selected: ReadonlySet<string>): Set<string> {
  const next = new Set(selected);
  const all = selectAllState(rows, selected) === 'all';
  for (const r of rows) {
    if (all) next.delete(r.key);
    else next.add(r.key);
  }
  return next;
}

export type BulkOutcome = { key: string; name: string; hostName: string; ok: true; message: string } | { key: string; name: string; hostName: string; ok: false; error: string };

/** What a finished (or running) bulk action says: how many done, and each failure by container. */
export function summarizeBulk(total: number, outcomes: readonly BulkOutcome[]): { done: number; succeeded: number; failed: Extract<BulkOutcome, { ok: false }>[]; finished: boolean } {
  const failed = outcomes.filter((o): o is Extract<BulkOutcome, { ok: false }> => !o.ok);
  return { done: outcomes.length, succeeded: outcomes.length - failed.length, failed, finished: outcomes.length >= total };
}
