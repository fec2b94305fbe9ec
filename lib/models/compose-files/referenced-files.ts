// The files a compose file names, which must be kept with it for it to deploy: each service's
// `env_file` (a path or a list of them; for compose projects also Compose v2's `{path, required}`,
// where `required: false` lets it be missing) and each top-level secret's or config's `file:`. Read from
// the plain values the compose reader made of the text (lib/services/stacks/compose/parse-compose.ts,
// after interpolation), with the line each is written at. A file named twice (even as "./a.env" and
// "a.env") is listed once, with every use. What is not where a file belongs (a number, a mapping, a
// service that is not a mapping) is passed over: the reader says what is wrong with it. A path that
// can never be a kept file (absolute, climbing with "..") is listed with `path: null`, so the
// editor can say why instead of offering to load it. Pure and browser-safe.
import { keptFilePath } from './file-path.ts';

export type FileUse = { kind: 'env_file'; service: string } | { kind: 'secret' | 'config'; name: string };

export type FileReference = {
  /** As the files are kept (normalised: "./conf/a.env" → "conf/a.env"); null when it cannot be kept. */
  path: string | null;
  /** As first written. */
  written: string;
  /** Where it is first written (1-based), when known. */
  line: number | null;
  /** False when every use may go without it (an env_file with `required: false`). */
  required: boolean;
  uses: FileUse[];
};

type Segment = string | number;

/** One entry of a service's env_file, `at` relative to env_file: a path (required unless the long form says not), or something that is neither. */
export type EnvFileEntry = { written: string; required: boolean; at: Segment[] } | { invalid: true; at: Segment[] };

/** A service's env_file: a path, a list of paths, and with `longForm` (compose projects, as Compose v2) list items `{path, required}`. */
export function envFileEntries(value: unknown, longForm: boolean): EnvFileEntry[] {
  if (value === undefined || value === null) return [];
  if (typeof value === 'string') return [{ written: value, required: true, at: [] }];
  if (!Array.isArray(value)) return [{ invalid: true, at: [] }];
  return value.map((item, index): EnvFileEntry => {
    if (typeof item === 'string') return { written: item, required: true, at: [index] };
    if (longForm && isRecord(item) && typeof item.path === 'string' && (item.required === undefined || typeof item.required === 'boolean')) return { written: item.path, required: item.required !== false, at: [index, 'path'] };
    return { invalid: true, at: [index] };
  });
}

/** Where a path into the document is written: the compose reader's `locate`. */
export type LocateLine = (path: readonly Segment[]) => { line: number } | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const entries = (value: unknown): [string, unknown][] => (isRecord(value) ? Object.entries(value) : []);

/**
 * The files a compose document (plain values) names, in the order they are written. `longEnvFiles`:
 * the owner's reader takes env_file's long form (compose projects do; `docker stack deploy` does not).
 */
export function referencedFiles(document: unknown, locate: LocateLine = () => undefined, { longEnvFiles = false }: { longEnvFiles?: boolean } = {}): FileReference[] {
  const found: { written: string; required: boolean; at: Segment[]; use: FileUse }[] = [];
  for (const [service, raw] of entries(isRecord(document) ? document.services : undefined)) {
    if (!isRecord(raw)) continue;
    for (const entry of envFileEntries(raw.env_file, longEnvFiles)) {
      if (!('invalid' in entry)) found.push({ written: entry.written, required: entry.required, at: ['services', service, 'env_file', ...entry.at], use: { kind: 'env_file', service } });
    }
  }
  for (const kind of ['secret', 'config'] as const) {
    for (const [name, raw] of entries(isRecord(document) ? document[`${kind}s`] : undefined)) {
      if (isRecord(raw) && typeof raw.file === 'string') found.push({ written: raw.file, required: true, at: [`${kind}s`, name, 'file'], use: { kind, name } });
    }
  }
  const lineOf = (at: Segment[]) => locate(at)?.line ?? null;
  found.sort((a, b) => (lineOf(a.at) ?? Infinity) - (lineOf(b.at) ?? Infinity));
  const out: FileReference[] = [];
  for (const { written, required, at, use } of found) {
    const path = keptFilePath(written);
    const same = out.find((f) => (path === null ? f.path === null && f.written === written : f.path === path));
    if (same) {
      same.required ||= required;
      if (!same.uses.some((u) => JSON.stringify(u) === JSON.stringify(use))) same.uses.push(use);
      continue;
    }
    out.push({ path, written, line: lineOf(at), required, uses: [use] });
  }
  return out;
}

/** The files an editor sends: those the text still names (and could be kept) whose content was given; an empty content is not given. */
export function filesToSend(references: readonly FileReference[], contents: Readonly<Record<string, string>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const reference of references) {
    if (reference.path !== null && contents[reference.path]) out[reference.path] = contents[reference.path];
  }
  return out;
}
