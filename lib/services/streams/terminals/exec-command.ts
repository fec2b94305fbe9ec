// What a terminal runs, as argv only: a shell choice or the user's own command is never joined
// into a shell string. Also the checks on user and working directory, and the constant command
// that ends a session's processes left behind in the container.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import type { ExecShell } from '@/lib/realtime/stream-protocol.ts';

const MAX_ARGS = 64;
const MAX_ARG_LENGTH = 4096;

export function execArgv(shell: ExecShell): string[] {
  if (shell.kind === 'sh') return ['/bin/sh'];
  if (shell.kind === 'bash') return ['/bin/bash'];
  const argv = shell.argv;
  if (!Array.isArray(argv) || argv.length === 0 || argv.length > MAX_ARGS) throw new AppError('INVALID_INPUT', msg('streams.errors.commandArgs', { max: MAX_ARGS }));
  for (const arg of argv) {
    if (typeof arg !== 'string' || arg.length > MAX_ARG_LENGTH || arg.includes('\0')) {
      throw new AppError('INVALID_INPUT', msg('streams.errors.commandArg'));
    }
  }
  if (!argv[0].trim()) throw new AppError('INVALID_INPUT', msg('streams.errors.commandEmpty'));
  return [...argv];
}

/** What a user typed as a command, split into argv in the browser (the one splitter, shared with the service form). */
export { splitCommand } from '@/lib/models/command-line.ts';

/** `user`, `user:group`, `uid` or `uid:gid`: what the engine accepts, nothing else. */
export function checkExecUser(user: string | undefined): string | undefined {
  if (user === undefined || user === '') return undefined;
  if (!/^[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,63})?$/.test(user)) throw new AppError('INVALID_INPUT', msg('streams.errors.user'));
  return user;
}

export function checkWorkdir(workdir: string | undefined): string | undefined {
  if (workdir === undefined || workdir === '') return undefined;
  if (!workdir.startsWith('/') || workdir.length > 1024 || /[\0\n\r]/.test(workdir)) throw new AppError('INVALID_INPUT', msg('streams.errors.workdir'));
  return workdir;
}

export function checkTerminalSize(cols: number, rows: number): { cols: number; rows: number } {
  const ok = (n: number, max: number) => Number.isInteger(n) && n >= 1 && n <= max;
  if (!ok(cols, 1000) || !ok(rows, 500)) throw new AppError('INVALID_INPUT', msg('streams.errors.size'));
  return { cols, rows };
}

/** The variable that marks a session's processes (set on the exec, inherited by its children). */
export const SESSION_MARK_VAR = 'WHARF_EXEC_SESSION';

/**
 * The command that signals every process of a session in the container: the exec's Pid from the
 * engine is a host pid, not one the container can name, so the session's processes are found by
 * the mark in their environment. The script is a constant; the mark (ours, hex) and the signal
 * (from a fixed list) are passed as arguments, never spliced into it.
 */
export function killSessionArgv(mark: string, signal: 'HUP' | 'KILL'): string[] {
  if (!/^[0-9a-f]{16,64}$/.test(mark)) throw new Error('bad session mark');
  const script =
    'for p in /proc/[0-9]*; do ' +
    'if grep -q "$1=$2" "$p/environ" 2>/dev/null; then kill -"$3" "${p#/proc/}" 2>/dev/null; fi; ' +
    'done; exit 0';
  return ['/bin/sh', '-c', script, 'wharf-kill', SESSION_MARK_VAR, mark, signal];
}
