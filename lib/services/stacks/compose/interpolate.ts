// Replaces ${VAR} and its default / required forms in every string of a compose document with the
// stack's variables, by the docker CLI's rules (cli/compose/template), then casts the few fields the
// CLI casts (replicas: "${N}" becomes a number). Pure.
import 'server-only';
import { formatPath, problemAt, type ComposeProblem, type Locate, type PathSegment } from '@/lib/services/stacks/compose/compose-path.ts';
import { issueText } from '@/lib/i18n/message.ts';

/**
 * The CLI's pattern: $$, $NAME, ${NAME} where NAME may carry :-, -, :? or ? and everything up to the
 * first "}" after it (so no nesting), or a lone $ that is an error.
 */
const PATTERN = /\$(?:(\$)|([_a-z][_a-z0-9]*(?::?[-?][^}]*)?)|\{([_a-z][_a-z0-9]*(?::?[-?][^}]*)?)\}|())/gi;
const NAME = /^[_a-z][_a-z0-9]*$/i;

export type Substitution = {
  value: string;
  /** "required variable X is missing a value: …", or an invalid $ form. */
  errors: string[];
  /** Variables used without a default that are not set: they become empty strings. */
  unset: string[];
  /** Forms the CLI reads differently from how they look, e.g. ${A:?must-be-set} is a default. */
  notes: string[];
};

/** Splits at the first `sep`, as the CLI's partition does. */
function partition(text: string, sep: string): [string, string] {
  const at = text.indexOf(sep);
  return at < 0 ? [text, ''] : [text.slice(0, at), text.slice(at + sep.length)];
}

export function substituteVariables(template: string, lookup: (name: string) => string | undefined): Substitution {
  const errors: string[] = [];
  const unset: string[] = [];
  const notes: string[] = [];
  const invalid = `invalid interpolation format: "${template}"; you may need to escape any $ with another $`;

  const value = template.replace(PATTERN, (_match, escaped: string | undefined, named: string | undefined, braced: string | undefined) => {
    if (escaped) return '$';
    const substitution = named || braced;
    if (!substitution) {
      errors.push(invalid);
      return '';
    }
    // The CLI tries its operators in this order and takes the first one the text contains anywhere.
    const operator = [':-', '-', ':?', '?'].find((op) => substitution.includes(op));
    if (!operator) {
      const found = lookup(substitution);
      if (found === undefined) unset.push(substitution);
      return found ?? '';
    }
    const [name, rest] = partition(substitution, operator);
    const written = named ? `$${named}` : `\${${braced}}`;
    if (named) {
      notes.push(`"${written}" is read as a variable with a default ("${operator}${rest}"), like docker stack deploy does; write \${${name}}${operator}${rest} if the text after the name is not meant as a default`);
    } else if (!NAME.test(name)) {
      notes.push(`"${written}" is read as variable "${name}" with "${operator}" and "${rest}", like docker stack deploy does: the first operator in it wins`);
    }
    if (rest.includes('${')) notes.push(`"${written}": variables inside a default are not expanded (as with docker stack deploy); the value keeps a literal "\${"`);
    const found = lookup(name);
    switch (operator) {
      case ':-':
        return found === undefined || found === '' ? rest : found;
      case '-':
        return found === undefined ? rest : found;
      default:
        if (found === undefined || (operator === ':?' && found === '')) {
          errors.push(`required variable ${name} is missing a value: ${rest}`);
          return '';
        }
        return found;
    }
  });
  return { value, errors, unset, notes };
}

// ---- Casts: the fields the CLI converts after interpolation, and only when interpolation changed them.

type Cast = (text: string) => { value: unknown } | { error: string };

const toInt: Cast = (text) => {
  // strconv.Atoi: optional sign, decimal digits, within int64.
  if (!/^[+-]?\d+$/.test(text)) return { error: `"${text}" is not an integer` };
  const big = BigInt(text);
  if (big < -(2n ** 63n) || big > 2n ** 63n - 1n) return { error: `"${text}" is out of range` };
  return { value: Number.isSafeInteger(Number(big)) ? Number(big) : big };
};

const toFloat: Cast = (text) => {
  if (!/^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(text)) return { error: `"${text}" is not a number` };
  return { value: Number(text) };
};

const toBoolean: Cast = (text) => {
  const lower = text.toLowerCase();
  if (['y', 'yes', 'true', 'on'].includes(lower)) return { value: true };
  if (['n', 'no', 'false', 'off'].includes(lower)) return { value: false };
  return { error: `"${text}" is not a boolean` };
};

