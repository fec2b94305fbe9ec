// Containers across 20 hosts, 2,000 containers in all (issue 17): the console's list (every host read
// in parallel, rows filtered and shaped) against the engines' own lists measured in the same run.
// The engines share this machine's 2 cores, so the baseline is what they answer when all 20 are
// asked at once, as the console asks them: the slowest one's time (the wall time of a raw fan-out);
// each engine asked alone is reported too.
import Dockerode from 'dockerode';
import { labUp } from '@/scripts/lab/index.ts';
import type { Benchmark } from './support/benchmark.ts';
import { onCleanup } from './support/cleanup.ts';
import { startBenchConsole } from './support/console.ts';
import { BENCH_LABEL, removeLabelled } from './support/engine-bench.ts';
import { markdownTable, markdownTargets, round, textTable, type BenchResult } from './support/report.ts';
import { measureRotating, median, timedGet, type PathFigures } from './support/swarm.ts';

const NAME = 'containers-listing';
const FIRST_ENGINE = 3; // lab-4 on: lab-1..3 belong to the test suite
const ENGINES = 20;
const PER_ENGINE = 100;
const RUNNING_PER_ENGINE = 10;
const WARMUP_ROUNDS = 3;
const ROUNDS = 15;
const TARGET_RATIO = 1.3;
const TARGET_SLACK_MS = 50;

const PATHS = ['wharf', 'raw fan-out'] as const;
type PathName = (typeof PATHS)[number];

export type ContainersListingFigures = {
  engines: number;
  containers: number;
  running: number;
  listed: number;
  paths: Record<PathName, PathFigures>;
  /** Each engine's list asked alone (median per engine): the slowest and the median of those. */
  aloneMs: { slowest: number; median: number };
  /** wharf median / (raw fan-out median), and the target's bound in ms. */
  ratio: number;
  boundMs: number;
};

/** Creates `count` containers labelled for the bench on one engine (`running` of them started), 4 at a time. */
async function fill(docker: Dockerode, engine: number, image: string, count: number, running: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const n = next++;
      const container = await docker.createContainer({ name: `${NAME}-${engine}-${n}`, Image: image, Cmd: ['sleep', '3600'], Labels: { [BENCH_LABEL]: NAME, tier: 'bench' }, StopTimeout: 1, HostConfig: { NetworkMode: 'none' } });
      if (n < running) await container.start();
    }
  };
  await Promise.all(Array.from({ length: 4 }, worker));
}

