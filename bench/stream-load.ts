// 100 concurrent streams on one console process: 50 log follows and 50 terminal sessions, each
// fed by its own paced writer, spread over 10 socket.io connections (tabs) of 5 + 5. Measures the
// console's resident memory while they run, and every stream's delivered line rate, so that a
// starved stream shows.
import type Dockerode from 'dockerode';
import { pause, type Benchmark } from './support/benchmark.ts';
import { startContainer, withEngineBench } from './support/engine-bench.ts';
import { readRssKb, sampleGroups } from './support/proc.ts';
import { markdownTable, markdownTargets, round, textTable } from './support/report.ts';
import { connectStreams, countNewlines, lastNumberAfter, median, paced, request, type StreamsClient } from './support/streams-client.ts';

const NAME = 'stream-load';
const CONTAINERS = 50;
const SOCKETS = 10;
const PER_TICK = 40;
const TICK_SECONDS = 0.1;
const SETTLE_MS = 10_000;
const WINDOW_MS = 30_000;
const TARGET_RSS_MB = 500;
/** A stream is starved below this share of its kind's median rate, or with a longer silence. */
const STARVED_SHARE = 0.5;
const STARVED_GAP_MS = 2000;

type Stream = { kind: 'log' | 'exec'; container: number; lines: number; last: number; lastAt: number; maxGapMs: number };

type Rates = { min: number; median: number; max: number; total: number };

export type StreamLoadFigures = {
  engineHost: string;
  writer: string;
  streams: { logs: number; execs: number; sockets: number };
  windowSeconds: number;
  settleSeconds: number;
  rssMb: { beforeStreams: number | null; mean: number; max: number };
  cpuPercent: number;
  rates: { log: Rates; exec: Rates };
  /** the writers' own pace over the window, from the engine (log streams' containers) */
  writerRate: Rates;
  maxGapMs: { log: number; exec: number };
  starved: { kind: string; container: number; rate: number; maxGapMs: number }[];
  openSeconds: number;
};

function rates(values: number[]): Rates {
  return { min: round(Math.min(...values), 1), median: round(median(values), 1), max: round(Math.max(...values), 1), total: Math.round(values.reduce((a, b) => a + b, 0)) };
}

async function writerCount(docker: Dockerode, id: string): Promise<number> {
  const buf = (await docker.getContainer(id).logs({ stdout: true, tail: 1 })) as unknown as Buffer;
  return lastNumberAfter(buf.toString('latin1'), 'log') ?? 0;
}

async function inParallel<T>(count: number, width: number, each: (i: number) => Promise<T>): Promise<T[]> {
  const out: T[] = new Array(count);
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      out[i] = await each(i);
    }
  };
  await Promise.all(Array.from({ length: width }, worker));
  return out;
}

