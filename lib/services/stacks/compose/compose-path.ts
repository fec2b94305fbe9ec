// Paths into a compose document ("services.db.secrets[0]") and the problems reported against them.
import 'server-only';
import type { SaidProblem } from '@/lib/errors.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { hasControlCharacter } from '@/lib/models/control-characters.ts';

/** A problem in a compose file: `said` (a catalogue message, rendered by the door in the requester's
 * language), where in the document (`path`, e.g. services.db.secrets[0]) and at which line and column. */
export type ComposeProblem = SaidProblem;

/** A problem's sentence in English, as logs, audit records and the docker CLI's wording have it. */
export const problemText = (problem: ComposeProblem): string => renderMessage(problem.said, 'en');

export type PathSegment = string | number;

const NUL = '\u0000';
export type Position = { line: number; column: number };

/** Finds where a path starts in the source text; undefined when it is not there (or was made by a merge). */
export type Locate = (path: readonly PathSegment[]) => Position | undefined;

/** A path as a message value: the dotted name, or "the top level" for the document itself. */
export const pathWords = (path: readonly PathSegment[]): string | Message => formatPath(path) || msg('composeChecks.path.topLevel');

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
export function problemAt(severity: ComposeProblem['severity'], path: readonly PathSegment[], said: Message, locate?: Locate): ComposeProblem {
  const problem: ComposeProblem = { said, severity };
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
    if (name === '' || name.includes('=') || hasControlCharacter(name)) problems.push({ severity: 'error', said: msg('composeChecks.variables.badName', { name }) });
    if (typeof value !== 'string' || value.includes(NUL)) problems.push({ severity: 'error', said: msg('composeChecks.variables.badValue', { name }) });
  }
  return problems;
}
