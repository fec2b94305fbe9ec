// Reading values out of a checked compose document the way the CLI's loader does: mappings that
// may also be written as KEY=value lists, strings split like a shell (google/shlex), numbers printed
// like Go. Shared by the converters, with the context they report problems to. Pure.
import 'server-only';
import { problemAt, type ComposeProblem, type Locate, type PathSegment } from '@/lib/services/stacks/compose/compose-path.ts';
import type { ComposeVersion } from '@/lib/services/stacks/compose/compose-schema.ts';
import { goScalarString, type YamlScalar } from '@/lib/services/stacks/compose/yaml-scalars.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';

export type ConvertContext = {
  namespace: string;
  version: ComposeVersion;
  /** The stack's variables, which stand in for the CLI's process environment; `at` is where in
   * the document the value is used (a trace of the translation records it). */
  lookup: (name: string, at: readonly PathSegment[]) => string | undefined;
  /** The stack's files, by normalised path. */
  files: Map<string, string>;
  /** Reads a file kept with the stack for `at` (an env_file, a secret's or config's file). */
  readFile: (path: string, at: readonly PathSegment[]) => { content: string; path: string } | { error: Message };
  locate: Locate;
  isFloat: (path: readonly PathSegment[]) => boolean;
  problems: ComposeProblem[];
};

export const fail = (ctx: ConvertContext, path: readonly PathSegment[], said: Message): void => void ctx.problems.push(problemAt('error', path, said, ctx.locate));
export const warn = (ctx: ConvertContext, path: readonly PathSegment[], said: Message): void => void ctx.problems.push(problemAt('warning', path, said, ctx.locate));

/** The stack's name for one of its objects: "<stack>_<name>". */
export const scope = (ctx: ConvertContext, name: string) => `${ctx.namespace}_${name}`;

export type Dict = Record<string, unknown>;

export const isDict = (value: unknown): value is Dict => typeof value === 'object' && value !== null && !Array.isArray(value);
export const dict = (value: unknown): Dict => (isDict(value) ? value : Object.create(null));
export const has = (record: Dict, key: string) => Object.hasOwn(record, key);
export const text = (value: unknown): string => (typeof value === 'string' ? value : '');
export const optionalText = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);
export const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : []);
export const bool = (value: unknown): boolean => value === true;

/** A number from the document as a JavaScript number (bigints past 2^53 lose their last digits here, as uint64 → JSON does not). */
export const num = (value: unknown): number | undefined => (typeof value === 'number' ? value : typeof value === 'bigint' ? Number(value) : undefined);

/** A string, or a list of strings: the StringList fields (dns, env_file, tmpfs). */
export const stringOrList = (value: unknown): string[] => (typeof value === 'string' ? [value] : strings(value));

/** fmt.Sprint of a scalar at a path, floats printed as Go prints a float64. */
export function scalarText(ctx: ConvertContext, value: unknown, path: readonly PathSegment[]): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return goScalarString(value as YamlScalar, ctx.isFloat(path));
  return String(value);
}

/**
 * A mapping written either as `KEY: value` pairs or as a `KEY=value` list (labels, sysctls,
 * environment). A bare KEY is null when allowNil (environment), else "".
 */
export function mappingOrList(ctx: ConvertContext, value: unknown, path: readonly PathSegment[], separator: string, allowNil: boolean): Map<string, string | null> {
  const out = new Map<string, string | null>();
  if (Array.isArray(value)) {
    for (const entry of value) {
      if (typeof entry !== 'string') continue;
      const at = entry.indexOf(separator);
      if (at < 0) out.set(entry, allowNil ? null : '');
      else out.set(entry.slice(0, at), entry.slice(at + separator.length));
    }
    return out;
  }
  for (const [key, item] of Object.entries(dict(value))) {
    out.set(key, item === null && allowNil ? null : scalarText(ctx, item, [...path, key]));
  }
  return out;
}

/** A Labels-style mapping as a plain record; undefined when the key is absent. */
export function labelsOf(ctx: ConvertContext, value: unknown, path: readonly PathSegment[]): Record<string, string> | undefined {
  if (value === undefined) return undefined;
  // fromEntries, not assignment: a key such as "__proto__" must stay an ordinary key.
  return Object.fromEntries([...mappingOrList(ctx, value, path, '=', false)].map(([key, item]) => [key, item ?? '']));
}

/** map[string]string fields written only as mappings (driver_opts, logging options): null prints as "". */
export function stringRecord(ctx: ConvertContext, value: unknown, path: readonly PathSegment[]): Record<string, string> | undefined {
  if (!isDict(value)) return undefined;
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, scalarText(ctx, item, [...path, key])]));
}

/** Adds the com.docker.stack.namespace label, as the CLI does to everything a stack creates. */
export function withStackLabel(ctx: ConvertContext, labels: Record<string, string> | undefined): Record<string, string> {
  return { ...(labels ?? {}), 'com.docker.stack.namespace': ctx.namespace };
}

/**
 * google/shlex.Split, which the CLI uses for `command:` and `entrypoint:` written as one string:
 * whitespace separates words, '…' is literal, "…" drops a backslash before any character, # starts a
 * comment at the start of a word.
 */
export function shellSplit(input: string): { words: string[] } | { error: Message } {
  const words: string[] = [];
  const space = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
  let i = 0;
  while (i < input.length) {
    const c = input[i];
    if (space(c)) {
      i++;
      continue;
    }
    if (c === '#') {
      while (i < input.length && input[i] !== '\n') i++;
      continue;
    }
    let word = '';
    let state: 'word' | 'double' | 'single' = 'word';
    for (; i < input.length; i++) {
      const ch = input[i];
      if (state === 'word') {
        if (space(ch)) break;
        if (ch === '"') state = 'double';
        else if (ch === "'") state = 'single';
        else if (ch === '\\') {
          if (i + 1 >= input.length) return { error: msg('composeChecks.values.eofAfterEscape') };
          word += input[++i];
        } else word += ch;
      } else if (state === 'double') {
        if (ch === '"') state = 'word';
        else if (ch === '\\') {
          if (i + 1 >= input.length) return { error: msg('composeChecks.values.eofAfterEscape') };
          word += input[++i];
        } else word += ch;
      } else if (ch === "'") state = 'word';
      else word += ch;
    }
    if (state !== 'word') return { error: msg('composeChecks.values.eofExpectingQuote') };
    words.push(word);
  }
  return { words };
}

/** ShellCommand fields: a list as written, a string split like a shell. */
export function shellCommand(ctx: ConvertContext, value: unknown, path: readonly PathSegment[]): string[] | undefined {
  if (value === undefined || value === null) return undefined;
  if (Array.isArray(value)) return strings(value);
  const split = shellSplit(text(value));
  if ('error' in split) {
    fail(ctx, path, msg('composeChecks.values.field', { field: String(path[path.length - 1]), detail: split.error }));
    return undefined;
  }
  return split.words;
}

/** The shortest decimal that reads back as the same float32: how Go prints max_failure_ratio. */
export function float32Number(value: number): number {
  const target = Math.fround(value);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(target.toPrecision(digits));
    if (Math.fround(candidate) === target) return candidate;
  }
  return target;
}

/** Sorts like Go's sort.Strings (by UTF-16 code units, which agrees with bytes for the ASCII names here). */
export const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
