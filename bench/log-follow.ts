// Log follow into a real browser page vs `docker logs -f`, same container, same run. A container
// on lab-4 writes numbered lines at about 50,000 a second; the bench measures the line rate that
// reaches (a) the docker CLI following the logs, and (b) a headless Chromium page showing the
// console's own log viewer (/containers/<host>/<container>/logs), then keeps the page following
// until 1,000,000 lines have reached it and reads its JS heap.
import { spawn } from 'node:child_process';
import type Dockerode from 'dockerode';
import { chromium, type Browser } from '@playwright/test';
import { CHROMIUM_LAUNCH } from '@/e2e/support/chromium.ts';
import { pause, type Benchmark } from './support/benchmark.ts';
import { trackChild } from './support/cleanup.ts';
import { startContainer, withEngineBench } from './support/engine-bench.ts';
import { readRssKb } from './support/proc.ts';
import { markdownTable, markdownTargets, round, textTable, type BenchResult } from './support/report.ts';
import { countNewlines, fastWriter, lastNumberAfter } from './support/streams-client.ts';

const NAME = 'log-follow';
const PER_TICK = 800;
const TICK_SECONDS = 0.01;
const WARMUP_MS = 5000;
const WINDOW_MS = 15_000;
const DELIVERED_TARGET = 1_000_000;
const DELIVERY_TIMEOUT_MS = 240_000;
const TARGET_RATIO = 0.5;
const TARGET_HEAP_MB = 300;

/** Counts, inside the page, the log lines its socket receives (every `logs:lines` frame). */
const PAGE_COUNTER = `(() => {
  const Native = window.WebSocket;
  const counts = { frames: 0, lines: 0, last: 0 };
  window.__wharfBench = counts;
  class CountingWebSocket extends Native {
    constructor(url, protocols) {
      super(url, protocols);
      this.addEventListener('message', (event) => {
        const data = event.data;
        if (typeof data !== 'string') return;
        const mark = data.indexOf('"logs:lines"');
        if (mark === -1 || mark > 40) return;
        let n = 0;
        for (let at = data.indexOf('"ts":"'); at !== -1; at = data.indexOf('"ts":"', at + 6)) n++;
        counts.frames++;
        counts.lines += n;
        const tail = data.lastIndexOf('"text":"line ');
        if (tail !== -1) counts.last = parseInt(data.slice(tail + 13, tail + 30), 10);
      });
    }
  }
  window.WebSocket = CountingWebSocket;
})();`;

type PageCounts = { frames: number; lines: number; last: number };

type Window = { lines: number; seconds: number; rate: number; writerRate: number; lagLinesAtEnd: number };

export type LogFollowFigures = {
  engineHost: string;
  writer: string;
  warmupSeconds: number;
  windowSeconds: number;
  rawBefore: Window;
  rawAfter: Window;
  rawRate: number;
  page: Window & { frames: number };
  ratio: number;
  delivered: { lines: number; seconds: number; reached: boolean };
  heap: { usedMbAtTarget: number; totalMbAtTarget: number; usedMbAfterGc: number | null; usedMbMaxSampled: number; samples: number };
  viewerStatus: string;
  consoleRssMbAtEnd: number | null;
};

const mb = (bytes: number) => round(bytes / 2 ** 20, 1);

/** The writer's newest line number, read from the engine (last line of its log). */
async function writerCount(docker: Dockerode, id: string): Promise<number> {
  const buf = (await docker.getContainer(id).logs({ stdout: true, tail: 1 })) as unknown as Buffer;
  return lastNumberAfter(buf.toString('latin1'), 'line') ?? 0;
}