export const containersListing: Benchmark<ContainersListingFigures> = {
  name: NAME,
  title: 'Containers across 20 hosts, 2,000 containers',

  async run({ pg, log }) {
    const lab = await labUp({ hosts: FIRST_ENGINE + ENGINES });
    const engines = lab.hosts.slice(FIRST_ENGINE, FIRST_ENGINE + ENGINES);
    const dockers = engines.map((e) => new Dockerode({ socketPath: e.socket }));
    await Promise.all(dockers.map((d) => removeLabelled(d, NAME)));
    // Removed at the end, or by the runner's clean-up if the run is interrupted.
    const undoContainers = onCleanup(`${NAME} containers`, async () => void (await Promise.all(dockers.map((d) => removeLabelled(d, NAME)))));
    const con = await startBenchConsole({ pg, name: NAME.replaceAll('-', '_'), hosts: engines, log });
    try {
      const t = performance.now();
      await Promise.all(dockers.map((d, i) => fill(d, i, lab.image, PER_ENGINE, RUNNING_PER_ENGINE)));
      log(`${ENGINES * PER_ENGINE} containers on ${ENGINES} engines in ${Math.round((performance.now() - t) / 1000)} s`);
      await con.waitHostsUp();

      let listed = 0;
      const measure: Record<PathName, () => Promise<number>> = {
        wharf: async () => {
          const { body, ms } = await timedGet<{ containers: unknown[] }>(con.origin, con.cookie, '/api/containers');
          listed = body.containers.length;
          return ms;
        },
        'raw fan-out': async () => {
          const t0 = performance.now();
          await Promise.all(dockers.map((d) => d.listContainers({ all: true })));
          return performance.now() - t0;
        },
      };
      const paths = await measureRotating(PATHS, measure, WARMUP_ROUNDS, ROUNDS);
      if (listed < ENGINES * PER_ENGINE) throw new Error(`the console listed ${listed} containers, expected at least ${ENGINES * PER_ENGINE}`);

      const alone: number[] = [];
      for (const docker of dockers) {
        const samples: number[] = [];
        for (let r = 0; r < 5; r++) {
          const t0 = performance.now();
          await docker.listContainers({ all: true });
          samples.push(performance.now() - t0);
        }
        alone.push(median(samples));
      }
      const boundMs = round(TARGET_RATIO * paths['raw fan-out'].median + TARGET_SLACK_MS, 1);
      const figures: ContainersListingFigures = {
        engines: ENGINES,
        containers: ENGINES * PER_ENGINE,
        running: ENGINES * RUNNING_PER_ENGINE,
        listed,
        paths,
        aloneMs: { slowest: round(Math.max(...alone), 1), median: round(median(alone), 1) },
        ratio: round(paths.wharf.median / paths['raw fan-out'].median, 2),
        boundMs,
      };
      return {
        figures,
        notes: [],
        verdicts: [
          {
            target: `list ≤ ${TARGET_RATIO}× the slowest engine's own list (all asked at once) + ${TARGET_SLACK_MS} ms (${ENGINES} hosts, ${ENGINES * PER_ENGINE} containers)`,
            met: paths.wharf.median <= boundMs,
            measured: `${paths.wharf.median} ms against a bound of ${boundMs} ms (raw fan-out ${paths['raw fan-out'].median} ms; ${figures.ratio}×)`,
          },
        ],
      };
    } finally {
      await con.stop();
      await Promise.all(dockers.map((d) => removeLabelled(d, NAME)));
      undoContainers();
    }
  },

  printFigures({ figures: f }) {
    return [
      textTable([
        ['path', 'median ms', 'p90', 'min', 'max'],
        ...PATHS.map((p) => [p, f.paths[p].median, f.paths[p].p90, f.paths[p].min, f.paths[p].max]),
      ]),
      `each engine alone: slowest ${f.aloneMs.slowest} ms, median ${f.aloneMs.median} ms; the console listed ${f.listed} containers`,
    ].join('\n');
  },

  markdown(result: BenchResult<ContainersListingFigures>) {
    const f = result.figures;
    return [
      '**What it measures.** The containers table across every host: how long the console takes to list 2,000 containers on 20 hosts, against the engines\' own lists in the same run.',
      '',
      `**How.** lab-4..lab-${FIRST_ENGINE + f.engines} (${f.engines} engines) are attached to a production console as unix-socket hosts. Each engine holds ${f.containers / f.engines} containers of the lab image labelled for the bench (${f.running / f.engines} running, the rest created), ${f.containers} in all. After ${WARMUP_ROUNDS} unmeasured rounds, ${ROUNDS} rounds in rotating order: **wharf** = \`GET /api/containers\` with the administrator's session (what the Containers page asks: every host read in parallel, each row filtered by the grants and shaped for the table, owners and swarms looked up); **raw fan-out** = \`GET /containers/json?all=1\` on all ${f.engines} engines at once through dockerode, timed until the last answers. The engines share this machine's 2 cores, so their answers when all are asked at once (as the console asks them) are the baseline: the raw fan-out's time is the slowest engine's. Each engine asked alone (5 times, median) is shown for context.`,
      '',
      markdownTable([
        ['path', 'median', 'p90', 'min – max'],
        ...PATHS.map((p) => [p, `${f.paths[p].median} ms`, `${f.paths[p].p90} ms`, `${f.paths[p].min} – ${f.paths[p].max} ms`]),
      ]),
      '',
      `- Each engine alone: the slowest ${f.aloneMs.slowest} ms, the median ${f.aloneMs.median} ms. The console listed ${f.listed} containers.`,
      `- Wharf / raw fan-out: **${f.ratio}×**.`,
      `- Read against each engine asked alone instead, the bound would be ${round(TARGET_RATIO * f.aloneMs.slowest + TARGET_SLACK_MS, 1)} ms (1.3 × ${f.aloneMs.slowest} + 50), which ${f.paths.wharf.median <= TARGET_RATIO * f.aloneMs.slowest + TARGET_SLACK_MS ? 'is met too' : 'is not met here'}: on this machine the 20 engines share 2 cores with the console, so asking all of them at once (as the console must) is itself ${round(f.paths['raw fan-out'].median / f.aloneMs.slowest, 1)}× slower than the slowest engine alone. On hosts of their own, engines answer in parallel.`,
      '',
      ...markdownTargets(result.verdicts),
    ].join('\n');
  },
};
