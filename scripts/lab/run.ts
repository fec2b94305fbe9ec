// Process helpers for the lab: run commands from argv arrays, detached spawns, pidfiles, bounded waits, log tails.
import { spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, readlinkSync } from 'node:fs';
import { promises as fsp } from 'node:fs';
import { basename } from 'node:path';
// /proc readings and log tails are the local driver's own (pure, node:fs only): the lab runs engines the same way.
import { namespaceOf, processArgv, readPidfile } from '../../lib/services/hosts/drivers/local/local-processes.ts';
import { logTailSince } from '../../lib/services/hosts/drivers/local/log-tail.ts';

export { descendantsOf, namespaceOf, pidsInCgroup, processArgv, readPidfile, removeCgroup } from '../../lib/services/hosts/drivers/local/local-processes.ts';

/** PATH used for everything the lab runs (dockerd needs containerd, runc, docker-proxy from sbin dirs). */
export const SYSTEM_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

/** An error that names the lab component that failed and, when known, the tail of its log. */
export class LabError extends Error {
  readonly component: string;
  readonly logTail?: string;
  constructor(component: string, message: string, logTail?: string) {
    super(`${component}: ${message}` + (logTail ? `\n--- last lines of the ${component} log ---\n${logTail}` : ''));
    this.name = 'LabError';
    this.component = component;
    this.logTail = logTail;
  }
}

/** Environment for child processes: the caller's environment without Docker client settings, with a full PATH. */
export function childEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const k of Object.keys(env)) if (k.startsWith('DOCKER_')) delete env[k];
  const current = (process.env.PATH ?? '').split(':').filter(Boolean);
  env.PATH = [...new Set([...current, ...SYSTEM_PATH.split(':')])].join(':');
  env.LC_ALL = 'C';
  return { ...env, ...extra };
}

export interface RunOptions {
  timeoutMs?: number;
  input?: string | Buffer;
  allowFail?: boolean;
  env?: NodeJS.ProcessEnv;
  cwd?: string;
}

export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs cmd with argv args (no shell), bounded by a timeout; throws on non-zero exit unless allowFail. */
export function run(cmd: string, args: string[], opts: RunOptions = {}): Promise<RunResult> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, {
      env: opts.env ?? childEnv(),
      cwd: opts.cwd,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeoutMs);
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.stdin.on('error', () => {});
    child.on('error', (e) => {
      clearTimeout(timer);
      reject(new Error(`cannot run ${cmd}: ${e.message}`));
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const res: RunResult = {
        stdout: Buffer.concat(out).toString('utf8'),
        stderr: Buffer.concat(err).toString('utf8'),
        code: code ?? (signal ? 128 : 1),
      };
      const shown = `${cmd} ${args.join(' ')}`;
      if (timedOut) return reject(new Error(`${shown} timed out after ${timeoutMs} ms`));
      if (res.code !== 0 && !opts.allowFail) {
        return reject(new Error(`${shown} exited with ${res.code}: ${(res.stderr || res.stdout).trim().slice(-2000)}`));
      }
      resolve(res);
    });
    if (opts.input !== undefined) child.stdin.end(opts.input);
    else child.stdin.end();
  });
}

/** Starts a long-running process detached from this one (own session), output appended to logFile. Returns its pid. */
export function spawnDetached(cmd: string, args: string[], logFile: string, env: NodeJS.ProcessEnv = childEnv()): number {
  const fd = openSync(logFile, 'a');
  try {
    const child = spawn(cmd, args, { detached: true, stdio: ['ignore', fd, fd], env, cwd: '/' });
    child.on('error', () => {});
    child.unref();
    if (!child.pid) throw new Error(`cannot start ${cmd}`);
    return child.pid;
  } finally {
    closeSync(fd);
  }
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Polls fn until it returns a value other than undefined/false, or the deadline passes.
 * fn may throw to abort early (e.g. the process died).
 */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | false> | T | undefined | false,
  timeoutMs: number,
  intervalMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v !== undefined && v !== false) return v as T;
    if (Date.now() >= deadline) throw new Error(`timed out after ${Math.round(timeoutMs / 1000)} s waiting for ${what}`);
    await sleep(intervalMs);
  }
}

