// A command typed as one line, split into arguments (argv) the way a POSIX shell splits words,
// and nothing more: no variables, globs, tildes, pipes or separators — `$HOME`, `*`, `;` and `|`
// are plain characters. Used by the service form (command and args), the create-container form
// and the terminal's custom command; the server always receives the array, never the line. Pure.
//
// - Whitespace separates words: any run of spaces, tabs, newlines, and Unicode spaces (a pasted
//   no-break space too, since nobody means one inside an argument).
// - Single quotes keep everything up to the next single quote, backslashes included.
// - Double quotes keep everything but `\"`, `\\`, `\$` and `` \` `` (the backslash goes), and
//   backslash-newline (both go, as a line continuation).
// - Outside quotes a backslash keeps the next character as it is; backslash-newline joins lines.
// - Quoted and unquoted parts next to each other make one word; `''` or `""` is an empty argument.
// - An unclosed quote or a lone backslash at the end is an error, never a guess.

import { msg, type Message } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';

/** `error`: what is wrong with the line, said in the reader's language where it is shown. */
export type CommandLine = { ok: true; args: string[] } | { ok: false; error: Message };

export const UNCLOSED_SINGLE = msg('modelText.commandLine.unclosedSingle');
export const UNCLOSED_DOUBLE = msg('modelText.commandLine.unclosedDouble');
export const LONE_BACKSLASH = msg('modelText.commandLine.loneBackslash');

/** What a backslash inside double quotes escapes (anything else keeps the backslash). */
const DOUBLE_QUOTED_ESCAPES = new Set(['"', '\\', '$', '`', '\n']);
const SPACE = /\s/u;

export function parseCommandLine(line: string): CommandLine {
  // By code point, so a character outside the BMP after a backslash stays whole.
  const chars = Array.from(line);
  const args: string[] = [];
  let word = '';
  let inWord = false;
  let quote: "'" | '"' | null = null;
  for (let i = 0; i < chars.length; i++) {
    const c = chars[i];
    if (quote === "'") {
      if (c === "'") quote = null;
      else word += c;
    } else if (quote === '"') {
      if (c === '"') quote = null;
      else if (c === '\\' && DOUBLE_QUOTED_ESCAPES.has(chars[i + 1])) {
        i++;
        if (chars[i] !== '\n') word += chars[i];
      } else word += c;
    } else if (c === "'" || c === '"') {
      quote = c;
      inWord = true;
    } else if (c === '\\') {
      if (i + 1 >= chars.length) return { ok: false, error: LONE_BACKSLASH };
      i++;
      if (chars[i] !== '\n') {
        word += chars[i];
        inWord = true;
      }
    } else if (SPACE.test(c)) {
      if (inWord) args.push(word);
      word = '';
      inWord = false;
    } else {
      word += c;
      inWord = true;
    }
  }
  if (quote) return { ok: false, error: quote === "'" ? UNCLOSED_SINGLE : UNCLOSED_DOUBLE };
  if (inWord) args.push(word);
  return { ok: true, args };
}

export class CommandLineError extends Error {
  override name = 'CommandLineError';
  /** What is wrong, in no language yet; `message` keeps its English text. */
  readonly said: Message;
  constructor(said: Message) {
    super(renderMessage(said, 'en'));
    this.said = said;
  }
}

/** The same split, as an array; throws a CommandLineError (with the message above) when the line is unfinished. */
export function splitCommand(line: string): string[] {
  const parsed = parseCommandLine(line);
  if (!parsed.ok) throw new CommandLineError(parsed.error);
  return parsed.args;
}

/** Arguments written back as one line that parseCommandLine splits into the same arguments: a word
 * with anything but safe characters goes in single quotes (a single quote inside as `'\''`). */
export function formatCommandLine(args: readonly string[]): string {
  return args.map((arg) => (/^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`)).join(' ');
}
