// Terminal round trip: `echo` typed into a shell in a container and its output seen back, through
// Wharf (a socket.io client on the console's /streams namespace) vs an exec session attached
// directly to the engine through dockerode (hijacked stream), same container, same run,
// interleaved.
import type { Duplex } from 'node:stream';
import { pause, type Benchmark } from './support/benchmark.ts';
import { startContainer, withEngineBench } from './support/engine-bench.ts';
import { distribution, distributionRow, markdownTable, markdownTargets, percentile, round, textTable, type Distribution } from './support/report.ts';
import { connectStreams, request } from './support/streams-client.ts';

const NAME = 'exec-roundtrip';
const ROUNDS = 200;
const WARMUP = 20;
const ROUND_TIMEOUT_MS = 10_000;
const TARGET_P50_OVERHEAD_MS = 5;

export type ExecRoundTripFigures = {
  engineHost: string;
  rounds: number;
  warmup: number;
  wharf: Distribution;
  raw: Distribution;
  /** per pair: Wharf − raw */
  pairOverhead: Distribution;
  p50OverheadMs: number;
  p95OverheadMs: number;
  openMs: { wharf: number; raw: number };
};

/** A terminal seen from the bench: a way to type, and a hook for what comes out. */
type Terminal = { send(data: string): void; onData: ((text: string) => void) | null };

/** Types `echo <p>$((<n>))` and resolves with the ms until the line `<p><n>` comes back (the TTY's echo of the input does not match). */
function roundTrip(term: Terminal, prefix: string, n: number): Promise<number> {
  const expected = new RegExp(`(^|\\n)${prefix}${n}\\r?\\n`);
  return new Promise<number>((resolve, reject) => {
    let buffer = '';
    const timer = setTimeout(() => {
      term.onData = null;
      reject(new Error(`no "${prefix}${n}" within ${ROUND_TIMEOUT_MS / 1000} s; got ${JSON.stringify(buffer.slice(-200))}`));
    }, ROUND_TIMEOUT_MS);
    let t0 = 0;
    term.onData = (text) => {
      buffer += text;
      if (expected.test(buffer)) {
        const ms = performance.now() - t0;
        clearTimeout(timer);
        term.onData = null;
        resolve(ms);
      }
    };
    t0 = performance.now();
    term.send(`echo ${prefix}$((${n}))\n`);
  });
}