export const streamLoad: Benchmark<StreamLoadFigures> = {
  name: NAME,
  title: '100 concurrent log and terminal streams',

  async run(ctx) {
    return withEngineBench(ctx, NAME, async ({ lab, engine, docker, hostId, con, log }) => {
      const sockets: StreamsClient[] = [];
      try {
        const runId = Date.now().toString(36);
        const ids = await inParallel(CONTAINERS, 8, (i) => startContainer(docker, { name: `wharf-bench-load-${runId}-${i}`, image: lab.image, cmd: paced('log', PER_TICK, TICK_SECONDS), label: NAME }));
        log(`${CONTAINERS} writer containers on ${engine.name}`);
        const rssBefore = readRssKb(con.pid);

        const streams = new Map<string, Stream>();
        const seen = (s: Stream, lines: number, last: number | null) => {
          const now = performance.now();
          if (s.lastAt) s.maxGapMs = Math.max(s.maxGapMs, now - s.lastAt);
          s.lastAt = now;
          s.lines += lines;
          if (last !== null) s.last = last;
        };
        const perSocket = CONTAINERS / SOCKETS;
        const opened = performance.now();
        for (let k = 0; k < SOCKETS; k++) {
          const socket = await connectStreams(con);
          sockets.push(socket);
          socket.on('logs:lines', (m) => {
            const s = streams.get(m.streamId);
            if (s) seen(s, m.lines.length, lastNumberAfter(m.lines[m.lines.length - 1]?.text ?? '', 'log'));
          });
          socket.on('exec:data', (m) => {
            const s = streams.get(m.sessionId);
            if (s) seen(s, countNewlines(m.data), lastNumberAfter(m.data, 'exec'));
          });
          socket.on('logs:end', (m) => streams.has(m.streamId) && log(`a log stream ended: ${m.reason}`));
          socket.on('exec:exit', (m) => streams.has(m.sessionId) && log(`a terminal ended: ${m.reason}`));
        }
        await inParallel(CONTAINERS, 5, async (i) => {
          const socket = sockets[Math.floor(i / perSocket)];
          const source = { kind: 'container', hostId, containerId: ids[i] };
          const { streamId } = await request<{ streamId: string }>(socket, 'logs:follow', { source, tail: 0, stdout: true, stderr: true });
          streams.set(streamId, { kind: 'log', container: i, lines: 0, last: 0, lastAt: 0, maxGapMs: 0 });
          const { sessionId } = await request<{ sessionId: string }>(socket, 'exec:open', { hostId, containerId: ids[i], shell: { kind: 'command', argv: paced('exec', PER_TICK, TICK_SECONDS) }, cols: 120, rows: 40 });
          streams.set(sessionId, { kind: 'exec', container: i, lines: 0, last: 0, lastAt: 0, maxGapMs: 0 });
        });
        const openSeconds = (performance.now() - opened) / 1000;
        log(`${streams.size} streams open on ${SOCKETS} sockets in ${round(openSeconds, 1)} s; settling ${SETTLE_MS / 1000} s`);
        await pause(SETTLE_MS);

        const list = [...streams.values()];
        const logIds = new Map(list.filter((s) => s.kind === 'log').map((s) => [s.container, ids[s.container]]));
        const w0 = new Map(await Promise.all([...logIds].map(async ([c, id]) => [c, await writerCount(docker, id)] as const)));
        const start = list.map((s) => s.lines);
        for (const s of list) s.maxGapMs = 0;
        const t0 = performance.now();
        const sampled = await sampleGroups([{ label: 'console', roots: [con.pid] }], WINDOW_MS, 1000);
        const seconds = (performance.now() - t0) / 1000;
        const end = list.map((s) => s.lines);
        // A stream silent since its last delivery counts that silence as a gap too.
        const now = performance.now();
        for (const s of list) s.maxGapMs = Math.max(s.maxGapMs, now - s.lastAt);
        const w1 = new Map(await Promise.all([...logIds].map(async ([c, id]) => [c, await writerCount(docker, id)] as const)));
        const writerSeconds = (performance.now() - t0) / 1000;

        const rateOf = list.map((_, i) => (end[i] - start[i]) / seconds);
        const logRates = rateOf.filter((_, i) => list[i].kind === 'log');
        const execRates = rateOf.filter((_, i) => list[i].kind === 'exec');
        const medians = { log: median(logRates), exec: median(execRates) };
        const starved = list
          .map((s, i) => ({ kind: s.kind, container: s.container, rate: round(rateOf[i], 1), maxGapMs: Math.round(s.maxGapMs) }))
          .filter((s) => s.rate < STARVED_SHARE * medians[s.kind as 'log' | 'exec'] || s.maxGapMs > STARVED_GAP_MS);
        const consoleGroup = sampled.groups[0];
        const figures: StreamLoadFigures = {
          engineHost: engine.name,
          writer: `busybox awk: ${PER_TICK} numbered lines, flushed, then sleep ${TICK_SECONDS} s, forever; nominally ${Math.round(PER_TICK / TICK_SECONDS)} lines/s, a little less — the measured pace is in the table`,
          streams: { logs: logRates.length, execs: execRates.length, sockets: SOCKETS },
          windowSeconds: round(seconds, 1),
          settleSeconds: SETTLE_MS / 1000,
          rssMb: { beforeStreams: rssBefore === null ? null : round(rssBefore / 1024, 1), mean: round(consoleGroup.rssMbMean, 1), max: round(consoleGroup.rssMbMax, 1) },
          cpuPercent: round(consoleGroup.cpuPercent, 1),
          rates: { log: rates(logRates), exec: rates(execRates) },
          writerRate: rates([...logIds.keys()].map((c) => ((w1.get(c) ?? 0) - (w0.get(c) ?? 0)) / writerSeconds)),
          maxGapMs: { log: Math.round(Math.max(...list.filter((s) => s.kind === 'log').map((s) => s.maxGapMs))), exec: Math.round(Math.max(...list.filter((s) => s.kind === 'exec').map((s) => s.maxGapMs))) },
          starved,
          openSeconds: round(openSeconds, 1),
        };
        log(`console RSS max ${figures.rssMb.max} MB; log rates ${figures.rates.log.min}/${figures.rates.log.median}/${figures.rates.log.max}, exec ${figures.rates.exec.min}/${figures.rates.exec.median}/${figures.rates.exec.max} lines/s; ${starved.length} starved`);
        return {
          figures,
          notes: [],
          verdicts: [
            { target: `console RSS ≤ ${TARGET_RSS_MB} MB with 100 streams`, met: figures.rssMb.max <= TARGET_RSS_MB, measured: `max ${figures.rssMb.max} MB (mean ${figures.rssMb.mean} MB)` },
            {
              target: `no stream starved (each ≥ ${STARVED_SHARE}× its kind's median rate, no silence > ${STARVED_GAP_MS / 1000} s)`,
              met: starved.length === 0,
              measured: `${starved.length} starved; logs min/median/max ${figures.rates.log.min}/${figures.rates.log.median}/${figures.rates.log.max}, terminals ${figures.rates.exec.min}/${figures.rates.exec.median}/${figures.rates.exec.max} lines/s`,
            },
          ],
        };
      } finally {
        for (const s of sockets) s.disconnect();
      }
    });
  },

  printFigures({ figures: f }) {
    const row = (label: string, r: Rates, gap: number | string) => [label, r.min, r.median, r.max, r.total, gap];
    return [
      textTable([['lines/s per stream', 'min', 'median', 'max', 'sum', 'longest silence ms'], row(`log follows (${f.streams.logs})`, f.rates.log, f.maxGapMs.log), row(`terminals (${f.streams.execs})`, f.rates.exec, f.maxGapMs.exec), row('writers (log containers, from the engine)', f.writerRate, '')]),
      '',
      `console RSS: max ${f.rssMb.max} MB, mean ${f.rssMb.mean} MB (before the streams: ${f.rssMb.beforeStreams ?? '—'} MB); CPU ${f.cpuPercent} % of one core`,
      `window ${f.windowSeconds} s after ${f.settleSeconds} s settling; ${f.streams.sockets} sockets; opened in ${f.openSeconds} s; starved: ${f.starved.length ? f.starved.map((s) => `${s.kind} #${s.container} (${s.rate} lines/s, ${s.maxGapMs} ms)`).join(', ') : 'none'}`,
    ].join('\n');
  },

  markdown(result) {
    const f = result.figures;
    const row = (label: string, r: Rates, gap: number | string) => [label, r.min, r.median, r.max, r.total.toLocaleString('en-US'), gap];
    return [
      "**What it measures.** One console process serving 100 streams at once: its resident memory, and whether every stream keeps flowing (none starved by the others).",
      '',
      `**How.** ${CONTAINERS} busybox containers on ${f.engineHost} (the only host of a production console in its own process), each running a writer (${f.writer}). ${f.streams.sockets} socket.io clients on \`/streams\` (one per simulated tab, signed in as an administrator) each follow the logs of 5 containers (\`logs:follow\`, tail 0) and open 5 terminals (\`exec:open\` with the command argv \`sh -c <the same writer, prefixed "exec">\`, TTY 120×40) into the same containers: ${f.streams.logs} log follows and ${f.streams.execs} terminals. After ${f.settleSeconds} s of settling, a ${f.windowSeconds} s window: each stream's lines received (log lines per \`logs:lines\` message; newlines in \`exec:data\`) give its rate, and the longest silence between two deliveries is tracked; the console process and its descendants are sampled every second from \`/proc\` (VmRSS; CPU from utime+stime, as in the idle benchmark). The writers' own pace is read from the engine (each log container's newest line number at both ends of the window). A stream counts as starved below ${STARVED_SHARE}× its kind's median rate or after a silence longer than ${STARVED_GAP_MS / 1000} s. The containers are force-removed at the end (their terminals' processes with them).`,
      '',
      markdownTable([['lines/s per stream', 'min', 'median', 'max', 'sum', 'longest silence (ms)'], row(`Log follows (${f.streams.logs})`, f.rates.log, f.maxGapMs.log), row(`Terminals (${f.streams.execs})`, f.rates.exec, f.maxGapMs.exec), row('Writers of the followed logs (from the engine)', f.writerRate, '—')]),
      '',
      `- Console RSS during the window: **max ${f.rssMb.max} MB**, mean ${f.rssMb.mean} MB (${f.rssMb.beforeStreams ?? '—'} MB before any stream was opened). Console CPU: ${f.cpuPercent} % of one core.`,
      `- Opening the 100 streams took ${f.openSeconds} s (5 at a time). Starved streams: ${f.starved.length ? f.starved.map((s) => `${s.kind} #${s.container} (${s.rate} lines/s, silent ${s.maxGapMs} ms)`).join(', ') : 'none'}.`,
      '',
      ...markdownTargets(result.verdicts),
    ].join('\n');
  },
};
