// 100 concurrent log streams through the lab's haproxy onto two console replicas: 50 paced writer
// containers on lab-4, each followed twice, over 10 socket.io connections (tabs) that the balancer
// spreads round robin. Measures each replica's resident memory and CPU while they run, how many
// streams each holds (its own /metrics), and every stream's delivered line rate, so that a starved
// stream shows.
import { pause, type Benchmark } from './support/benchmark.ts';
import { startContainer } from './support/engine-bench.ts';
import { sampleGroups } from './support/proc.ts';
import { metricValue, withBenchReplicas } from './support/replicas.ts';
import { markdownTable, markdownTargets, round, textTable } from './support/report.ts';
import { lastNumberAfter, median, paced, request, type StreamsClient } from './support/streams-client.ts';

const NAME = 'replica-streams';
const CONTAINERS = 50;
const FOLLOWS_EACH = 2;
const SOCKETS = 10;
const PER_TICK = 40;
const TICK_SECONDS = 0.1;
const SETTLE_MS = 10_000;
const WINDOW_MS = 30_000;
const TARGET_RSS_MB = 400;
/** A stream is starved below this share of the median rate, or with a longer silence. */
const STARVED_SHARE = 0.5;
const STARVED_GAP_MS = 2000;

type Stream = { container: number; socket: number; lines: number; lastAt: number; maxGapMs: number };

type ReplicaFigures = { name: string; streams: number; sockets: number; rssMbMean: number; rssMbMax: number; cpuPercent: number };

export type ReplicaStreamsFigures = {
  engineHost: string;
  writer: string;
  streams: number;
  sockets: number;
  windowSeconds: number;
  replicas: ReplicaFigures[];
  rates: { min: number; median: number; max: number; total: number };
  maxGapMs: number;
  starved: { container: number; rate: number; maxGapMs: number }[];
};