export const execRoundTrip: Benchmark<ExecRoundTripFigures> = {
  name: NAME,
  title: 'Terminal echo round trip',

  async run(ctx) {
    return withEngineBench(ctx, NAME, async ({ lab, engine, docker, hostId, con, log }) => {
      let rawStream: Duplex | undefined;
      try {
        const containerId = await startContainer(docker, { name: `wharf-bench-exec-${Date.now().toString(36)}`, image: lab.image, cmd: ['sleep', '3600'], label: NAME });

        // Through Wharf.
        const socket = await connectStreams(con);
        let t = performance.now();
        const { sessionId } = await request<{ sessionId: string }>(socket, 'exec:open', { hostId, containerId, shell: { kind: 'sh' }, cols: 80, rows: 24 });
        const wharfOpenMs = performance.now() - t;
        const wharf: Terminal = { send: (data) => socket.emit('exec:data', { sessionId, data }), onData: null };
        socket.on('exec:data', (m) => {
          if (m.sessionId === sessionId) wharf.onData?.(m.data);
        });
        socket.on('exec:exit', (m) => {
          if (m.sessionId === sessionId) log(`the Wharf terminal ended: ${m.reason}`);
        });

        // Directly: the same exec the console makes (sh, TTY, attached both ways, hijacked).
        t = performance.now();
        const exec = await docker.getContainer(containerId).exec({ Cmd: ['/bin/sh'], Tty: true, AttachStdin: true, AttachStdout: true, AttachStderr: true, Env: ['TERM=xterm-256color'] });
        rawStream = (await exec.start({ hijack: true, stdin: true, Tty: true })) as unknown as Duplex;
        await exec.resize({ h: 24, w: 80 }).catch(() => {});
        const rawOpenMs = performance.now() - t;
        const stream = rawStream;
        const raw: Terminal = { send: (data) => stream.write(data), onData: null };
        stream.on('data', (chunk: Buffer) => raw.onData?.(chunk.toString('utf8')));
        stream.on('error', (error) => log(`raw exec stream error: ${error.message}`));
        await pause(500); // prompts

        const wharfMs: number[] = [];
        const rawMs: number[] = [];
        const pairs: number[] = [];
        for (let i = 0; i < WARMUP + ROUNDS; i++) {
          // Alternate which goes first, so neither always runs right after the other.
          const w = i % 2 === 0 ? await roundTrip(wharf, 'w', i) : NaN;
          const r = await roundTrip(raw, 'd', i);
          const w2 = i % 2 === 1 ? await roundTrip(wharf, 'w', i) : w;
          if (i < WARMUP) continue;
          wharfMs.push(w2);
          rawMs.push(r);
          pairs.push(w2 - r);
          if ((i - WARMUP + 1) % 50 === 0) log(`${i - WARMUP + 1}/${ROUNDS} rounds`);
        }
        socket.emit('exec:close', { sessionId });

        const figures: ExecRoundTripFigures = {
          engineHost: engine.name,
          rounds: ROUNDS,
          warmup: WARMUP,
          wharf: distribution(wharfMs),
          raw: distribution(rawMs),
          pairOverhead: distribution(pairs),
          p50OverheadMs: round(percentile(wharfMs, 50) - percentile(rawMs, 50), 2),
          p95OverheadMs: round(percentile(wharfMs, 95) - percentile(rawMs, 95), 2),
          openMs: { wharf: round(wharfOpenMs, 1), raw: round(rawOpenMs, 1) },
        };
        return {
          figures,
          notes: [],
          verdicts: [{ target: `p50 overhead ≤ ${TARGET_P50_OVERHEAD_MS} ms over a direct \`docker exec\` session (${ROUNDS} echoes)`, met: figures.p50OverheadMs <= TARGET_P50_OVERHEAD_MS, measured: `${figures.p50OverheadMs} ms (p50 ${figures.wharf.p50} vs ${figures.raw.p50} ms; p95 ${figures.wharf.p95} vs ${figures.raw.p95} ms)` }],
        };
      } finally {
        rawStream?.destroy();
      }
    });
  },

  printFigures({ figures: f }) {
    return [
      textTable([['echo round trip', 'p50', 'p95', 'max', 'mean'], distributionRow('Wharf (socket.io /streams)', f.wharf), distributionRow('direct docker exec (hijacked)', f.raw), distributionRow('Wharf − direct, per pair', f.pairOverhead)]),
      '',
      `p50 overhead ${f.p50OverheadMs} ms, p95 overhead ${f.p95OverheadMs} ms   ${f.rounds} rounds (+${f.warmup} warm-up) on ${f.engineHost}   opening: Wharf ${f.openMs.wharf} ms, direct ${f.openMs.raw} ms`,
    ].join('\n');
  },

  markdown(result) {
    const f = result.figures;
    return [
      "**What it measures.** A keystroke round trip in a terminal: typing `echo` into a shell in a container and seeing its output come back, through the console's socket.io streams namespace against an exec session attached to the engine directly.",
      '',
      `**How.** A busybox container (\`sleep 3600\`) on ${f.engineHost}, the only host of a production console in its own process. Wharf: a socket.io client signed in as an administrator opens \`exec:open\` (\`sh\`, 80×24) on \`/streams\` (WebSocket transport, the console's Origin and session cookie) and sends keystrokes as \`exec:data\`. Direct: the same exec the console creates (\`/bin/sh\`, TTY, stdin attached, \`TERM=xterm-256color\`), started by dockerode with a hijacked stream from the bench process. Each round types \`echo w$((<i>))\` (resp. \`d\`) followed by a newline and stops the clock when the output line \`w<i>\` arrives (the TTY's echo of the typed text does not match). The two paths alternate, each going first every other round; ${f.warmup} unmeasured rounds first, then ${f.rounds}.`,
      '',
      markdownTable([['echo round trip', 'p50', 'p95', 'max', 'mean'], distributionRow('Wharf: socket.io client → console → engine → back', f.wharf), distributionRow('Direct: dockerode hijacked exec stream', f.raw), distributionRow('Wharf − direct, per round', f.pairOverhead)]),
      '',
      `- Overhead: **p50 ${f.p50OverheadMs} ms**, p95 ${f.p95OverheadMs} ms (difference of the percentiles).`,
      `- Opening the session took ${f.openMs.wharf} ms through Wharf (authorization, audit row, exec create, attach, resize) and ${f.openMs.raw} ms directly (not part of the round trip).`,
      '',
      ...markdownTargets(result.verdicts),
    ].join('\n');
  },
};
