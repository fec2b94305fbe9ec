// Running the programs the local driver needs: argv arrays only (execFile, never a shell), a
// minimal environment (none of the console's secrets), bounded by a timeout and the job's signal.
import 'server-only';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { execFile, spawn } from 'node:child_process';
import { closeSync, openSync } from 'node:fs';
import { AppError } from '@/lib/errors.ts';

/** PATH for everything the driver runs: dockerd needs containerd, runc and docker-proxy from the sbin folders. */
export const LOCAL_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** The environment of every command: a PATH and a fixed locale, nothing from the console's own environment. */
export function localCommandEnv(): NodeJS.ProcessEnv {
  return { PATH: LOCAL_PATH, LC_ALL: 'C', HOME: '/root' } as Record<string, string> as NodeJS.ProcessEnv;
}

export interface CommandResult {
  stdout: string;
  stderr: string;
  code: number;
}

export interface CommandOptions {
  signal?: AbortSignal;
  timeoutMs?: number;
  /** Resolve with the exit code instead of throwing when the program exits non-zero. */
  allowFail?: boolean;
}

function cancelled(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('Cancelled');
}

/**
 * Runs `cmd args…` and resolves with its output. A non-zero exit throws AppError('INTERNAL') naming
 * `what` and the program's own message, unless allowFail. Cancellation throws the signal's reason.
 */
export function runLocalCommand(what: Message | string, cmd: string, args: string[], opts: CommandOptions = {}): Promise<CommandResult> {
  if (opts.signal?.aborted) return Promise.reject(cancelled(opts.signal));
  return new Promise((resolve, reject) => {
    execFile(
      cmd,
      args,
      { env: localCommandEnv(), cwd: '/', timeout: opts.timeoutMs ?? 30_000, killSignal: 'SIGKILL', signal: opts.signal, maxBuffer: 16 * 1024 * 1024, encoding: 'utf8' },
      (error, stdout, stderr) => {
        if (!error) return resolve({ stdout, stderr, code: 0 });
        if (opts.signal?.aborted) return reject(cancelled(opts.signal));
        const e = error as NodeJS.ErrnoException & { code?: number | string; killed?: boolean };
        if (e.code === 'ENOENT') {
          return reject(new AppError('PRECONDITION', msg('driverText.command.notInstalled', { what, cmd }), { cause: error }));
        }
        if (e.killed) return reject(new AppError('INTERNAL', msg('driverText.command.timeout', { what, cmd, seconds: Math.round((opts.timeoutMs ?? 30_000) / 1000) }), { cause: error }));
        const code = typeof e.code === 'number' ? e.code : 1;
        if (opts.allowFail) return resolve({ stdout, stderr, code });
        const detail = (stderr || stdout || error.message).trim().split('\n').slice(-5).join(' ').slice(0, 600);
        reject(new AppError('INTERNAL', msg('driverText.command.failed', { what, command: `${cmd} ${args.join(' ')}`, code: String(code), detail }), { cause: error }));
      },
    );
  });
}

/**
 * Starts a long-running program detached from the console (its own session, output appended to
 * `logFile`), so it outlives a console restart. Returns its pid.
 */
export function spawnDetached(cmd: string, args: string[], logFile: string): number {
  const fd = openSync(logFile, 'a', 0o600);
  try {
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd], env: localCommandEnv(), cwd: '/' });
    child.on('error', () => {});
    child.unref();
    if (!child.pid) throw new AppError('PRECONDITION', msg('driverText.command.notStarted', { cmd }));
    return child.pid;
  } finally {
    closeSync(fd);
  }
}
