// The files a compose file names, which must be kept with it for it to deploy: each service's
// `env_file` (a path or a list of them) and each top-level secret's or config's `file:`. Read from
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
  uses: FileUse[];
};

type Segment = string | number;
/** Where a path into the document is written: the compose reader's `locate`. */
export type LocateLine = (path: readonly Segment[]) => { line: number } | undefined;

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);
const entries = (value: unknown): [string, unknown][] => (isRecord(value) ? Object.entries(value) : []);

/** The files a compose document (plain values) names, in the order they are written. */
export function referencedFiles(document: unknown, locate: LocateLine = () => undefined): FileReference[] {
  const found: { written: string; at: Segment[]; use: FileUse }[] = [];
  for (const [service, raw] of entries(isRecord(document) ? document.services : undefined)) {
    if (!isRecord(raw)) continue;
    const value = raw.env_file;
    if (typeof value === 'string') found.push({ written: value, at: ['services', service, 'env_file'], use: { kind: 'env_file', service } });
    else if (Array.isArray(value)) {
      value.forEach((item, index) => {
        if (typeof item === 'string') found.push({ written: item, at: ['services', service, 'env_file', index], use: { kind: 'env_file', service } });
      });
    }
  }
  for (const kind of ['secret', 'config'] as const) {
    for (const [name, raw] of entries(isRecord(document) ? document[`${kind}s`] : undefined)) {
      if (isRecord(raw) && typeof raw.file === 'string') found.push({ written: raw.file, at: [`${kind}s`, name, 'file'], use: { kind, name } });
    }
  }
  const lineOf = (at: Segment[]) => locate(at)?.line ?? null;
  found.sort((a, b) => (lineOf(a.at) ?? Infinity) - (lineOf(b.at) ?? Infinity));
  const out: FileReference[] = [];
  for (const { written, at, use } of found) {
    const path = keptFilePath(written);
    const same = out.find((f) => (path === null ? f.path === null && f.written === written : f.path === path));
    if (same) {
      if (!same.uses.some((u) => JSON.stringify(u) === JSON.stringify(use))) same.uses.push(use);
      continue;
    }
    out.push({ path, written, line: lineOf(at), uses: [use] });
  }
  return out;
}
