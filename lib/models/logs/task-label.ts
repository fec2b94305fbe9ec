// The prefix of a service log line: the task as the CLI names it (`demo_worker.1`) at the node's
// hostname (`@lab-1`), instead of the engine's ids; an id the console cannot name yet is shown
// shortened. Pure.

export type TaskName = { id: string; serviceName: string; slot: number | null; nodeId: string | null };

export type TaskNames = { tasks: ReadonlyMap<string, TaskName>; nodes: ReadonlyMap<string, string> };

export function taskNames(tasks: readonly TaskName[], nodes: Iterable<readonly [string, string]>): TaskNames {
  return { tasks: new Map(tasks.map((t) => [t.id, t])), nodes: new Map(nodes) };
}

/** `demo_worker.1@lab-1`; a global service's task has no slot: `demo_agent.<task id>@lab-1`, as the CLI writes it. */
export function taskLabel(line: { task?: string; node?: string }, names: TaskNames): string | null {
  if (!line.task) return null;
  const task = names.tasks.get(line.task);
  const taskPart = task ? `${task.serviceName}.${task.slot ?? line.task.slice(0, 12)}` : line.task.slice(0, 12);
  const nodeId = line.node ?? task?.nodeId ?? null;
  const nodePart = nodeId ? (names.nodes.get(nodeId) ?? nodeId.slice(0, 12)) : '?';
  return `${taskPart}@${nodePart}`;
}
