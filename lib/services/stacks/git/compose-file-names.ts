// The files a compose file names and a stack keeps beside it: each service's env_file (a string,
// a list of strings, or a list of { path }), and the `file:` of top-level configs and secrets.
// Read from the file as written (before interpolation); an unreadable file names nothing (the
// translator says why it cannot be read). Pure.
import 'server-only';
import { parse } from 'yaml';

type Dict = Record<string, unknown>;
const isDict = (v: unknown): v is Dict => typeof v === 'object' && v !== null && !Array.isArray(v);

function envFiles(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (!Array.isArray(value)) return [];
  return value.flatMap((item) => (typeof item === 'string' ? [item] : isDict(item) && typeof item.path === 'string' ? [item.path] : []));
}

export function composeFileNames(composeText: string): string[] {
  let document: unknown;
  try {
    document = parse(composeText, { maxAliasCount: 100 });
  } catch {
    return [];
  }
  if (!isDict(document)) return [];
  const names = new Set<string>();
  if (isDict(document.services)) for (const service of Object.values(document.services)) if (isDict(service)) envFiles(service.env_file).forEach((n) => names.add(n));
  for (const section of ['configs', 'secrets'] as const) {
    const defs = document[section];
    if (isDict(defs)) for (const def of Object.values(defs)) if (isDict(def) && typeof def.file === 'string') names.add(def.file);
  }
  return [...names];
}
