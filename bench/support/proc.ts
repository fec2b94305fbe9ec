// Reading CPU time and memory of process trees from /proc (Linux only). A process "group" is a
// set of root pids plus every descendant found by walking parent pids, re-discovered at each
// sample so that children started or ended inside the window are counted for the time they lived.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

let ticks: number | undefined;

/** Clock ticks per second (`getconf CLK_TCK`, almost always 100): the unit of utime/stime. */
export function clockTicks(): number {
  if (ticks === undefined) {
    const text = execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim();
    const value = Number(text);
    if (!Number.isInteger(value) || value <= 0) throw new Error(`getconf CLK_TCK printed "${text}"`);
    ticks = value;
  }
  return ticks;
}

export type ProcStat = { pid: number; comm: string; ppid: number; utime: number; stime: number; starttime: number };

/** /proc/<pid>/stat, or null when the process is gone. utime/stime cover all of its threads. */
export function readStat(pid: number): ProcStat | null {
  let text: string;
  try {
    text = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return null;
  }
  // The command name is in parentheses and may itself contain spaces or parentheses.
  const open = text.indexOf('(');
  const close = text.lastIndexOf(')');
  const comm = text.slice(open + 1, close);
  const rest = text.slice(close + 2).split(' ');
  // rest[0] is field 3 (state): field N is rest[N - 3].
  return { pid, comm, ppid: Number(rest[1]), utime: Number(rest[11]), stime: Number(rest[12]), starttime: Number(rest[19]) };
}

/** Resident memory in kB (VmRSS), or null when the process is gone. */
export function readRssKb(pid: number): number | null {
  try {
    const match = /^VmRSS:\s+(\d+)\s+kB/m.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return match ? Number(match[1]) : 0; // kernel threads and zombies have no VmRSS
  } catch {
    return null;
  }
}

export function threadCount(pid: number): number {
  try {
    return readdirSync(`/proc/${pid}/task`).length;
  } catch {
    return 0;
  }
}

function allStats(): ProcStat[] {
  const out: ProcStat[] = [];
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    const stat = readStat(Number(name));
    if (stat) out.push(stat);
  }
  return out;
}

/** The roots and all their live descendants, from one snapshot of /proc. */
export function processTree(roots: number[], snapshot: ProcStat[] = allStats()): ProcStat[] {
  const byParent = new Map<number, ProcStat[]>();
  const byPid = new Map<number, ProcStat>();
  for (const s of snapshot) {
    byPid.set(s.pid, s);
    const list = byParent.get(s.ppid) ?? [];
    list.push(s);
    byParent.set(s.ppid, list);
  }
  const found: ProcStat[] = [];
  const queue = roots.map((pid) => byPid.get(pid)).filter((s): s is ProcStat => !!s);
  const seen = new Set<number>();
  while (queue.length) {
    const s = queue.shift()!;
    if (seen.has(s.pid)) continue;
    seen.add(s.pid);
    found.push(s);
    queue.push(...(byParent.get(s.pid) ?? []));
  }
  return found;
}

/** `descendants: false` counts the roots alone. */
export type GroupSpec = { label: string; roots: number[]; descendants?: boolean };

export type GroupFigures = {
  label: string;
  /** CPU time used in the window, as a percentage of one core */
  cpuPercent: number;
  cpuSeconds: number;
  rssMbMean: number;
  rssMbMax: number;
  /** What was counted: command name → how many processes (roots and descendants) */
  processes: Record<string, number>;
  threadsMax: number;
};

type Seen = { comm: string; first: number; last: number; bornInWindow: boolean };

/**
 * Samples the groups every `intervalMs` for `windowMs`. CPU is the growth of utime+stime of every
 * process seen (a process first seen after the start counts from zero: it was born in the window).
 * RSS is the sum over the group's processes at each sample; mean and max are reported.
 */
export async function sampleGroups(groups: GroupSpec[], windowMs: number, intervalMs = 1000): Promise<{ wallSeconds: number; samples: number; groups: GroupFigures[] }> {
  const hz = clockTicks();
  const state = groups.map(() => ({ seen: new Map<string, Seen>(), rss: [] as number[], threadsMax: 0 }));
  const takeSample = (first: boolean) => {
    const snapshot = allStats();
    groups.forEach((group, i) => {
      const st = state[i];
      let rssKb = 0;
      let threads = 0;
      const members = group.descendants === false ? group.roots.map((pid) => snapshot.find((s) => s.pid === pid)).filter((s): s is ProcStat => !!s) : processTree(group.roots, snapshot);
      for (const p of members) {
        const key = `${p.pid}:${p.starttime}`;
        const total = p.utime + p.stime;
        const known = st.seen.get(key);
        if (known) known.last = total;
        else st.seen.set(key, { comm: p.comm, first: first ? total : 0, last: total, bornInWindow: !first });
        rssKb += readRssKb(p.pid) ?? 0;
        threads += threadCount(p.pid);
      }
      st.rss.push(rssKb);
      st.threadsMax = Math.max(st.threadsMax, threads);
    });
  };

  const started = performance.now();
  takeSample(true);
  let samples = 1;
  for (let next = intervalMs; next <= windowMs; next += intervalMs) {
    const wait = started + next - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    takeSample(false);
    samples++;
  }
  const wallSeconds = (performance.now() - started) / 1000;

  return {
    wallSeconds,
    samples,
    groups: groups.map((group, i) => {
      const st = state[i];
      let usedTicks = 0;
      const processes: Record<string, number> = {};
      for (const s of st.seen.values()) {
        usedTicks += s.last - s.first;
        processes[s.comm] = (processes[s.comm] ?? 0) + 1;
      }
      const cpuSeconds = usedTicks / hz;
      const mb = (kb: number) => kb / 1024;
      return {
        label: group.label,
        cpuSeconds,
        cpuPercent: (cpuSeconds / wallSeconds) * 100,
        rssMbMean: mb(st.rss.reduce((a, b) => a + b, 0) / st.rss.length),
        rssMbMax: mb(Math.max(...st.rss)),
        processes,
        threadsMax: st.threadsMax,
      };
    }),
  };
}
