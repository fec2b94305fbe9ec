// What a test compares is what an English reader gets: every message in a value rendered in
// English, and a problem's `said` as its `message`, the way the doors answer (spokenProblem in
// lib/errors.ts, spokenBody in render-message.ts). Pure.
import { isMessage } from './message.ts';
import { isPlainObject, renderMessage } from './render-message.ts';

/** `value` with its messages in English: `{ error: msg(…) }` → `{ error: '…' }`, `{ said, line }` → `{ message, line }`. */
export function inEnglish(value: unknown): unknown {
  if (isMessage(value)) return renderMessage(value, 'en');
  if (Array.isArray(value)) return value.map(inEnglish);
  if (!isPlainObject(value)) return value;
  const { said, ...rest } = value;
  const entries = Object.entries(isMessage(said) ? rest : value).map(([name, item]) => [name, inEnglish(item)]);
  return Object.fromEntries(isMessage(said) ? [...entries, ['message', renderMessage(said, 'en')]] : entries);
}
