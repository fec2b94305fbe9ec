// An edit of a stack may keep the previous revision's variables and files without anyone seeing
// their values (the editor gets their names only). Such a deploy must not carry a kept value to a
// place its deployer could read it back from: a config's content, a label, a command line, an
// environment revealed on request. The rule: a kept (inherited) variable or file may be used only
// where the revision it comes from used it; to use it anywhere else, give its value again. Where a
// value goes is read from the translation itself (every lookup of a variable or file, with its
// path), so interpolation, bare environment names, env files and secret or config sources count
// alike. Pure.
import 'server-only';
import { formatPath, problemAt, type ComposeProblem, type PathSegment } from '@/lib/services/stacks/compose/compose-path.ts';
import { parseComposeSource } from '@/lib/services/stacks/compose/parse-compose.ts';
import { msg } from '@/lib/i18n/message.ts';
import { normaliseStackPath } from '@/lib/services/stacks/compose/stack-files.ts';
import { translateStack, type InputTrace, type TranslateInput } from '@/lib/services/stacks/compose/translate-stack.ts';

/** Where each input is used: place → the first path it was seen at (for a line number). */
type Uses = Map<string, Map<string, readonly PathSegment[]>>;
export type InputUses = { variables: Uses; files: Uses };

/**
 * A place a value can go, coarse enough that reordering a list or a service's environment is not
 * a new place: list indexes are dropped; a service's environment, whether written under
 * environment or read from an env_file, is one place; labels are one place per owner.
 */
export function placeOf(at: readonly PathSegment[]): string {
  const parts = at.map((segment) => (typeof segment === 'number' ? '[]' : segment));
  if (parts[0] === 'services' && (parts[2] === 'environment' || parts[2] === 'env_file')) return formatPath(['services', String(parts[1]), 'environment']);
  const labels = parts.indexOf('labels');
  return formatPath(labels >= 0 ? parts.slice(0, labels + 1) : parts).replace(/\.\[\]/g, '[]');
}

const note = (uses: Uses, name: string, at: readonly PathSegment[]) => {
  const places = uses.get(name) ?? new Map<string, readonly PathSegment[]>();
  const place = placeOf(at);
  if (!places.has(place)) places.set(place, at);
  uses.set(name, places);
};

/** Where a reading of a compose file (given the trace to call) uses each variable and file. */
export function tracedUses(read: (trace: InputTrace) => void): InputUses {
  const uses: InputUses = { variables: new Map(), files: new Map() };
  read({ variable: (name, at) => note(uses.variables, name, at), file: (path, at) => note(uses.files, path, at) });
  return uses;
}

/** Where the translation of a stack uses each of its variables and files. */
export const inputUses = (input: Omit<TranslateInput, 'trace'>): InputUses => tracedUses((trace) => translateStack({ ...input, trace }));

/**
 * The kept inputs the next revision uses where the base revision did not, each as a problem at
 * the place in the next file. `kept` names the inherited variables and files (those the deployer
 * did not give again); file names are as the stack keeps them (normalised paths).
 */
export function misplacedInputs(
  base: { number: number; uses: InputUses },
  next: { composeText: string; uses: InputUses },
  kept: { variables: readonly string[]; files: readonly string[] },
): ComposeProblem[] {
  const { locate } = parseComposeSource(next.composeText);
  const problems: ComposeProblem[] = [];
  const check = (kind: 'variables' | 'files', name: string) => {
    const before = base.uses[kind].get(name) ?? new Map();
    for (const [place, at] of next.uses[kind].get(name) ?? []) {
      if (before.has(place)) continue;
      problems.push(problemAt('error', at, msg('composeChecks.kept.misplaced', { kind, name, number: String(base.number), place }), locate));
    }
  };
  for (const name of kept.variables) check('variables', name);
  for (const name of kept.files) check('files', name);
  return problems;
}

export type Inputs = { variables: Record<string, string>; files: Record<string, string> };

/**
 * An edit that keeps the base revision's inputs it does not give again: the merged inputs, and the
 * kept ones it would use where the base did not (empty when the edit may go ahead). `usesOf` reads
 * a file with inputs the way the owner (a stack, a compose project) will.
 */
export function inheritInputs(
  base: { number: number; composeText: string } & Inputs,
  given: { composeText: string } & Inputs,
  usesOf: (composeText: string, inputs: Inputs) => InputUses,
): { merged: Inputs; problems: ComposeProblem[] } {
  const merged = { variables: { ...base.variables, ...given.variables }, files: { ...base.files, ...given.files } };
  const kept = {
    variables: Object.keys(base.variables).filter((name) => !Object.hasOwn(given.variables, name)),
    files: Object.keys(base.files).filter((name) => !Object.hasOwn(given.files, name)).flatMap((name) => {
      const normalised = normaliseStackPath(name);
      return 'path' in normalised ? [normalised.path] : [];
    }),
  };
  if (kept.variables.length === 0 && kept.files.length === 0) return { merged, problems: [] };
  const problems = misplacedInputs({ number: base.number, uses: usesOf(base.composeText, base) }, { composeText: given.composeText, uses: usesOf(given.composeText, merged) }, kept);
  return { merged, problems };
}
