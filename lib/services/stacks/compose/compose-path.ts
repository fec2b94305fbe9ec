// Paths into a compose document ("services.db.secrets[0]") and the problems reported against them.
import 'server-only';

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
