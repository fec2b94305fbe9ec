// The swarm visualizer's model: one column per node, its tasks as cards coloured by service and toned by state. Pure.
import type { NodeView, TaskView } from '../../services/swarms/swarm-views.ts';

export type VisualizerCard = {
  taskId: string;
  serviceId: string;
  serviceName: string;
  slot: number | null;
  state: string;
  desiredState: string;
  /** 0..11, the same for every task of a service on every render. */
  colour: number;
  tone: 'running' | 'starting' | 'failed' | 'stopping' | 'pending' | 'other';
};

export type VisualizerColumn = {
  /** null: the tasks no node has been assigned yet. */
  nodeId: string | null;
  hostname: string;
  /** null for Unassigned, and for a node the tasks name but the node list no longer has. */
  role: 'manager' | 'worker' | null;
  availability: string | null;
  state: string | null;
  cards: VisualizerCard[];
  /** Cards of this column left out by maxCardsPerColumn, so the column can say "+N more". */
  hidden: number;
};

export const COLOURS = 12;

const TERMINAL = new Set(['complete', 'shutdown', 'failed', 'rejected', 'remove', 'orphaned']);
const PENDING = new Set(['new', 'allocated', 'pending']);
const STARTING = new Set(['assigned', 'accepted', 'preparing', 'ready', 'starting']);
/** Only these mean on the way out: a job's task wants "complete" and a stop-first update holds new tasks at "ready", and both go on. */
const LEAVING = new Set(['shutdown', 'remove']);

/** FNV-1a: cheap, and the same on server and client, unlike anything seeded. */
export function serviceColour(serviceId: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < serviceId.length; i++) {
    hash ^= serviceId.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % COLOURS;
}

export function toneOf(state: string, desiredState: string): VisualizerCard['tone'] {
  if (state === 'failed' || state === 'rejected') return 'failed';
  if (TERMINAL.has(state)) return 'other';
  // Still alive but on its way out, e.g. the tasks of a node being drained.
  if (LEAVING.has(desiredState)) return 'stopping';
  if (state === 'running') return 'running';
  if (STARTING.has(state)) return 'starting';
  if (PENDING.has(state)) return 'pending';
  return 'other';
}

/** What a user expects to see: what runs or is about to, what is stopping, and what has just failed but is still wanted. */
const isCurrent = (task: TaskView) => task.desiredState === 'running' || !TERMINAL.has(task.state);

// One collator for every comparison: localeCompare with options builds one per call, which made
// sorting a few thousand cards cost most of a swarm page's time.
const byName = new Intl.Collator('en', { numeric: true }).compare;

function byServiceThenSlot(a: VisualizerCard, b: VisualizerCard): number {
  return (
    byName(a.serviceName, b.serviceName) ||
    byName(a.serviceId, b.serviceId) ||
    (a.slot ?? Number.MAX_SAFE_INTEGER) - (b.slot ?? Number.MAX_SAFE_INTEGER) ||
    (a.taskId < b.taskId ? -1 : a.taskId > b.taskId ? 1 : 0)
  );
}

const toCard = (task: TaskView): VisualizerCard => ({
  taskId: task.id,
  serviceId: task.serviceId,
  serviceName: task.serviceName,
  slot: task.slot,
  state: task.state,
  desiredState: task.desiredState,
  colour: serviceColour(task.serviceId),
  tone: toneOf(task.state, task.desiredState),
});

export function buildVisualizer(
  nodes: NodeView[],
  tasks: TaskView[],
  options: { includeStopped?: boolean; maxCardsPerColumn?: number } = {},
): { columns: VisualizerColumn[]; hidden: number } {
  const sortedNodes = [...nodes].sort((a, b) => (a.role === b.role ? 0 : a.role === 'manager' ? -1 : 1) || byName(a.hostname, b.hostname) || byName(a.id, b.id));
  const columns = new Map<string | null, VisualizerColumn>();
  const nodeColumns: VisualizerColumn[] = [];
  for (const node of sortedNodes) {
    if (columns.has(node.id)) continue;
    const column: VisualizerColumn = { nodeId: node.id, hostname: node.hostname, role: node.role, availability: node.availability, state: node.state, cards: [], hidden: 0 };
    columns.set(node.id, column);
    nodeColumns.push(column);
  }

  // Tasks on nodes the list no longer has (removed meanwhile) get their own columns, after the known nodes.
  const strays: VisualizerColumn[] = [];
  let unassigned: VisualizerColumn | null = null;
  for (const task of tasks) {
    if (!options.includeStopped && !isCurrent(task)) continue;
    let column = columns.get(task.nodeId);
    if (!column) {
      if (task.nodeId === null) {
        unassigned ??= { nodeId: null, hostname: 'Unassigned', role: null, availability: null, state: null, cards: [], hidden: 0 };
        column = unassigned;
      } else {
        column = { nodeId: task.nodeId, hostname: task.nodeId.slice(0, 12), role: null, availability: null, state: null, cards: [], hidden: 0 };
        strays.push(column);
      }
      columns.set(task.nodeId, column);
    }
    column.cards.push(toCard(task));
  }

  strays.sort((a, b) => byName(a.hostname, b.hostname) || byName(a.nodeId ?? '', b.nodeId ?? ''));
  const ordered = [...nodeColumns, ...strays, ...(unassigned ? [unassigned] : [])];

  const cap = options.maxCardsPerColumn;
  const limit = cap === undefined || Number.isNaN(cap) ? Infinity : Math.max(0, Math.floor(cap));
  let hidden = 0;
  for (const column of ordered) {
    column.cards.sort(byServiceThenSlot);
    if (column.cards.length > limit) {
      column.hidden = column.cards.length - limit;
      hidden += column.hidden;
      column.cards = column.cards.slice(0, limit);
    }
  }
  return { columns: ordered, hidden };
}
