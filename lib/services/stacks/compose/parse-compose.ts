// Reads compose YAML into plain values the way the docker CLI's decoder does (scalars, anchors,
// `<<` merges, duplicate keys refused), remembering where every key and list item sits in the text
// so later problems can say "line 12, column 7". Pure.
import 'server-only';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { pathKey, problemAt, type ComposeProblem, type Locate, type PathSegment, type Position } from '@/lib/services/stacks/compose/compose-path.ts';
import { resolvePlainScalar, type YamlScalar } from '@/lib/services/stacks/compose/yaml-scalars.ts';
import { controlCharacterAt } from '@/lib/models/control-characters.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';

export type { ComposeProblem } from '@/lib/services/stacks/compose/compose-path.ts';

export type ParsedCompose = {
  /** Plain values: null-prototype objects, arrays, strings, numbers (bigint past 2^53), booleans, null. */
  document: unknown | null;
  problems: ComposeProblem[];
  locate: Locate;
  /** Whether the scalar at a path was a YAML float: Go prints 1e6 as "1e+06", not "1000000". */
  isFloat: (path: readonly PathSegment[]) => boolean;
};

/** Anchors can multiply a small file into a huge one (a "billion laughs"); stop well before that hurts. */
const MAX_VALUES = 100_000;


class TooManyValues extends Error {}

type Walk = {
  doc: Document.Parsed;
  lines: LineCounter;
  positions: Map<string, Position>;
  floats: Set<string>;
  problems: ComposeProblem[];
  count: number;
  /** Aliases being expanded, to refuse one that contains itself. */
  expanding: Set<Node>;
};

const positionOf = (w: Walk, node: { range?: [number, number, number] | null }): Position | undefined => {
  if (!node.range) return undefined;
  const { line, col } = w.lines.linePos(node.range[0]);
  return { line, column: col };
};

function remember(w: Walk, path: readonly PathSegment[], node: { range?: [number, number, number] | null }) {
  const at = positionOf(w, node);
  if (at && !w.positions.has(pathKey(path))) w.positions.set(pathKey(path), at);
}

function fail(w: Walk, path: readonly PathSegment[], said: Message) {
  w.problems.push(problemAt('error', path, said, (p) => w.positions.get(pathKey(p))));
}

/** A scalar's value: quoted and block scalars are strings; plain ones are resolved like yaml.v3. */
function scalarValue(w: Walk, node: Node, path: readonly PathSegment[]): YamlScalar {
  if (!isScalar(node)) return null;
  const source = typeof node.source === 'string' ? node.source : String(node.value ?? '');
  const tag = node.tag;
  if (tag === 'tag:yaml.org,2002:str') return source;
  if (node.type !== 'PLAIN' && !tag) return source;
  const resolved = resolvePlainScalar(source);
  if (resolved.kind === 'float') w.floats.add(pathKey(path));
  if (resolved.kind === 'timestamp') {
    w.problems.push(problemAt('warning', path, msg('composeChecks.yaml.readAsDate', { source, value: String(resolved.value) }), (p) => w.positions.get(pathKey(p))));
  }
  if (resolved.kind === 'merge') return '<<';
  return resolved.value;
}

function toValue(w: Walk, node: Node | null | undefined, path: readonly PathSegment[]): unknown {
  if (++w.count > MAX_VALUES) throw new TooManyValues();
  if (node === null || node === undefined) return null;
  if (isAlias(node)) {
    const target = node.resolve(w.doc);
    if (!target) {
      fail(w, path, msg('composeChecks.yaml.unknownAnchor', { name: node.source }));
      return null;
    }
    if (w.expanding.has(target)) {
      fail(w, path, msg('composeChecks.yaml.selfAnchor', { name: node.source }));
      return null;
    }
    w.expanding.add(target);
    try {
      return toValue(w, target, path);
    } finally {
      w.expanding.delete(target);
    }
  }
  if (isScalar(node)) return scalarValue(w, node, path);
  if (isSeq(node)) {
    return node.items.map((item, index) => {
      const itemPath = [...path, index];
      if (item && typeof item === 'object' && 'range' in item) remember(w, itemPath, item as Node);
      return toValue(w, item as Node, itemPath);
    });
  }
  if (isMap(node)) return mapValue(w, node.items, path);
  fail(w, path, msg('composeChecks.yaml.unsupportedNode'));
  return null;
}

/** Follows an alias to the node it names (or returns the node itself). */
const dereference = (w: Walk, node: Node | null | undefined): Node | null | undefined => (node && isAlias(node) ? (node.resolve(w.doc) ?? null) : node);

