// The console's idle CPU and memory with 3 and with 20 engines attached, next to the idle CPU of
// the engines themselves over the same window (context, not a target).
import { readFileSync } from 'node:fs';
import { labUp, type HostState } from '@/scripts/lab/index.ts';
import { pause, type Benchmark } from './support/benchmark.ts';
import { startBenchConsole } from './support/console.ts';
import { transactionCount } from './support/postgres.ts';
import { sampleGroups, type GroupFigures, type GroupSpec } from './support/proc.ts';
import { markdownTable, markdownTargets, round, textTable, type BenchResult } from './support/report.ts';

const SETTLE_MS = 10_000;
const WINDOW_MS = 30_000;
const SAMPLE_EVERY_MS = 1000;
const ENGINE_COUNTS = [3, 20];
const TARGET_CPU_PERCENT = 5;
const TARGET_ENGINES = 20;

type Figures = { cpuPercent: number; cpuSeconds: number; rssMbMean: number; rssMbMax: number; threadsMax: number; processes: Record<string, number> };

export type IdleRun = {
  engines: number;
  hostsUpAfterMs: number;
  wallSeconds: number;
  samples: number;
  /** the console process and its descendants */
  console: Figures;
  /** the console's own node process only */
  consoleMain: Figures;
  /** the attached engines' dockerd processes and their descendants (containerd) */
  engineDaemons: Figures;
  /** our Postgres (all its processes), when the bench runs it; null with WHARF_TEST_PG_URL */
  postgres: Figures | null;
  /** console CPU / summed engine CPU over the same window */
  cpuRatioToEngines: number;
  /** socket.io messages the connected client received during the window, by name */
  socketMessages: Record<string, number>;
  /** transactions on the console's database during the window (pg_stat_database, approximate) */
  databaseTransactions: number;
};

export type IdleFootprintFigures = { settleSeconds: number; windowSeconds: number; runs: IdleRun[] };

const pick = (g: GroupFigures): Figures => ({
  cpuPercent: round(g.cpuPercent, 2),
  cpuSeconds: round(g.cpuSeconds, 2),
  rssMbMean: round(g.rssMbMean, 1),
  rssMbMax: round(g.rssMbMax, 1),
  threadsMax: g.threadsMax,
  processes: g.processes,
});

function dockerdPid(host: HostState): number {
  const pid = Number(readFileSync(host.pidfile, 'utf8').trim());
  if (!Number.isInteger(pid) || pid <= 0) throw new Error(`no dockerd pid in ${host.pidfile}`);
  return pid;
}

/** A run's table row: engines, console CPU (as `consoleCpu` shows it), RSS, node alone, engines' CPU, ratio, Postgres CPU (or `noPostgres`), transactions. */
const runCells = (r: IdleRun, consoleCpu: (cell: string) => string, noPostgres: string): (string | number)[] => [
  r.engines,
  consoleCpu(`${r.console.cpuPercent} %`),
  `${r.console.rssMbMean} / ${r.console.rssMbMax} MB`,
  `${r.consoleMain.cpuPercent} % / ${r.consoleMain.rssMbMean} MB`,
  `${r.engineDaemons.cpuPercent} %`,
  `${r.cpuRatioToEngines}×`,
  r.postgres ? `${r.postgres.cpuPercent} %` : noPostgres,
  r.databaseTransactions,
];

const processList = (p: Record<string, number>) =>
  Object.entries(p)
    .map(([comm, n]) => (n > 1 ? `${comm} ×${n}` : comm))
    .join(', ');

