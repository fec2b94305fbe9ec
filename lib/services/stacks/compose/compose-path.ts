// Paths into a compose document ("services.db.secrets[0]") and the problems reported against them.
import 'server-only';
import { hasControlCharacter } from '@/lib/models/control-characters.ts';

export type ComposeProblem = {
  message: string;
  /** Where in the document, e.g. services.db.secrets[0]. */
  path?: string;
  line?: number;
  column?: number;
  severity: 'error' | 'warning';
};

export type PathSegment = string | number;
export type Position = { line: number; column: number };

/** Finds where a path starts in the source text; undefined when it is not there (or was made by a merge). */
export type Locate = (path: readonly PathSegment[]) => Position | undefined;

/** Keys print as dotted names, list indexes in brackets: services.web.ports[1].published. */
export function formatPath(path: readonly PathSegment[]): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out ? `.${segment}` : segment;
  }
  return out;
}

/** A stable map key for a path, unambiguous even when keys contain dots. */
export const pathKey = (path: readonly PathSegment[]): string => JSON.stringify(path);

/** A problem at a path, with its line and column when the source has them. */
export function problemAt(severity: ComposeProblem['severity'], path: readonly PathSegment[], message: string, locate?: Locate): ComposeProblem {
  const problem: ComposeProblem = { message, severity };
  if (path.length > 0) problem.path = formatPath(path);
  const at = locateNearest(path, locate);
  if (at) {
    problem.line = at.line;
    problem.column = at.column;
  }
  return problem;
}

/** Where a path starts in the source, or else where its closest located parent does. */
export const locateNearest = (path: readonly PathSegment[], locate?: Locate): Position | undefined => locate?.(path) ?? nearestLocation(path, locate);

/** The closest enclosing node that has a position: a key added by a default still points at its parent. */
function nearestLocation(path: readonly PathSegment[], locate?: Locate): Position | undefined {
  if (!locate) return undefined;
  for (let n = path.length - 1; n > 0; n--) {
    const at = locate(path.slice(0, n));
    if (at) return at;
  }
  return undefined;
}

export const hasErrors = (problems: readonly ComposeProblem[]) => problems.some((p) => p.severity === 'error');

/** Problems in reading order: those about the whole file first, then by line and column. */
export function inReadingOrder(problems: ComposeProblem[]): ComposeProblem[] {
  const rank = (p: ComposeProblem) => (p.line === undefined ? -1 : p.line * 100_000 + (p.column ?? 0));
  return problems
    .map((problem, index) => ({ problem, index }))
    .sort((a, b) => rank(a.problem) - rank(b.problem) || a.index - b.index)
    .map(({ problem }) => problem);
}

/** Variables stand in for a shell environment: names without "=" and values without NUL. */
export function checkVariables(variables: Record<string, string>): ComposeProblem[] {
  const problems: ComposeProblem[] = [];
  for (const [name, value] of Object.entries(variables)) {
    if (name === '' || name.includes('=') || hasControlCharacter(name)) problems.push({ severity: 'error', message: `variable "${name}": a name cannot be empty or contain "=" or control characters` });
    if (typeof value !== 'string' || value.includes('\u0000')) problems.push({ severity: 'error', message: `variable "${name}": the value must be text without NUL characters` });
  }
  return problems;
}
