// What an edit changes in a service spec, field by field: the dialog before applying shows it, the
// version-conflict dialog shows what changed underneath, and the audit row keeps the field names.
// Empty values (absent, null, '', 0, false, [], {}) count as the same, so a spec the engine filled in and one a
// form built differ only where a value does. Pure; the browser uses it too.

export type SpecChange = { path: string; before: string | null; after: string | null };

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
// The engine leaves zero values out of the specs it answers (Go's omitempty): a 0 or false the form
// sends is the value the engine already has. (Mode, where a 0 replicas matters, is compared whole.)
const isEmpty = (v: unknown) => v === undefined || v === null || v === '' || v === 0 || v === false || (Array.isArray(v) && v.length === 0) || (isObject(v) && Object.keys(v).length === 0);
const shown = (v: unknown): string | null => (isEmpty(v) ? null : typeof v === 'string' ? v : JSON.stringify(v));

/** Compared as a whole: which key they have is the value (`Mode: { Global: {} }`). */
const WHOLE = new Set(['Mode']);

/** Objects are compared key by key (in the order the keys first appear); arrays of objects
 * (ports, mounts, networks) item by item; anything else as a whole value. */
export function diffSpecs(before: unknown, after: unknown, path = ''): SpecChange[] {
  if (isEmpty(before) && isEmpty(after)) return [];
  if (isObject(before) && isObject(after) && !WHOLE.has(path)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((key) => diffSpecs(before[key], after[key], path ? `${path}.${key}` : key));
  }
  if (Array.isArray(before) && Array.isArray(after) && [...before, ...after].every(isObject)) {
    const length = Math.max(before.length, after.length);
    return Array.from({ length }, (_, i) => diffSpecs(before[i], after[i], `${path}[${i}]`)).flat();
  }
  if (JSON.stringify(before) === JSON.stringify(after)) return [];
  return [{ path, before: shown(before), after: shown(after) }];
}

/** The fields changed, without item numbers (`TaskTemplate.ContainerSpec.Env`), each once: what the audit row keeps. */
export const changedFields = (changes: readonly SpecChange[]): string[] => [...new Set(changes.map((c) => c.path.replace(/\[\d+\].*$/, '')))];