function mapValue(w: Walk, pairs: readonly unknown[], path: readonly PathSegment[]): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null);
  const merges: { node: Node; path: readonly PathSegment[] }[] = [];
  for (const pair of pairs) {
    if (!isPair(pair)) continue;
    const keyNode = dereference(w, pair.key as Node | null);
    if (!keyNode || !isScalar(keyNode)) {
      if (pair.key && typeof pair.key === 'object' && 'range' in pair.key) remember(w, [...path, '?'], pair.key as Node);
      fail(w, [...path, '?'], msg('composeChecks.yaml.keysMustBeStrings'));
      continue;
    }
    const key = scalarValue(w, keyNode, [...path, '?']);
    if (typeof key !== 'string') {
      remember(w, [...path, String(key)], keyNode);
      // The CLI refuses these too ("non-string key"): compose keys are names, and 1 or true is not one.
      fail(w, [...path, String(key)], msg('composeChecks.yaml.nonStringKey', { key: String(key) }));
      continue;
    }
    if (key === '<<' && keyNode.type === 'PLAIN' && !keyNode.tag) {
      merges.push({ node: pair.value as Node, path });
      continue;
    }
    const childPath = [...path, key];
    remember(w, childPath, pair.key as Node);
    out[key] = toValue(w, pair.value as Node | null, childPath);
  }
  // Merged keys never replace keys written in the mapping; an earlier merge source wins over a later one.
  for (const merge of merges) {
    const sources = dereference(w, merge.node);
    const list = sources && isSeq(sources) ? sources.items.map((item) => dereference(w, item as Node)) : [sources];
    for (const source of list) {
      if (!source || !isMap(source)) {
        fail(w, [...merge.path, '<<'], msg('composeChecks.yaml.mergeNeedsMapping'));
        continue;
      }
      const merged = mapValue(w, source.items, merge.path);
      for (const [key, value] of Object.entries(merged)) {
        if (!Object.hasOwn(out, key)) out[key] = value;
      }
    }
  }
  return out;
}

export function parseComposeSource(text: string): ParsedCompose {
  const lines = new LineCounter();
  const positions = new Map<string, Position>();
  const floats = new Set<string>();
  const locate: Locate = (path) => positions.get(pathKey(path));
  const isFloat = (path: readonly PathSegment[]) => floats.has(pathKey(path));
  const problems: ComposeProblem[] = [];

  const at = controlCharacterAt(text, { allowLineBreaks: true });
  if (at >= 0) {
    const before = text.slice(0, at);
    const line = before.split('\n').length;
    const column = at - before.lastIndexOf('\n');
    const code = text.charCodeAt(at).toString(16).padStart(4, '0');
    return { document: null, problems: [{ severity: 'error', said: msg('composeChecks.yaml.controlCharacter', { code }), line, column }], locate, isFloat };
  }

  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true, merge: false, keepSourceTokens: false });
  const located = (severity: ComposeProblem['severity'], error: { message: string; pos: [number, number] }): ComposeProblem => {
    const { line, col } = lines.linePos(error.pos[0]);
    // The YAML parser's own wording is kept, as the engine's is: quoted inside our sentence.
    return { severity, said: msg('composeChecks.yaml.syntax', { detail: error.message.replace(/\s+$/, '') }), line, column: col };
  };
  for (const error of doc.errors) problems.push(located('error', error));
  for (const warning of doc.warnings) problems.push(located('warning', warning));
  if (problems.some((p) => p.severity === 'error')) return { document: null, problems, locate, isFloat };

  const w: Walk = { doc, lines, positions, floats, problems, count: 0, expanding: new Set() };
  let document: unknown;
  try {
    document = toValue(w, doc.contents as Node | null, []);
  } catch (error) {
    if (!(error instanceof TooManyValues)) throw error;
    problems.push({ severity: 'error', said: msg('composeChecks.yaml.tooManyValues', { max: String(MAX_VALUES) }) });
    return { document: null, problems, locate, isFloat };
  }
  if (document === null || typeof document !== 'object' || Array.isArray(document)) {
    problems.push({ severity: 'error', said: msg('composeChecks.yaml.notMapping'), line: 1, column: 1 });
    return { document: null, problems, locate, isFloat };
  }
  if (problems.some((p) => p.severity === 'error')) return { document: null, problems, locate, isFloat };
  return { document, problems, locate, isFloat };
}

/** YAML text to plain values, with YAML errors at their line and column. */
export function parseCompose(text: string): { document: unknown | null; problems: ComposeProblem[] } {
  const { document, problems } = parseComposeSource(text);
  return { document, problems };
}