/** `docker logs -f --tail 1000` in a child process; its stdout is counted here and dropped. */
async function rawFollow(socket: string, docker: Dockerode, id: string): Promise<Window> {
  const child = spawn('docker', ['--host', `unix://${socket}`, 'logs', '-f', '--tail', '1000', id], { stdio: ['ignore', 'pipe', 'pipe'] });
  trackChild(child);
  let lines = 0;
  let last = 0;
  let stderr = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    lines += countNewlines(chunk);
    const n = lastNumberAfter(chunk.subarray(Math.max(0, chunk.length - 200)).toString('latin1'), 'line');
    if (n !== null) last = n;
  });
  child.stderr!.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-2000)));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    await pause(WARMUP_MS);
    if (child.exitCode !== null) throw new Error(`docker logs -f exited early (${child.exitCode}): ${stderr}`);
    const w0 = await writerCount(docker, id);
    const a = lines;
    const t0 = performance.now();
    await pause(WINDOW_MS);
    const b = lines;
    const seconds = (performance.now() - t0) / 1000;
    const w1 = await writerCount(docker, id);
    if (b === a) throw new Error(`docker logs -f received nothing in ${WINDOW_MS / 1000} s: ${stderr}`);
    return { lines: b - a, seconds: round(seconds, 2), rate: Math.round((b - a) / seconds), writerRate: Math.round((w1 - w0) / seconds), lagLinesAtEnd: w1 - last };
  } finally {
    child.kill('SIGTERM');
    await Promise.race([exited, pause(5000)]);
  }
}

