// Engine event → socket.io client latency. Containers are started one at a time on lab-1; for
// each container's `start` event we note when it reaches (a) a socket.io client of a console that
// watches lab-1..lab-3 and (b) a raw /events stream the bench reads from lab-1's socket itself,
// both measured from the event's own timeNano, in the same run.
import type { Readable } from 'node:stream';
import Dockerode from 'dockerode';
import type { EngineEventMessage } from '@/lib/realtime/protocol.ts';
import { EventLineDecoder } from '@/lib/services/inventory/engine-events.ts';
import { labUp } from '@/scripts/lab/index.ts';
import { nowMs, timeNanoToMs, type Benchmark } from './support/benchmark.ts';
import { onCleanup } from './support/cleanup.ts';
import { startBenchConsole } from './support/console.ts';
import { BENCH_LABEL, removeLabelled } from './support/engine-bench.ts';
import { distribution, distributionRow, markdownTable, markdownTargets, percentile, round, textTable, type Distribution } from './support/report.ts';

const EVENTS = 200;
const WARMUP = 5;
const EVENT_TIMEOUT_MS = 10_000;
const FIRST_EVENT_TIMEOUT_MS = 20_000;
const TARGET_P95_MS = 1000;
const NAME = 'event-latency';
const IMAGE = 'local/busybox:latest';

export type EventLatencyFigures = {
  events: number;
  warmup: number;
  engineHost: string;
  hostsAttached: number;
  wharf: Distribution;
  raw: Distribution;
  /** per event: Wharf arrival − raw arrival */
  overhead: Distribution;
  p95Ratio: number;
  p95OverheadMs: number;
  lost: { wharf: number; raw: number };
  timeNanoMismatches: number;
  createAndStartMs: Distribution;
  hostsUpAfterMs: number;
  otherEngineEventsSeen: number;
  /** host:facts messages the client received while the measured containers started */
  factsMessages: number;
};

type Arrival = { at: number; timeNano: string };