export const idleFootprint: Benchmark<IdleFootprintFigures> = {
  name: 'idle-footprint',
  title: 'Idle CPU and memory',

  async run({ pg, log }) {
    const runs: IdleRun[] = [];
    for (const count of ENGINE_COUNTS) {
      // labUp never removes hosts: asking for 20 adds lab-4..lab-20 if missing.
      const lab = await labUp(count > 3 ? { hosts: count } : {});
      if (lab.hosts.length < count) throw new Error(`the lab has ${lab.hosts.length} hosts, ${count} needed`);
      const hosts = lab.hosts.slice(0, count);
      const con = await startBenchConsole({ pg, name: `idle_${count}`, hosts, log });
      try {
        const hostsUpAfterMs = await con.waitHostsUp(120_000);
        log(`${count} engines: all up ${Math.round(hostsUpAfterMs)} ms after the console was ready`);
        const socket = await con.connectSocket(); // one open console tab
        const messages: Record<string, number> = {};
        let counting = false;
        const hostName = new Map(con.hosts.map((h) => [h.id, h.name]));
        socket.onAny((event: string, payload: { hostId?: string; status?: string; event?: { type: string; action: string } }) => {
          if (!counting) return;
          // Told apart by host (and event type/action, or new status): they show whether the engines were really idle.
          const host = payload?.hostId ? ` ${hostName.get(payload.hostId) ?? payload.hostId}` : '';
          const detail = payload?.event ? ` ${payload.event.type} ${payload.event.action}` : payload?.status ? ` → ${payload.status}` : '';
          const key = `${event}${host}${detail}`;
          messages[key] = (messages[key] ?? 0) + 1;
        });

        log(`${count} engines: settling ${SETTLE_MS / 1000} s, then sampling ${WINDOW_MS / 1000} s`);
        await pause(SETTLE_MS);

        const groups: GroupSpec[] = [
          { label: 'console', roots: [con.pid] },
          { label: 'console-main', roots: [con.pid], descendants: false },
          { label: 'engines', roots: hosts.map(dockerdPid) },
        ];
        const pgPid = pg.pid();
        if (pgPid) groups.push({ label: 'postgres', roots: [pgPid] });
        const tx0 = await transactionCount(pg, con.databaseName);
        counting = true;
        const sampled = await sampleGroups(groups, WINDOW_MS, SAMPLE_EVERY_MS);
        counting = false;
        const tx1 = await transactionCount(pg, con.databaseName);
        const by = (label: string) => sampled.groups.find((g) => g.label === label);
        const consoleFig = pick(by('console')!);
        const enginesFig = pick(by('engines')!);
        runs.push({
          engines: count,
          hostsUpAfterMs: Math.round(hostsUpAfterMs),
          wallSeconds: round(sampled.wallSeconds, 2),
          samples: sampled.samples,
          console: consoleFig,
          consoleMain: pick(by('console-main')!),
          engineDaemons: enginesFig,
          postgres: by('postgres') ? pick(by('postgres')!) : null,
          cpuRatioToEngines: round(by('console')!.cpuSeconds / by('engines')!.cpuSeconds, 3),
          socketMessages: messages,
          // our own count queries run in the `postgres` database, so they are not in this figure
          databaseTransactions: tx1 - tx0,
        });
        log(`${count} engines: console ${consoleFig.cpuPercent} % of a core, ${consoleFig.rssMbMean} MB; engines ${enginesFig.cpuPercent} %`);
      } finally {
        await con.stop();
      }
    }

    const twenty = runs.find((r) => r.engines === TARGET_ENGINES)!;
    const notes: string[] = [];
    const busy = runs.filter((r) => Object.keys(r.socketMessages).length);
    for (const r of busy) notes.push(`With ${r.engines} engines the client received ${Object.entries(r.socketMessages).map(([k, n]) => `${n} ${k}`).join(', ')} during the window: something was happening on the engines (e.g. tests running on lab-1..3), so that run was not purely idle.`);
    return {
      figures: { settleSeconds: SETTLE_MS / 1000, windowSeconds: WINDOW_MS / 1000, runs },
      notes,
      verdicts: [
        {
          target: `console idle CPU < ${TARGET_CPU_PERCENT} % of one core with ${TARGET_ENGINES} engines`,
          met: twenty.console.cpuPercent < TARGET_CPU_PERCENT,
          measured: `${twenty.console.cpuPercent} %`,
        },
      ],
    };
  },

  printFigures({ figures }) {
    const rows: (string | number)[][] = [['engines', 'console CPU', 'console RSS (mean/max)', 'node only: CPU / RSS', 'engines CPU (dockerd+containerd)', 'console/engines', 'Postgres CPU', 'DB tx']];
    for (const r of figures.runs) rows.push(runCells(r, (cpu) => cpu, 'n/a'));
    const counted = figures.runs.map((r) => `${r.engines} engines — console counted: ${processList(r.console.processes)}; threads max ${r.console.threadsMax}`);
    return [textTable(rows), '', `CPU as % of one core over ${figures.windowSeconds} s after ${figures.settleSeconds} s of settling.`, ...counted].join('\n');
  },

  markdown(result: BenchResult<IdleFootprintFigures>) {
    const { figures } = result;
    const rows: (string | number)[][] = [['engines attached', 'console CPU (% of one core)', 'console RSS mean / max', 'console node process alone: CPU / RSS', 'engines\' own CPU (dockerd + containerd, summed)', 'console / engines CPU', 'Postgres CPU', 'DB transactions in window']];
    for (const r of figures.runs) rows.push(runCells(r, (cpu) => `**${cpu}**`, 'n/a (shared server)'));
    return [
      "**What it measures.** The console's CPU and resident memory while nothing happens, with 3 and with 20 engines attached.",
      '',
      `**How.** For each engine count, a production console (a separate process, \`bench/support/console-process.ts\`) is started on a fresh database holding the lab hosts lab-1..lab-N (unix sockets; the 20-engine run first calls \`labUp({ hosts: 20 })\`), so its inventory attaches them at start. Once every host is \`up\` in the database, one socket.io client connects as a signed-in administrator (an open console tab: its session is re-checked every few seconds), then ${figures.settleSeconds} s of settling, then ${figures.windowSeconds} s of sampling every second from \`/proc\`: CPU = growth of utime+stime (\`/proc/<pid>/stat\`, clock ticks from \`getconf CLK_TCK\`) over the window, as a percentage of one core; RSS = sum of \`VmRSS\` (\`/proc/<pid>/status\`). The console figure counts the console process **and all its descendants**, found by parent pid at every sample (${figures.runs.map((r) => `${r.engines} engines: ${processList(r.console.processes)}`).join('; ')}); the node process alone is shown too. As context (not a target), the same measurement of the attached engines' dockerd processes with their descendants (each engine's containerd), and of the benchmark's own Postgres. Database transactions come from \`pg_stat_database\` (approximate: Postgres flushes those counters about once a second).`,
      '',
      markdownTable(rows),
      '',
      ...markdownTargets(result.verdicts),
    ].join('\n');
  },
};
