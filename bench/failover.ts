// Failover: two console replicas behind the lab's haproxy; a socket.io client through the balancer
// follows a container's logs (a numbered line every 100 ms on lab-4) the way the log viewer does —
// the browser's reconnection settings, and after a reconnect it follows again from the last line's
// time, dropping lines it already has. Ten times: the replica holding the stream (found by its own
// /metrics) is killed with SIGKILL, the time until the client receives a line over its new
// connection is taken, and the killed replica is started again on its port before the next kill.
import { pause, type Benchmark } from './support/benchmark.ts';
import { startContainer } from './support/engine-bench.ts';
import { metricValue, withBenchReplicas, type BenchReplicas } from './support/replicas.ts';
import { distribution, distributionRow, markdownTable, markdownTargets, percentile, round, textTable, type Distribution } from './support/report.ts';
import { lastNumberAfter, paced, request } from './support/streams-client.ts';
import type { LogLine } from '@/lib/realtime/stream-protocol.ts';

const NAME = 'failover';
const KILLS = 10;
const TARGET_P95_MS = 5000;
const RECOVERY_DEADLINE_MS = 60_000;
const PER_TICK = 1;
const TICK_SECONDS = 0.1;

type Kill = { killed: string; toReconnectMs: number; toLinesMs: number; restartMs: number };

export type FailoverFigures = {
  engineHost: string;
  writer: string;
  kills: Kill[];
  linesAgain: Distribution;
  reconnected: Distribution;
  restart: Distribution;
  /** Lines missing or repeated in what the client kept, over all the kills */
  missing: number;
  repeated: number;
  linesReceived: number;
};

async function servingReplica(bench: BenchReplicas) {
  const deadline = Date.now() + 30_000;
  for (;;) {
    const counts = await Promise.all(bench.replicas.map(async (r) => metricValue(await bench.metrics(r), 'wharf_streams_open{kind="logs"}')));
    const holding = bench.replicas.filter((_, i) => counts[i] > 0);
    if (holding.length === 1) return holding[0];
    if (Date.now() > deadline) throw new Error(`no single replica holds the log stream (counts ${counts.join(', ')})`);
    await pause(100);
  }
}