/** `*` matches any key, `[]` any list index. The same list as the CLI's interpolateTypeCastMapping. */
const CASTS: [string[], Cast][] = [
  [['services', '*', 'configs', '[]', 'mode'], toInt],
  [['services', '*', 'secrets', '[]', 'mode'], toInt],
  [['services', '*', 'healthcheck', 'retries'], toInt],
  [['services', '*', 'healthcheck', 'disable'], toBoolean],
  [['services', '*', 'deploy', 'replicas'], toInt],
  [['services', '*', 'deploy', 'update_config', 'parallelism'], toInt],
  [['services', '*', 'deploy', 'update_config', 'max_failure_ratio'], toFloat],
  [['services', '*', 'deploy', 'rollback_config', 'parallelism'], toInt],
  [['services', '*', 'deploy', 'rollback_config', 'max_failure_ratio'], toFloat],
  [['services', '*', 'deploy', 'restart_policy', 'max_attempts'], toInt],
  [['services', '*', 'deploy', 'placement', 'max_replicas_per_node'], toInt],
  [['services', '*', 'ports', '[]', 'target'], toInt],
  [['services', '*', 'ports', '[]', 'published'], toInt],
  [['services', '*', 'ulimits', '*'], toInt],
  [['services', '*', 'ulimits', '*', 'hard'], toInt],
  [['services', '*', 'ulimits', '*', 'soft'], toInt],
  [['services', '*', 'privileged'], toBoolean],
  [['services', '*', 'read_only'], toBoolean],
  [['services', '*', 'stdin_open'], toBoolean],
  [['services', '*', 'tty'], toBoolean],
  [['services', '*', 'volumes', '[]', 'read_only'], toBoolean],
  [['services', '*', 'volumes', '[]', 'volume', 'nocopy'], toBoolean],
  [['networks', '*', 'external'], toBoolean],
  [['networks', '*', 'internal'], toBoolean],
  [['networks', '*', 'attachable'], toBoolean],
  [['volumes', '*', 'external'], toBoolean],
  [['secrets', '*', 'external'], toBoolean],
  [['configs', '*', 'external'], toBoolean],
];

function castFor(path: readonly PathSegment[]): Cast | undefined {
  for (const [pattern, cast] of CASTS) {
    if (pattern.length !== path.length) continue;
    const matches = pattern.every((part, i) => (part === '[]' ? typeof path[i] === 'number' : part === '*' ? typeof path[i] === 'string' : part === path[i]));
    if (matches) return cast;
  }
  return undefined;
}

/**
 * Interpolates every string value (keys stay as written). Unset variables become empty strings with
 * a warning, once per variable; a required variable that is missing, or a stray $, is an error.
 */
export function interpolate(
  document: unknown,
  variables: Record<string, string>,
  locate?: Locate,
  /** Told of every variable a value asks for, and where (a trace of which values go where). */
  onUse?: (name: string, path: readonly PathSegment[]) => void,
): { document: unknown; problems: ComposeProblem[] } {
  const problems: ComposeProblem[] = [];
  const warnedUnset = new Set<string>();
  const lookup = (name: string) => (Object.hasOwn(variables, name) ? variables[name] : undefined);

  const walk = (value: unknown, path: PathSegment[]): unknown => {
    if (typeof value === 'string') {
      if (!value.includes('$')) return value;
      const result = substituteVariables(value, (name) => {
        onUse?.(name, path);
        return lookup(name);
      });
      for (const error of result.errors) problems.push(problemAt('error', path, error.replace('invalid interpolation format:', `invalid interpolation format for ${formatPath(path)}:`), locate));
      for (const note of result.notes) problems.push(problemAt('warning', path, note, locate));
      for (const name of result.unset) {
        if (warnedUnset.has(name)) continue;
        warnedUnset.add(name);
        problems.push(problemAt('warning', path, issueText('stacks.compose.variableUnset', { name }), locate));
      }
      if (result.errors.length > 0 || result.value === value) return value;
      const cast = castFor(path);
      if (!cast) return result.value;
      const casted = cast(result.value);
      if ('error' in casted) {
        problems.push(problemAt('error', path, `${casted.error} after interpolating "${value}"`, locate));
        return result.value;
      }
      return casted.value;
    }
    if (Array.isArray(value)) return value.map((item, index) => walk(item, [...path, index]));
    if (value !== null && typeof value === 'object') {
      const out: Record<string, unknown> = Object.create(null);
      for (const [key, item] of Object.entries(value)) out[key] = walk(item, [...path, key]);
      return out;
    }
    return value;
  };

  return { document: walk(document, []), problems };
}