export const eventLatency: Benchmark<EventLatencyFigures> = {
  name: NAME,
  title: 'Engine event → browser latency',

  async run({ pg, log }) {
    const lab = await labUp();
    const hosts = lab.hosts.slice(0, 3);
    const engine = hosts[0];
    const docker = new Dockerode({ socketPath: engine.socket });
    const leftovers = await removeLabelled(docker, NAME);
    if (leftovers) log(`removed ${leftovers} containers left by an earlier run`);
    const undoContainers = onCleanup('benchmark containers', async () => {
      const n = await removeLabelled(docker, NAME);
      log(`removed ${n} benchmark containers from ${engine.name}`);
    });

    const wharf = new Map<string, Arrival>();
    const raw = new Map<string, Arrival>();
    const waiting = new Map<string, () => void>();
    const notify = (id: string) => waiting.get(id)?.();
    let otherEvents = 0;

    const con = await startBenchConsole({ pg, name: 'event_latency', hosts, log });
    let rawStream: Readable | undefined;
    try {
      const hostsUpAfterMs = await con.waitHostsUp();
      log(`all ${hosts.length} hosts up ${Math.round(hostsUpAfterMs)} ms after the console was ready`);
      const engineHostId = con.hosts[0].id;

      const socket = await con.connectSocket();
      socket.on('engine:event', (message: EngineEventMessage) => {
        const at = nowMs();
        const { event } = message;
        if (message.hostId === engineHostId && event.type === 'container' && event.action === 'start') {
          wharf.set(event.id, { at, timeNano: event.timeNano });
          notify(event.id);
        } else {
          otherEvents++;
        }
      });

      // The baseline: the same engine's /events, read directly, decoded by the console's own decoder.
      let factsMessages = 0;
      let countFacts = false;
      socket.on('host:facts', () => {
        if (countFacts) factsMessages++;
      });

      rawStream = (await docker.getEvents({})) as unknown as Readable;
      const decoder = new EventLineDecoder();
      rawStream.on('data', (chunk: Buffer) => {
        const at = nowMs();
        for (const event of decoder.push(chunk)) {
          if (event.type === 'container' && event.action === 'start') {
            raw.set(event.id, { at, timeNano: event.timeNano });
            notify(event.id);
          }
        }
      });
      rawStream.on('error', (error) => log(`raw event stream error: ${error.message}`));

      const wharfMs: number[] = [];
      const rawMs: number[] = [];
      const overheadMs: number[] = [];
      const startMs: number[] = [];
      const lost = { wharf: 0, raw: 0 };
      let mismatches = 0;
      const runId = Date.now().toString(36);

      for (let i = 0; i < WARMUP + EVENTS; i++) {
        const measured = i >= WARMUP;
        if (i === WARMUP) countFacts = true;
        const t0 = nowMs();
        const container = await docker.createContainer({
          name: `wharf-bench-${runId}-${i}`,
          Image: IMAGE,
          Cmd: ['sleep', '300'],
          Labels: { [BENCH_LABEL]: NAME },
          HostConfig: { NetworkMode: 'none' },
        });
        await container.start();
        startMs.push(nowMs() - t0);
        const id = container.id;
        const timeout = i === 0 ? FIRST_EVENT_TIMEOUT_MS : EVENT_TIMEOUT_MS;
        await new Promise<void>((resolve) => {
          const done = () => {
            if (wharf.has(id) && raw.has(id)) finish();
          };
          const timer = setTimeout(() => finish(), timeout);
          const finish = () => {
            clearTimeout(timer);
            waiting.delete(id);
            resolve();
          };
          waiting.set(id, done);
          done();
        });
        const w = wharf.get(id);
        const r = raw.get(id);
        if (i === 0 && !w) throw new Error(`the first container start on ${engine.name} did not reach the socket.io client within ${timeout / 1000} s (raw stream: ${r ? 'seen' : 'not seen'})`);
        if (!measured) continue;
        if (!w) lost.wharf++;
        if (!r) lost.raw++;
        // A lost event counts as the timeout: a lower bound that keeps it in the percentiles.
        const stamp = timeNanoToMs((r ?? w)?.timeNano ?? '0');
        wharfMs.push(w ? w.at - stamp : EVENT_TIMEOUT_MS);
        rawMs.push(r ? r.at - stamp : EVENT_TIMEOUT_MS);
        if (w && r) {
          overheadMs.push(w.at - r.at);
          if (w.timeNano !== r.timeNano) mismatches++;
        }
        if ((i - WARMUP + 1) % 50 === 0) log(`${i - WARMUP + 1}/${EVENTS} events`);
      }

      const figures: EventLatencyFigures = {
        events: EVENTS,
        warmup: WARMUP,
        engineHost: engine.name,
        hostsAttached: hosts.length,
        wharf: distribution(wharfMs),
        raw: distribution(rawMs),
        overhead: distribution(overheadMs),
        p95Ratio: round(percentile(wharfMs, 95) / percentile(rawMs, 95), 2),
        p95OverheadMs: round(percentile(wharfMs, 95) - percentile(rawMs, 95), 2),
        lost,
        timeNanoMismatches: mismatches,
        createAndStartMs: distribution(startMs),
        hostsUpAfterMs: Math.round(hostsUpAfterMs),
        otherEngineEventsSeen: otherEvents,
        factsMessages,
      };
      const notes: string[] = [];
      if (lost.wharf || lost.raw) notes.push(`${lost.wharf} events never reached the socket.io client and ${lost.raw} never reached the raw stream within ${EVENT_TIMEOUT_MS / 1000} s; they count as ${EVENT_TIMEOUT_MS} ms.`);
      if (mismatches) notes.push(`${mismatches} events carried a different timeNano through Wharf than on the raw stream.`);
      return {
        figures,
        notes,
        verdicts: [{ target: `Wharf p95 ≤ ${TARGET_P95_MS} ms over ${EVENTS} events`, met: percentile(wharfMs, 95) <= TARGET_P95_MS, measured: `p95 ${figures.wharf.p95} ms` }],
      };
    } finally {
      rawStream?.removeAllListeners('data');
      rawStream?.destroy();
      await con.stop();
      undoContainers();
      const n = await removeLabelled(docker, NAME);
      log(`removed ${n} benchmark containers from ${engine.name}`);
    }
  },

  printFigures({ figures: f }) {
    const row = (label: string, d: Distribution) => distributionRow(label, d, false);
    return [
      textTable([
        ['path (engine timeNano → arrival)', 'p50', 'p95', 'max'],
        row('Wharf: engine → console → socket.io client', f.wharf),
        row('raw: engine → /events stream in the bench', f.raw),
        row('Wharf − raw, per event', f.overhead),
      ]),
      '',
      `p95 ratio Wharf/raw: ${f.p95Ratio}×   p95 overhead: ${f.p95OverheadMs} ms   events: ${f.events} (+${f.warmup} warm-up) on ${f.engineHost}, console watching ${f.hostsAttached} engines`,
      `lost: Wharf ${f.lost.wharf}, raw ${f.lost.raw}   timeNano mismatches: ${f.timeNanoMismatches}   create+start per container: p50 ${f.createAndStartMs.p50} ms, p95 ${f.createAndStartMs.p95} ms`,
    ].join('\n');
  },

  markdown(result) {
    const f = result.figures;
    return [
      '**What it measures.** The time from an engine event (a container started on a lab host) to its arrival in a connected socket.io client: the path a browser sees for live updates.',
      '',
      `**How.** A production console (a separate process, started by \`bench/support/console-process.ts\`) watches lab-1..lab-3 over their unix sockets. The bench connects a socket.io client as a signed-in administrator (WebSocket transport, the console's Origin and session cookie) and, as the baseline, opens its own \`/events\` stream on ${f.engineHost}'s socket, decoded by the console's own \`EventLineDecoder\`. It then creates and starts ${f.events} containers (\`${IMAGE}\` running \`sleep 300\`, network none) on ${f.engineHost} one after another, after ${f.warmup} unmeasured warm-up starts; for each container's \`start\` event it records when the event reached each receiver, minus the event's own \`timeNano\` (same machine, same clock). The next container starts only after both receivers have the previous event (or ${EVENT_TIMEOUT_MS / 1000} s passed: the event then counts as lost, at ${EVENT_TIMEOUT_MS} ms), so container creation speed does not queue events. The containers are force-removed at the end.`,
      '',
      markdownTable([['path (engine timeNano → arrival)', 'p50', 'p95', 'max', 'mean'], distributionRow('Wharf: engine → console → socket.io client', f.wharf), distributionRow('Raw: engine → `/events` stream in the bench', f.raw), distributionRow('Wharf − raw, per event', f.overhead)]),
      '',
      `- Wharf p95 / raw p95: **${f.p95Ratio}×**; p95 overhead **${f.p95OverheadMs} ms**.`,
      `- Lost events: Wharf ${f.lost.wharf}, raw ${f.lost.raw}. Events whose \`timeNano\` differed between the two paths: ${f.timeNanoMismatches}.`,
      `- Creating and starting one container took p50 ${f.createAndStartMs.p50} ms, p95 ${f.createAndStartMs.p95} ms (not part of the latency).`,
      `- The console refreshed and sent the host's facts ${f.factsMessages} times during the ${f.events} measured starts (a facts read is debounced 250 ms after each container event).`,
      `- All ${f.hostsAttached} hosts were up ${f.hostsUpAfterMs} ms after the console was ready. Other engine events the client received meanwhile (create, and anything else happening on lab-1..3): ${f.otherEngineEventsSeen}.`,
      '',
      ...markdownTargets(result.verdicts),
    ].join('\n');
  },
};