export const logFollow: Benchmark<LogFollowFigures> = {
  name: NAME,
  title: 'Log follow into a browser page',

  async run(ctx) {
    return withEngineBench(ctx, NAME, async ({ lab, engine, docker, hostId, con, log }) => {
      let browser: Browser | undefined;
      try {
        const writer = fastWriter(PER_TICK, TICK_SECONDS);
        const containerId = await startContainer(docker, { name: `wharf-bench-logs-${Date.now().toString(36)}`, image: lab.image, cmd: writer, label: NAME });
        log(`writer container ${containerId.slice(0, 12)} on ${engine.name}`);
        await pause(2000);

        log('baseline: docker logs -f');
        const rawBefore = await rawFollow(engine.socket, docker, containerId);
        log(`docker logs -f: ${rawBefore.rate} lines/s (writer ${rawBefore.writerRate} lines/s)`);

        browser = await chromium.launch(CHROMIUM_LAUNCH);
        const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
        const eq = con.cookie.indexOf('=');
        const [cookieName, cookieValue] = [con.cookie.slice(0, eq), con.cookie.slice(eq + 1)];
        await context.addCookies([{ name: cookieName, value: cookieValue, url: con.origin }]);
        await context.addInitScript({ content: PAGE_COUNTER });
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        const counts = async () => (await page.evaluate('window.__wharfBench')) as PageCounts;
        const heapUsed = async () => (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number; totalSize: number };

        const pageStarted = performance.now();
        await page.goto(`${con.origin}/containers/${hostId}/${containerId}/logs`, { waitUntil: 'load', timeout: 60_000 });
        const firstDeadline = performance.now() + 30_000;
        while ((await counts()).lines === 0) {
          if (performance.now() > firstDeadline) throw new Error(`no log line reached the page within 30 s (url ${page.url()})`);
          await pause(100);
        }
        log('page: first lines arrived');
        let heapMax = 0;
        let heapSamples = 0;
        const sampleHeap = async () => {
          const h = await heapUsed();
          heapMax = Math.max(heapMax, h.usedSize);
          heapSamples++;
          return h;
        };
        for (let t = 0; t < WARMUP_MS; t += 1000) {
          await pause(1000);
          await sampleHeap();
        }
        const w0 = await writerCount(docker, containerId);
        const c0 = await counts();
        const t0 = performance.now();
        for (let t = 0; t < WINDOW_MS; t += 1000) {
          await pause(1000);
          await sampleHeap();
        }
        const c1 = await counts();
        const seconds = (performance.now() - t0) / 1000;
        const w1 = await writerCount(docker, containerId);
        const pageWindow = { lines: c1.lines - c0.lines, seconds: round(seconds, 2), rate: Math.round((c1.lines - c0.lines) / seconds), writerRate: Math.round((w1 - w0) / seconds), lagLinesAtEnd: w1 - c1.last, frames: c1.frames - c0.frames };
        log(`page: ${pageWindow.rate} lines/s (writer ${pageWindow.writerRate} lines/s), ${pageWindow.lagLinesAtEnd} lines behind at the end of the window`);

        // On to 1,000,000 lines delivered.
        let reached = false;
        let current = c1;
        const deliveryDeadline = performance.now() + DELIVERY_TIMEOUT_MS;
        while (performance.now() < deliveryDeadline) {
          current = await counts();
          if (current.lines >= DELIVERED_TARGET) {
            reached = true;
            break;
          }
          await pause(1000);
          await sampleHeap();
        }
        const deliveredSeconds = (performance.now() - pageStarted) / 1000;
        const atTarget = await sampleHeap();
        log(`page: ${current.lines} lines delivered in ${Math.round(deliveredSeconds)} s; JS heap ${mb(atTarget.usedSize)} MB`);
        const viewerStatus = ((await page.getByRole('status').filter({ hasText: 'lines in view' }).first().textContent({ timeout: 5000 }).catch(() => null)) ?? '').trim();
        let afterGc: number | null = null;
        try {
          await cdp.send('HeapProfiler.collectGarbage');
          afterGc = (await heapUsed()).usedSize;
        } catch (error) {
          log(`could not collect garbage in the page: ${(error as Error).message}`);
        }
        const consoleRssKb = readRssKb(con.pid);
        await browser.close();
        browser = undefined;

        log('baseline again: docker logs -f');
        const rawAfter = await rawFollow(engine.socket, docker, containerId);
        log(`docker logs -f: ${rawAfter.rate} lines/s (writer ${rawAfter.writerRate} lines/s)`);

        const rawRate = Math.round((rawBefore.rate + rawAfter.rate) / 2);
        const ratio = round(pageWindow.rate / rawRate, 2);
        const figures: LogFollowFigures = {
          engineHost: engine.name,
          writer: `busybox awk: ${PER_TICK} numbered lines of ~60 bytes, flushed, then sleep ${TICK_SECONDS} s, forever`,
          warmupSeconds: WARMUP_MS / 1000,
          windowSeconds: WINDOW_MS / 1000,
          rawBefore,
          rawAfter,
          rawRate,
          page: pageWindow,
          ratio,
          delivered: { lines: current.lines, seconds: round(deliveredSeconds, 1), reached },
          heap: { usedMbAtTarget: mb(atTarget.usedSize), totalMbAtTarget: mb(atTarget.totalSize), usedMbAfterGc: afterGc === null ? null : mb(afterGc), usedMbMaxSampled: mb(heapMax), samples: heapSamples },
          viewerStatus,
          consoleRssMbAtEnd: consoleRssKb === null ? null : round(consoleRssKb / 1024, 1),
        };
        const notes: string[] = [];
        if (!reached) notes.push(`Only ${current.lines.toLocaleString('en-US')} lines reached the page within ${DELIVERY_TIMEOUT_MS / 1000} s: the heap figure is at that point, not at ${DELIVERED_TARGET.toLocaleString('en-US')}.`);
        if (Math.abs(rawBefore.rate - rawAfter.rate) / rawRate > 0.2) notes.push(`The two docker logs -f windows differed by more than 20 % (${rawBefore.rate} and ${rawAfter.rate} lines/s): the machine was noisy.`);
        return {
          figures,
          notes,
          verdicts: [
            { target: `page line rate ≥ ${TARGET_RATIO}× \`docker logs -f\`, same writer`, met: ratio >= TARGET_RATIO, measured: `${ratio}× (${pageWindow.rate} vs ${rawRate} lines/s; writer ${pageWindow.writerRate} lines/s)` },
            {
              target: `page JS heap ≤ ${TARGET_HEAP_MB} MB after ${DELIVERED_TARGET.toLocaleString('en-US')} lines`,
              met: reached && atTarget.usedSize / 2 ** 20 <= TARGET_HEAP_MB,
              measured: `${mb(atTarget.usedSize)} MB${reached ? '' : ` after only ${current.lines.toLocaleString('en-US')} lines`} (max sampled ${mb(heapMax)} MB)`,
            },
          ],
        };
      } finally {
        await browser?.close().catch(() => {});
      }
    });
  },

  printFigures({ figures: f }) {
    const row = (label: string, w: Window) => [label, `${w.rate} lines/s`, `${w.writerRate} lines/s`, w.lines, `${w.lagLinesAtEnd}`];
    return [
      textTable([['receiver', 'rate', 'writer rate', 'lines in window', 'lines behind at end'], row('docker logs -f (before)', f.rawBefore), row('browser page (log viewer)', f.page), row('docker logs -f (after)', f.rawAfter)]),
      '',
      `ratio page / docker logs -f: ${f.ratio}×   window ${f.windowSeconds} s after ${f.warmupSeconds} s warm-up on ${f.engineHost}`,
      `delivered ${f.delivered.lines} lines in ${f.delivered.seconds} s; JS heap then ${f.heap.usedMbAtTarget} MB used (${f.heap.totalMbAtTarget} MB allocated), ${f.heap.usedMbAfterGc ?? '—'} MB after a GC, max sampled ${f.heap.usedMbMaxSampled} MB`,
      `viewer status: "${f.viewerStatus}"   console RSS at the end: ${f.consoleRssMbAtEnd ?? '—'} MB`,
    ].join('\n');
  },

  markdown(result) {
    const f = result.figures;
    const row = (label: string, w: Window) => [label, `${w.rate.toLocaleString('en-US')} lines/s`, `${w.writerRate.toLocaleString('en-US')} lines/s`, w.lines.toLocaleString('en-US'), w.lagLinesAtEnd.toLocaleString('en-US')];
    return [
      '**What it measures.** How many log lines a second reach a browser page following a busy container in the console\'s own log viewer, against the docker CLI following the same container in the same run; and how much JS heap the page holds once 1,000,000 lines have reached it.',
      '',
      `**How.** A container on ${f.engineHost} (the only host of a production console in its own process) runs a writer (${f.writer}; default json-file log driver). Baseline: \`docker --host unix://<socket> logs -f --tail 1000 <id>\` in a child process whose stdout the bench counts (newlines) and drops, ${f.warmupSeconds} s of warm-up then a ${f.windowSeconds} s window; run once before and once after the page, and averaged. Page: headless Chromium (\`/usr/bin/chromium\`, the e2e launch flags) signed in by session cookie opens \`/containers/<host>/<container>/logs\` and follows (the viewer's default: last 1,000 lines then live). An init script wraps the page's \`WebSocket\` and counts, in the page, the log lines of every \`logs:lines\` frame the viewer's socket receives (and the newest line number); after the first lines, ${f.warmupSeconds} s of warm-up, then the same ${f.windowSeconds} s window. "Writer rate" is the writer's own progress over the window (its newest line number read from the engine at both ends); "lines behind" is the writer's newest line minus the receiver's newest at the end. The page then keeps following until ${DELIVERED_TARGET.toLocaleString('en-US')} lines have reached it (counted from the page load, including the first 1,000), and its heap is read over CDP (\`Runtime.getHeapUsage\`, sampled every second meanwhile), then again after \`HeapProfiler.collectGarbage\`. The container is force-removed at the end.`,
      '',
      markdownTable([['receiver', 'rate', 'writer rate', 'lines in window', 'lines behind at end'], row('`docker logs -f` (before)', f.rawBefore), row('Browser page (log viewer)', f.page), row('`docker logs -f` (after)', f.rawAfter)]),
      '',
      `- Page / \`docker logs -f\` (mean of both windows, ${f.rawRate.toLocaleString('en-US')} lines/s): **${f.ratio}×**. The page received ${f.page.frames} \`logs:lines\` frames in its window (batches of 50 ms).`,
      `- ${f.delivered.lines.toLocaleString('en-US')} lines reached the page ${f.delivered.seconds} s after it was opened${f.delivered.reached ? '' : ' (the target count was not reached in time)'}. JS heap then: **${f.heap.usedMbAtTarget} MB** used (${f.heap.totalMbAtTarget} MB allocated); ${f.heap.usedMbAfterGc ?? '—'} MB after a forced GC; the largest of ${f.heap.samples} samples during the run: ${f.heap.usedMbMaxSampled} MB.`,
      `- The viewer's status line at that point: "${f.viewerStatus}". Console RSS at the end (context): ${f.consoleRssMbAtEnd ?? '—'} MB.`,
      '',
      ...markdownTargets(result.verdicts),
    ].join('\n');
  },
};

export type LogFollowResult = BenchResult<LogFollowFigures>;
