// A step's log as the user watches it: lines are collected in memory and written to the step's
// row at most every 250 ms (and at the end), each write announced so browsers re-read the run.
// Lines are clipped, and a log keeps its last 200 KB.
import 'server-only';

export const LOG_FLUSH_MS = 250;
const MAX_LINE = 2_000;
const MAX_LOG = 200_000;

/** Control characters other than tab are dropped: a log is shown as text, never interpreted. */
export function cleanLine(line: string): string {
  // eslint-disable-next-line no-control-regex
  const text = line.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
  return text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text;
}

/** Appends lines, keeping the newest MAX_LOG characters. */
export function appendToLog(log: string, lines: readonly string[]): string {
  const next = log + lines.map((l) => `${cleanLine(l)}\n`).join('');
  if (next.length <= MAX_LOG) return next;
  const cut = next.indexOf('\n', next.length - MAX_LOG);
  return `… earlier lines dropped …\n${next.slice(cut + 1)}`;
}

export class StepLog {
  private text = '';
  private pending: string[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    initial: string,
    private readonly write: (log: string) => Promise<void>,
  ) {
    this.text = initial;
  }

  line(line: string): void {
    for (const part of line.split(/\r?\n/)) if (part.length) this.pending.push(part);
    if (!this.timer) this.timer = setTimeout(() => void this.flush(), LOG_FLUSH_MS);
  }

  /** Writes what is pending; resolves when every earlier write has finished. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.pending.length) {
      this.text = appendToLog(this.text, this.pending);
      this.pending = [];
      const snapshot = this.text;
      this.writing = this.writing.then(() => this.write(snapshot)).catch((error) => console.error('[provision] could not save a step log', error));
    }
    return this.writing;
  }
}
