// The end of a log that is appended to at every start (pure file read): what was written since the
// last start marker. Shared with the test lab (scripts/lab), whose logs work the same way.
import 'server-only';
import { readFileSync } from 'node:fs';

/** The last `lines` lines of `file` from its last `marker` on ('' when the file cannot be read). */
export function logTailSince(file: string, marker: string, lines = 30): string {
  try {
    let text = readFileSync(file, 'utf8');
    const at = text.lastIndexOf(marker);
    if (at >= 0) text = text.slice(at);
    return text.trimEnd().split('\n').slice(-lines).join('\n');
  } catch {
    return '';
  }
}
