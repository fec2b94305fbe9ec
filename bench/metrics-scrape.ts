// The cost of a Prometheus scrape of /metrics, as CPU of the console process at a 15 s scrape
// interval. One replica of the replica setup (its own port, not through the balancer): its CPU is
// sampled while idle, then while it answers SCRAPES scrapes one after another; the extra CPU time
// per scrape over the idle rate, divided by the interval, is the share a scraper adds.
import { pause, type Benchmark } from './support/benchmark.ts';
import { readStat, clockTicks } from './support/proc.ts';
import { withBenchReplicas } from './support/replicas.ts';
import { distribution, distributionRow, markdownTable, markdownTargets, round, textTable, type Distribution } from './support/report.ts';

const NAME = 'metrics-scrape';
const INTERVAL_S = 15;
const SCRAPES = 200;
const IDLE_MS = 30_000;
const SETTLE_MS = 10_000;
const TARGET_PERCENT = 1;

export type MetricsScrapeFigures = {
  scrapes: number;
  bytes: number;
  series: number;
  idleCpuPercent: number;
  scrapeCpuMs: number;
  latency: Distribution;
  percentAtInterval: number;
};

/** CPU seconds (utime + stime) of one process so far. */
function cpuSeconds(pid: number): number {
  const stat = readStat(pid);
  if (!stat) throw new Error(`process ${pid} is gone`);
  return (stat.utime + stat.stime) / clockTicks();
}

export const metricsScrape: Benchmark<MetricsScrapeFigures> = {
  name: NAME,
  title: '/metrics scrape cost',

  async run(ctx) {
    return withBenchReplicas(ctx, NAME, async (bench) => {
      const replica = bench.replicas[0];
      // A first scrape builds what later ones reuse; then let the start settle.
      const sample = await bench.metrics(replica);
      await pause(SETTLE_MS);

      const idleCpu0 = cpuSeconds(replica.pid);
      const idle0 = performance.now();
      await pause(IDLE_MS);
      const idleRate = (cpuSeconds(replica.pid) - idleCpu0) / ((performance.now() - idle0) / 1000);

      const latencies: number[] = [];
      const cpu0 = cpuSeconds(replica.pid);
      const t0 = performance.now();
      for (let i = 0; i < SCRAPES; i++) {
        const t = performance.now();
        await bench.metrics(replica);
        latencies.push(performance.now() - t);
      }
      const wall = (performance.now() - t0) / 1000;
      const used = cpuSeconds(replica.pid) - cpu0;
      const perScrape = Math.max(0, (used - idleRate * wall) / SCRAPES);
      const percent = (perScrape / INTERVAL_S) * 100;
      const figures: MetricsScrapeFigures = {
        scrapes: SCRAPES,
        bytes: Buffer.byteLength(sample),
        series: sample.split('\n').filter((line) => line && !line.startsWith('#')).length,
        idleCpuPercent: round(idleRate * 100, 2),
        scrapeCpuMs: round(perScrape * 1000, 2),
        latency: distribution(latencies),
        percentAtInterval: round(percent, 3),
      };
      return {
        figures,
        verdicts: [{ target: `a /metrics scrape every ${INTERVAL_S} s adds ≤ ${TARGET_PERCENT} % CPU of the process`, met: percent <= TARGET_PERCENT, measured: `${figures.percentAtInterval} % (${figures.scrapeCpuMs} ms of CPU a scrape)` }],
        notes: [],
      };
    });
  },

  printFigures({ figures: f }) {
    return textTable([
      ['', 'p50', 'p95', 'max', 'mean'],
      distributionRow('scrape answered', f.latency),
    ]) + `\n${f.scrapes} scrapes of ${f.bytes} bytes (${f.series} series): ${f.scrapeCpuMs} ms CPU each over idle (${f.idleCpuPercent} %) → ${f.percentAtInterval} % at one every ${INTERVAL_S} s`;
  },

  markdown(result) {
    const f = result.figures;
    return [
      '**What it measures.** What a Prometheus server scraping `/metrics` costs the console.',
      '',
      `**How.** One replica of the [failover](#failover) setup (a production console with one engine attached and no browser connected), asked on its own port with its bearer token. Its CPU (utime+stime of the process, \`/proc/<pid>/stat\`) is read over ${IDLE_MS / 1000} s idle, then over ${f.scrapes} scrapes one after another; the CPU above the idle rate, divided by the scrapes, is one scrape's cost, and that cost over ${INTERVAL_S} s is the share at Prometheus' usual interval.`,
      '',
      markdownTable([
        ['', 'p50', 'p95', 'max', 'mean'],
        distributionRow('scrape answered', f.latency),
      ]),
      '',
      `An answer: ${f.bytes} bytes, ${f.series} series. Idle CPU ${f.idleCpuPercent} % of a core; a scrape ${f.scrapeCpuMs} ms of CPU above it; at one scrape every ${INTERVAL_S} s: **${f.percentAtInterval} %**.`,
      '',
      ...markdownTargets(result.verdicts),
    ].join('\n');
  },
};
