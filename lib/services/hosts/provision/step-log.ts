// A step's log as the user watches it: lines are collected in memory and written to the step's
// row at most every 250 ms (and at the end), each write announced so browsers re-read the run.
// Lines are clipped, and a log keeps its last 200 KB. What Wharf says itself is stored as a
// message (a mark, then its key and values) and said in the reader's language when the run is
// read (renderLog); output from machines and programs is stored and shown as it was printed.
import 'server-only';
import { issueText, isMessage, messageOfIssue, msg } from '@/lib/i18n/message.ts';
import type { Locale } from '@/lib/i18n/locales.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import type { LogLine } from '../drivers/step-io.ts';
import { log } from '@/lib/observability/logger.ts';

export const LOG_FLUSH_MS = 250;
const MAX_LINE = 2_000;
const MAX_LOG = 200_000;
/** Starts a stored line that is a message. A control character: cleanLine removes it from printed output, so output cannot pose as one. */
const MESSAGE_MARK = '\x1e';

/** Control characters other than tab are dropped: a log is shown as text, never interpreted. */
export function cleanLine(line: string): string {
  // eslint-disable-next-line no-control-regex
  const text = line.replace(/\x1b\[[0-9;?]*[A-Za-z]/g, '').replace(/[\x00-\x08\x0b-\x1f\x7f]/g, '');
  return text.length > MAX_LINE ? `${text.slice(0, MAX_LINE)}…` : text;
}

const storedLine = (line: LogLine) => (isMessage(line) ? `${MESSAGE_MARK}${issueText(line.key, line.values)}` : cleanLine(line));

/** Appends lines, keeping the newest MAX_LOG characters. */
export function appendToLog(log: string, lines: readonly LogLine[]): string {
  const next = log + lines.map((l) => `${storedLine(l)}\n`).join('');
  if (next.length <= MAX_LOG) return next;
  const cut = next.indexOf('\n', next.length - MAX_LOG);
  return `${storedLine(msg('provisioning.log.dropped'))}\n${next.slice(cut + 1)}`;
}

/** A stored log as `locale` reads it: Wharf's messages said in that language, output as printed. */
export function renderLog(log: string, locale: Locale): string {
  if (!log.includes(MESSAGE_MARK)) return log;
  return log
    .split('\n')
    .map((line) => {
      if (!line.startsWith(MESSAGE_MARK)) return line;
      const said = messageOfIssue(line.slice(1));
      return said ? renderMessage(said, locale) : line.slice(1);
    })
    .join('\n');
}

/** A line as English text (the server's own log, errors that quote a step's last line). */
export const lineText = (line: LogLine, locale: Locale = 'en'): string => (isMessage(line) ? renderMessage(line, locale) : line);

export class StepLog {
  private text = '';
  private pending: LogLine[] = [];
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();

  constructor(
    initial: string,
    private readonly write: (log: string) => Promise<void>,
  ) {
    this.text = initial;
  }

  line(line: LogLine): void {
    if (isMessage(line)) this.pending.push(line);
    else for (const part of line.split(/\r?\n/)) if (part.length) this.pending.push(part);
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
      this.writing = this.writing.then(() => this.write(snapshot)).catch((error) => log('provision').error({ err: error }, 'could not save a step log'));
    }
    return this.writing;
  }
}
