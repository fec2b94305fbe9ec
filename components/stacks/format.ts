// Wording shared by the stack views. Pure.
import type { DocumentProblem } from '@/lib/errors.ts';

/** "line 12, column 5: service db: undefined secret …" — where first, as an editor reads it. */
export function problemText(problem: DocumentProblem): string {
  if (!problem.line) return problem.message;
  return `line ${problem.line}${problem.column ? `, column ${problem.column}` : ''}: ${problem.message}`;
}

export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** The toast after a deploy: what the engine was asked to change. */
export function deploySummary(stackName: string, result: { revision: number; created: string[]; updated: string[]; removed: string[] }): string {
  return `Deployed ${stackName} (revision ${result.revision}): ${result.created.length} created, ${result.updated.length} updated, ${result.removed.length} removed`;
}

/** A stack name as the schema wants it, for checking a file before the user has named the stack. */
export const nameForCheck = (name: string) => (/^[a-z0-9][a-z0-9_-]*$/.test(name.trim()) ? name.trim() : 'stack');

export const stackPath = (swarmId: string, stackName: string) => `/stacks/${encodeURIComponent(swarmId)}/${encodeURIComponent(stackName)}`;