export const replicaStreams: Benchmark<ReplicaStreamsFigures> = {
  name: NAME,
  title: 'Two replicas with 100 concurrent log streams',

  async run(ctx) {
    return withBenchReplicas(ctx, NAME, async (bench) => {
      const { docker, lab, engine, hostId, log } = bench;
      const runId = Date.now().toString(36);
      const ids: string[] = [];
      for (let i = 0; i < CONTAINERS; i++) ids.push(await startContainer(docker, { name: `wharf-bench-rs-${runId}-${i}`, image: lab.image, cmd: paced('log', PER_TICK, TICK_SECONDS), label: NAME }));
      log(`${CONTAINERS} writer containers on ${engine.name}`);
      const sockets: StreamsClient[] = [];
      const streams = new Map<string, Stream>();
      try {
        for (let k = 0; k < SOCKETS; k++) {
          const socket = await bench.connectStreams();
          sockets.push(socket);
          socket.on('logs:lines', (m) => {
            const s = streams.get(m.streamId);
            if (!s) return;
            const now = performance.now();
            if (s.lastAt) s.maxGapMs = Math.max(s.maxGapMs, now - s.lastAt);
            s.lastAt = now;
            s.lines += m.lines.filter((line) => lastNumberAfter(line.text, 'log') !== null).length;
          });
        }
        const socketCounts = await Promise.all(bench.replicas.map(async (r) => metricValue(await bench.metrics(r), 'wharf_socket_connections')));
        for (let i = 0; i < CONTAINERS * FOLLOWS_EACH; i++) {
          const container = i % CONTAINERS;
          const socketIndex = i % SOCKETS;
          const { streamId } = await request<{ streamId: string }>(sockets[socketIndex], 'logs:follow', { source: { kind: 'container', hostId, containerId: ids[container] }, tail: 0, stdout: true, stderr: true });
          streams.set(streamId, { container, socket: socketIndex, lines: 0, lastAt: 0, maxGapMs: 0 });
        }
        log(`${streams.size} log streams open on ${SOCKETS} sockets; settling ${SETTLE_MS / 1000} s`);
        await pause(SETTLE_MS);
        const streamCounts = await Promise.all(bench.replicas.map(async (r) => metricValue(await bench.metrics(r), 'wharf_streams_open{kind="logs"}')));

        const list = [...streams.values()];
        const start = list.map((s) => s.lines);
        for (const s of list) s.maxGapMs = 0;
        const t0 = performance.now();
        const sampled = await sampleGroups(bench.replicas.map((r) => ({ label: r.name, roots: [r.pid] })), WINDOW_MS, 1000);
        const seconds = (performance.now() - t0) / 1000;
        const now = performance.now();
        for (const s of list) s.maxGapMs = Math.max(s.maxGapMs, now - s.lastAt);
        const rates = list.map((s, i) => (s.lines - start[i]) / seconds);
        const mid = median(rates);
        const starved = list
          .map((s, i) => ({ container: s.container, rate: round(rates[i], 1), maxGapMs: Math.round(s.maxGapMs) }))
          .filter((s) => s.rate < STARVED_SHARE * mid || s.maxGapMs > STARVED_GAP_MS);
        const replicas: ReplicaFigures[] = bench.replicas.map((r, i) => ({
          name: r.name,
          streams: streamCounts[i],
          sockets: socketCounts[i],
          rssMbMean: round(sampled.groups[i].rssMbMean, 1),
          rssMbMax: round(sampled.groups[i].rssMbMax, 1),
          cpuPercent: round(sampled.groups[i].cpuPercent, 1),
        }));
        const worstRss = Math.max(...replicas.map((r) => r.rssMbMax));
        const figures: ReplicaStreamsFigures = {
          engineHost: engine.name,
          writer: `busybox awk: ${PER_TICK} numbered lines, flushed, then sleep ${TICK_SECONDS} s, forever; nominally ${Math.round(PER_TICK / TICK_SECONDS)} lines/s`,
          streams: streams.size,
          sockets: SOCKETS,
          windowSeconds: round(seconds, 1),
          replicas,
          rates: { min: round(Math.min(...rates), 1), median: round(mid, 1), max: round(Math.max(...rates), 1), total: Math.round(rates.reduce((a, b) => a + b, 0)) },
          maxGapMs: Math.round(Math.max(...list.map((s) => s.maxGapMs))),
          starved,
        };
        return {
          figures,
          verdicts: [
            { target: `each replica's RSS ≤ ${TARGET_RSS_MB} MB with ${streams.size} streams over two replicas`, met: worstRss <= TARGET_RSS_MB, measured: replicas.map((r) => `${r.name} max ${r.rssMbMax} MB (${r.streams} streams)`).join(', ') },
            { target: `no stream starved (each ≥ ${STARVED_SHARE}× the median rate, no silence > ${STARVED_GAP_MS / 1000} s)`, met: starved.length === 0, measured: `${starved.length} starved; min/median/max ${figures.rates.min}/${figures.rates.median}/${figures.rates.max} lines/s` },
          ],
          notes: [],
        };
      } finally {
        for (const socket of sockets) socket.disconnect();
      }
    });
  },

  printFigures({ figures: f }) {
    return textTable([
      ['replica', 'sockets', 'log streams', 'RSS mean', 'RSS max', 'CPU (% of a core)'],
      ...f.replicas.map((r) => [r.name, r.sockets, r.streams, `${r.rssMbMean} MB`, `${r.rssMbMax} MB`, `${r.cpuPercent} %`]),
    ]) + `\nper stream lines/s min/median/max ${f.rates.min}/${f.rates.median}/${f.rates.max} (total ${f.rates.total}); longest silence ${f.maxGapMs} ms; starved ${f.starved.length}`;
  },

  markdown(result) {
    const f = result.figures;
    return [
      '**What it measures.** Memory of each of two replicas, and fairness, with 100 live log streams spread over them by the load balancer.',
      '',
      `**How.** Two production console replicas on one database behind the lab's haproxy (as in [failover](#failover)), with ${f.engineHost} as their host. ${CONTAINERS} containers each run ${f.writer}; ${f.sockets} socket.io connections through the balancer (round robin, so about half on each replica) open ${f.streams} log follows, each container followed twice from different connections. After ${SETTLE_MS / 1000} s of settling, ${f.windowSeconds} s of sampling each replica's process every second from \`/proc\` (RSS = \`VmRSS\`, CPU = utime+stime growth), while every stream's lines are counted. How many streams and sockets each replica holds comes from its own \`/metrics\`.`,
      '',
      markdownTable([
        ['replica', 'sockets', 'log streams', 'RSS mean', 'RSS max', 'CPU (% of a core)'],
        ...f.replicas.map((r) => [r.name, r.sockets, r.streams, `${r.rssMbMean} MB`, `${r.rssMbMax} MB`, `${r.cpuPercent} %`]),
      ]),
      '',
      `Per stream: min/median/max ${f.rates.min}/${f.rates.median}/${f.rates.max} lines/s (total ${f.rates.total} lines/s); longest silence of any stream ${f.maxGapMs} ms; ${f.starved.length} starved.`,
      '',
      ...markdownTargets(result.verdicts),
    ].join('\n');
  },
};
