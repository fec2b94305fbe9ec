// Finding and ending a local machine's processes from /proc: its dockerd by pidfile, everything
// in its network namespace or cgroup, and their descendants (containers live in namespaces of
// their own below containerd's shims).
import 'server-only';
import { existsSync, readFileSync, readlinkSync, statSync, promises as fsp } from 'node:fs';
import path from 'node:path';

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function readPidfile(file: string): number | null {
  try {
    const n = Number.parseInt(readFileSync(file, 'utf8').trim(), 10);
    return Number.isInteger(n) && n > 1 ? n : null;
  } catch {
    return null;
  }
}

/** The command line of a live (not zombie) process, or null when it is gone. */
export function processArgv(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const state = stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
    if (state === 'Z' || state === 'X') return null;
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return null;
  }
}

export const isAlive = (pid: number) => processArgv(pid) !== null;

/** The program a process runs (basename of /proc/PID/exe), or null. */
export function programOf(pid: number): string | null {
  try {
    return path.basename(readlinkSync(`/proc/${pid}/exe`)).replace(/ \(deleted\)$/, '');
  } catch {
    return null;
  }
}

/** "net:[inode]" of a process's namespace of `kind`, or null. */
export function namespaceOf(pid: number, kind: 'net' | 'uts' | 'mnt'): string | null {
  try {
    return readlinkSync(`/proc/${pid}/ns/${kind}`);
  } catch {
    return null;
  }
}

/** "net:[inode]" of a named network namespace (its /var/run/netns handle), or null. */
export function netnsIdOf(netnsPath: string): string | null {
  try {
    return `net:[${statSync(netnsPath).ino}]`;
  } catch {
    return null;
  }
}

async function allPids(): Promise<number[]> {
  return (await fsp.readdir('/proc')).filter((n) => /^\d+$/.test(n)).map(Number);
}

/** Pids (other than this process) whose network namespace is `nsId`. */
export async function pidsInNetns(nsId: string): Promise<number[]> {
  const out: number[] = [];
  for (const pid of await allPids()) if (pid !== process.pid && namespaceOf(pid, 'net') === nsId) out.push(pid);
  return out;
}

/** Every descendant of `roots`. */
export async function descendantsOf(roots: number[]): Promise<number[]> {
  const children = new Map<number, number[]>();
  for (const pid of await allPids()) {
    try {
      const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(ppid, [...(children.get(ppid) ?? []), pid]);
    } catch {
      /* gone */
    }
  }
  const seen = new Set(roots);
  const out: number[] = [];
  const queue = [...roots];
  while (queue.length) {
    for (const c of children.get(queue.shift()!) ?? []) {
      if (seen.has(c)) continue;
      seen.add(c);
      out.push(c);
      queue.push(c);
    }
  }
  return out;
}

/** cgroup v1 hierarchies that list every process, then the v2 root. */
const CGROUP_ROOTS = ['/sys/fs/cgroup/pids', '/sys/fs/cgroup/memory', '/sys/fs/cgroup'];

/** Pids in cgroup `cgroupPath` (e.g. "/wharf-1a2b3c4d") and below. */
export async function pidsInCgroup(cgroupPath: string): Promise<number[]> {
  const out = new Set<number>();
  async function walk(dir: string): Promise<void> {
    const procs = await fsp.readFile(path.join(dir, 'cgroup.procs'), 'utf8').catch(() => '');
    for (const line of procs.split('\n')) if (/^\d+$/.test(line.trim())) out.add(Number(line.trim()));
    for (const e of await fsp.readdir(dir, { withFileTypes: true }).catch(() => [])) if (e.isDirectory()) await walk(path.join(dir, e.name));
  }
  for (const root of CGROUP_ROOTS) {
    if (existsSync(path.join(root, cgroupPath, 'cgroup.procs'))) {
      await walk(path.join(root, cgroupPath));
      break;
    }
  }
  out.delete(process.pid);
  return [...out];
}

/** Removes cgroup `cgroupPath` in every hierarchy, deepest first; folders still in use stay. */
export async function removeCgroup(cgroupPath: string): Promise<void> {
  async function rmTree(dir: string): Promise<void> {
    for (const e of await fsp.readdir(dir, { withFileTypes: true }).catch(() => [])) if (e.isDirectory()) await rmTree(path.join(dir, e.name));
    await fsp.rmdir(dir).catch(() => {});
  }
  const controllers = await fsp.readdir('/sys/fs/cgroup').catch(() => [] as string[]);
  for (const c of controllers) {
    const dir = path.join('/sys/fs/cgroup', c, cgroupPath);
    if (existsSync(dir)) await rmTree(dir);
  }
  if (existsSync(path.join('/sys/fs/cgroup', cgroupPath, 'cgroup.procs'))) await rmTree(path.join('/sys/fs/cgroup', cgroupPath));
}

function kill(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    /* already gone */
  }
}

/** SIGTERM every pid, wait up to termMs for all, SIGKILL the rest and wait up to killMs. Returns the pids still alive. */
export async function terminateAll(pids: number[], termMs: number, killMs = 5_000): Promise<number[]> {
  const live = pids.filter((p) => p !== process.pid && isAlive(p));
  for (const p of live) kill(p, 'SIGTERM');
  const deadline = Date.now() + termMs;
  let rest = live.filter(isAlive);
  while (rest.length && Date.now() < deadline) {
    await sleep(50);
    rest = rest.filter(isAlive);
  }
  for (const p of rest) kill(p, 'SIGKILL');
  const killDeadline = Date.now() + killMs;
  while (rest.length && Date.now() < killDeadline) {
    await sleep(50);
    rest = rest.filter(isAlive);
  }
  return rest;
}

export { kill as signalProcess };