/** Runs fn over items with at most `limit` in flight; rejects with the first error after all have settled. */
export async function mapLimit<T, R>(items: T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = new Array(items.length);
  const errors: unknown[] = [];
  let next = 0;
  async function worker() {
    while (next < items.length) {
      const i = next++;
      try {
        results[i] = await fn(items[i]);
      } catch (e) {
        errors.push(e);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (errors.length) throw errors[0];
  return results;
}

/** True when pid is alive and (if given) its program's name is `program`. */
export function isProcessAlive(pid: number | null | undefined, program?: string): boolean {
  if (!pid) return false;
  const argv = processArgv(pid);
  if (!argv) return false;
  if (!program) return true;
  if (argv.length > 0 && basename(argv[0]) === program) return true;
  try {
    return basename(readlinkSync(`/proc/${pid}/exe`)) === program;
  } catch {
    return false;
  }
}

/** Live pid from a pidfile whose program is `program`, else null. */
export function livePid(pidfile: string, program?: string): number | null {
  const pid = readPidfile(pidfile);
  return pid && isProcessAlive(pid, program) ? pid : null;
}

/** SIGTERM, wait up to termMs, then SIGKILL and wait up to killMs. Returns true when the process is gone. */
export async function terminate(pid: number, termMs = 30_000, killMs = 10_000): Promise<boolean> {
  const gone = () => processArgv(pid) === null;
  if (gone()) return true;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return gone();
  }
  try {
    await waitFor(`pid ${pid} to exit`, gone, termMs, 100);
    return true;
  } catch {
    /* fall through to SIGKILL */
  }
  try {
    process.kill(pid, 'SIGKILL');
  } catch {
    /* already gone */
  }
  try {
    await waitFor(`pid ${pid} to exit after SIGKILL`, gone, killMs, 100);
    return true;
  } catch {
    return false;
  }
}

/** All pids on this machine (from /proc). */
export async function allPids(): Promise<number[]> {
  const names = await fsp.readdir('/proc');
  return names.filter((n) => /^\d+$/.test(n)).map(Number);
}

/** Pids whose namespace of `kind` (net, mnt, ...) is the given one, e.g. "net:[4026532301]". */
export async function pidsInNamespace(kind: 'net' | 'mnt', nsId: string): Promise<number[]> {
  return (await allPids()).filter((pid) => pid !== process.pid && namespaceOf(pid, kind) === nsId);
}

/** cgroup v1 hierarchies that list every process (pids, memory), or the v2 root. */
export const CGROUP_HIERARCHIES = ['/sys/fs/cgroup/pids', '/sys/fs/cgroup/memory', '/sys/fs/cgroup'];

/** Marker the lab appends to a log before each start; tails begin after the last one. */
export const LOG_MARKER = '=== wharf lab:';

/** Last `lines` lines of a text file written since the last lab start marker ('' when missing). */
export function tailFile(path: string, lines = 30): string {
  return logTailSince(path, LOG_MARKER, lines);
}

/** Creates `path` holding this process's pid unless it exists already; true when this process now holds it. */
export async function tryLockFile(path: string): Promise<boolean> {
  try {
    const fh = await fsp.open(path, 'wx', 0o600);
    await fh.writeFile(String(process.pid));
    await fh.close();
    return true;
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return false;
  }
}

export async function removeIfExists(path: string): Promise<void> {
  await fsp.rm(path, { force: true, recursive: true });
}

/** Progress output: lines on stderr, prefixed with elapsed seconds; silenced with WHARF_LAB_QUIET=1. */
const started = Date.now();
export function progress(msg: string): void {
  if (process.env.WHARF_LAB_QUIET === '1') return;
  const t = ((Date.now() - started) / 1000).toFixed(1).padStart(5);
  process.stderr.write(`[lab ${t}s] ${msg}\n`);
}

/** Lazily unmounts everything mounted at or below dir in this mount namespace (deepest first). */
export async function unmountBelow(dir: string): Promise<void> {
  let info: string;
  try {
    info = readFileSync('/proc/self/mountinfo', 'utf8');
  } catch {
    return;
  }
  const decode = (s: string) => s.replace(/\\(\d{3})/g, (_, o: string) => String.fromCharCode(parseInt(o, 8)));
  const points = info
    .split('\n')
    .map((l) => l.split(' ')[4])
    .filter((p): p is string => !!p)
    .map(decode)
    .filter((p) => p === dir || p.startsWith(`${dir}/`))
    .sort((a, b) => b.length - a.length);
  for (const p of points) await run('umount', ['-l', p], { allowFail: true });
}