export const failover: Benchmark<FailoverFigures> = {
  name: NAME,
  title: 'Failover: killing the replica serving a log stream',

  async run(ctx) {
    return withBenchReplicas(ctx, NAME, async (bench) => {
      const { docker, lab, engine, hostId, log } = bench;
      const containerId = await startContainer(docker, { name: `wharf-bench-failover-${Date.now().toString(36)}`, image: lab.image, cmd: paced('tick', PER_TICK, TICK_SECONDS), label: NAME });
      const socket = await bench.connectStreams();
      let connections = 1;
      let connectedAt = performance.now();
      let last: { n: number; ts: string } | null = null;
      let lineAt = { connection: 0, at: 0 };
      let missing = 0;
      let repeated = 0;
      let received = 0;
      const source = { kind: 'container', hostId, containerId };
      const follow = () => request<{ streamId: string }>(socket, 'logs:follow', { source, stdout: true, stderr: true, ...(last ? { since: last.ts } : { tail: 0 }) });
      socket.on('logs:lines', (m: { lines: LogLine[] }) => {
        for (const line of m.lines) {
          const n = lastNumberAfter(line.text, 'tick');
          if (n === null) continue;
          if (last && n <= last.n) {
            // The follow after a reconnect starts at the last line's time: those lines are had already.
            if (n < last.n) repeated++;
            continue;
          }
          if (last && n > last.n + 1) missing += n - last.n - 1;
          last = { n, ts: line.ts };
          received++;
          if (lineAt.connection !== connections) lineAt = { connection: connections, at: performance.now() };
        }
      });
      // connectStreams resolved on the first connection: every 'connect' from here on is a reconnection.
      socket.on('connect', () => {
        connections++;
        connectedAt = performance.now();
        void follow().catch((error: Error) => log(`follow after reconnect: ${error.message}`));
      });
      await follow();
      const waitFor = async (what: string, done: () => boolean) => {
        const deadline = performance.now() + RECOVERY_DEADLINE_MS;
        while (!done()) {
          if (performance.now() > deadline) throw new Error(`${what} did not happen within ${RECOVERY_DEADLINE_MS / 1000} s`);
          await pause(10);
        }
      };
      await waitFor('a first line', () => received > 0);

      const kills: Kill[] = [];
      for (let i = 0; i < KILLS; i++) {
        const serving = await servingReplica(bench);
        const before = connections;
        const t0 = performance.now();
        serving.child.kill('SIGKILL');
        await waitFor('a line over a new connection', () => connections > before && lineAt.connection === connections);
        const kill: Kill = { killed: serving.name, toReconnectMs: round(connectedAt - t0, 1), toLinesMs: round(lineAt.at - t0, 1), restartMs: 0 };
        await serving.exited;
        const t1 = performance.now();
        await bench.restart(serving.name);
        kill.restartMs = round(performance.now() - t1, 0);
        kills.push(kill);
        log(`kill ${i + 1}/${KILLS} (${serving.name}): lines again after ${kill.toLinesMs} ms (reconnected after ${kill.toReconnectMs} ms); restarted in ${kill.restartMs} ms`);
      }
      socket.disconnect();
      const linesAgain = distribution(kills.map((k) => k.toLinesMs));
      const p95 = percentile(kills.map((k) => k.toLinesMs), 95);
      const figures: FailoverFigures = {
        engineHost: engine.name,
        writer: `busybox awk: a numbered line, flushed, then sleep ${TICK_SECONDS} s, forever (about ${Math.round(PER_TICK / TICK_SECONDS)} lines/s)`,
        kills,
        linesAgain,
        reconnected: distribution(kills.map((k) => k.toReconnectMs)),
        restart: distribution(kills.map((k) => k.restartMs)),
        missing,
        repeated,
        linesReceived: received,
      };
      return {
        figures,
        verdicts: [
          { target: `p95 from killing the serving replica to live lines again ≤ ${TARGET_P95_MS / 1000} s over ${KILLS} kills`, met: p95 <= TARGET_P95_MS, measured: `p95 ${p95} ms (p50 ${linesAgain.p50} ms, max ${linesAgain.max} ms)` },
          { target: 'no line missing or repeated across the kills', met: missing === 0 && repeated === 0, measured: `${missing} missing, ${repeated} repeated of ${received} lines` },
        ],
        notes: [],
      };
    });
  },

  printFigures({ figures: f }) {
    return textTable([
      ['', 'p50', 'p95', 'max', 'mean'],
      distributionRow('kill → live lines again', f.linesAgain),
      distributionRow('kill → reconnected', f.reconnected),
      distributionRow('replica restart (to balancer up)', f.restart),
    ]) + `\nlines: ${f.linesReceived} received, ${f.missing} missing, ${f.repeated} repeated`;
  },

  markdown(result) {
    const f = result.figures;
    return [
      '**What it measures.** How long a live log stream is interrupted when the replica serving it dies, with two replicas behind a load balancer.',
      '',
      `**How.** Two production console replicas (processes of their own, \`tests/support/replica-process.ts\`) on one database, behind the lab's haproxy (\`scripts/lab/balancer.ts\`: round robin, checks on \`/readyz\` every second, a refused connection retried on the other replica), with ${f.engineHost} as their one host. A socket.io client connects through the balancer as a signed-in administrator with the browser's reconnection settings and follows a container writing ${f.writer}; after a reconnect it follows again from the last line's time and drops the lines it already has, as the log viewer does. ${KILLS} times: the replica holding the stream (its own \`/metrics\`, \`wharf_streams_open{kind="logs"}\`) is killed with SIGKILL; the time to the first line over the new connection is taken; the killed replica is started again on its port and the next kill waits for the balancer to see it up.`,
      '',
      markdownTable([
        ['', 'p50', 'p95', 'max', 'mean'],
        distributionRow('kill → live lines again', f.linesAgain),
        distributionRow('kill → reconnected', f.reconnected),
        distributionRow('replica restart (to balancer up)', f.restart),
      ]),
      '',
      `Lines: ${f.linesReceived} received, ${f.missing} missing, ${f.repeated} repeated. Per kill (ms to lines again): ${f.kills.map((k) => k.toLinesMs).join(', ')}.`,
      '',
      "Most of the interruption is socket.io's reconnection delay (its default, which the browser uses: 1 s ± 50 % before the first attempt); that attempt reaches the survivor even before haproxy's checks have marked the dead replica down (two failed checks a second apart), because a refused connection is tried again on another server (`option redispatch`). Following again from the last line's time then takes well under 100 ms. The replica restart (a new process, ready, then two good checks) is not part of the interruption.",
      '',
      ...markdownTargets(result.verdicts),
    ].join('\n');
  },
};
