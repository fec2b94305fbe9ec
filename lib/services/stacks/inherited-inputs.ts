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
import { translateStack, type TranslateInput } from '@/lib/services/stacks/compose/translate-stack.ts';

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

/** Where the translation of a stack uses each of its variables and files. */
export function inputUses(input: Omit<TranslateInput, 'trace'>): InputUses {
  const uses: InputUses = { variables: new Map(), files: new Map() };
  translateStack({ ...input, trace: { variable: (name, at) => note(uses.variables, name, at), file: (path, at) => note(uses.files, path, at) } });
  return uses;
}

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
