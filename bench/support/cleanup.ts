// What must be undone however a benchmark ends: children stopped, containers removed, Postgres
// stopped. Cleanups run last-in first-out; run.ts runs them on success, failure and SIGINT/SIGTERM.
import type { ChildProcess } from 'node:child_process';

type Task = { name: string; run: () => Promise<void> };
const tasks: Task[] = [];
const children = new Set<ChildProcess>();

export function onCleanup(name: string, run: () => Promise<void>): () => void {
  const task = { name, run };
  tasks.push(task);
  return () => {
    const at = tasks.indexOf(task);
    if (at >= 0) tasks.splice(at, 1);
  };
}

export async function runCleanups(log: (line: string) => void): Promise<void> {
  while (tasks.length) {
    const task = tasks.pop()!;
    try {
      await task.run();
    } catch (error) {
      log(`cleanup "${task.name}" failed: ${(error as Error).message}`);
    }
  }
}

/** Children that must not outlive us even if we die abruptly. */
export function trackChild(child: ChildProcess): void {
  children.add(child);
  child.once('exit', () => children.delete(child));
}

process.on('exit', () => {
  for (const child of children) {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  }
});
