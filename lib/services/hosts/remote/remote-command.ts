// How Wharf spells a command for a machine's login shell. An SSH "exec" hands one string to the
// remote user's shell, so every command is built here and only here: argv words each wrapped in
// single quotes by shellQuote, or a fixed script (a constant in Wharf's source) run by `sh -c`
// with its values passed as positional parameters, never pasted into the script. Machine output
// is data: nothing read from a machine is ever put back into a command.
import 'server-only';
import { msg } from '@/lib/i18n/message.ts';
import { AppError } from '@/lib/errors.ts';

/** A fixed shell script (a constant in Wharf's code) and the values it reads as "$1", "$2", … */
export interface RemoteScript {
  /** Short name for logs and errors, e.g. "write file". */
  readonly name: string;
  /** The script's text: a compile-time constant, never built from input. */
  readonly script: string;
  readonly args: readonly string[];
}

export type RemoteCommand = readonly string[] | RemoteScript;

/** PATH for every command: a non-root login (or sudo) may lack the sbin folders where dockerd lives. */
export const REMOTE_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

export function remoteScript(name: string, script: string, args: readonly string[] = []): RemoteScript {
  return { name, script, args };
}

export const isRemoteScript = (command: RemoteCommand): command is RemoteScript => !Array.isArray(command);

/** A NUL in a value: no command can carry it. */
const nulRefused = () => new AppError('INVALID_INPUT', msg('driverText.remote.nulValue'));

/**
 * One word for a POSIX shell: wrapped in single quotes, each ' written as '\'' . Inside single quotes
 * nothing is special ($, `, \, ", ;, |, &, newlines, globs), so the shell passes the bytes through as
 * one argument. NUL cannot be passed in an argument at all and is refused.
 */
export function shellQuote(value: string): string {
  if (value.includes('\0')) throw nulRefused();
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * The command line sent over SSH. With `sudo`, it runs through `sudo -n --` (never prompts: a
 * password prompt would hang the job). PATH is set through `env`, as a word like any other.
 */
export function commandLine(command: RemoteCommand, options: { sudo?: boolean } = {}): string {
  const argv = isRemoteScript(command) ? ['sh', '-c', command.script, `wharf-${command.name.replace(/[^a-z0-9]+/gi, '-')}`, ...command.args] : [...command];
  if (argv.length === 0 || !argv[0]) throw new Error('commandLine: an empty command');
  const words = ['env', `PATH=${REMOTE_PATH}`, 'LC_ALL=C', ...argv];
  return (options.sudo ? ['sudo', '-n', '--', ...words] : words).map(shellQuote).join(' ');
}

/** How a command is named in logs and errors (without the values of a script). */
export function describeCommand(command: RemoteCommand): string {
  if (isRemoteScript(command)) return command.name;
  return command.join(' ').slice(0, 200);
}

/**
 * An absolute path Wharf may write or read on a machine: plain characters only (letters, digits,
 * "._-+@" and "/"), no "..", no "//". Anything else is a bug in the caller, and refused.
 */
export function assertSafePath(path: string): string {
  if (!/^\/[A-Za-z0-9._+@/-]*$/.test(path) || path.split('/').some((part) => part === '..') || path.includes('//') || path.length > 255) {
    throw new AppError('INVALID_INPUT', msg('driverText.remote.badPath', { path: JSON.stringify(path) }));
  }
  return path;
}

/** A file mode for chmod, e.g. "0600". */
export function modeString(mode: number): string {
  if (!Number.isInteger(mode) || mode < 0 || mode > 0o7777) throw new Error(`bad file mode ${mode}`);
  return `0${mode.toString(8).padStart(3, '0')}`;
}
