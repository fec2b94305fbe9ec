// The services list and a stack's detail at scale (issue 5): 1,000 services and 5,000 tasks on a
// lab swarm; the console's reads against the raw engine API, `docker service ls` and
// `docker stack ps`, measured in the same run in rotating order.
import type Dockerode from 'dockerode';
import type { Benchmark } from './support/benchmark.ts';
import { BENCH_LABEL as LABEL } from './support/engine-bench.ts';
import { markdownTable, markdownTargets, round, textTable, type BenchResult } from './support/report.ts';
import { measureRotating, timedDocker, timedGet, until, withSwarmBench, type PathFigures } from './support/swarm.ts';

const ENGINES = 3;
const SERVICES = 1000;
const STACK_SERVICES = 200;
const REPLICAS = 5;
const STACK = 'big';
const WARMUP_ROUNDS = 2;
const ROUNDS = 12;
const TARGET_RATIO = 1.5;
const TARGET_PAGE_MS = 1000;

type PathName = 'wharf services' | 'raw services' | 'docker service ls' | 'wharf stack' | 'raw stack' | 'docker stack ps';
const PATHS: PathName[] = ['wharf services', 'raw services', 'docker service ls', 'wharf stack', 'raw stack', 'docker stack ps'];

export type ServicesListingFigures = {
  engines: number;
  services: number;
  tasks: number;
  stackServices: number;
  stackTasks: number;
  setupSeconds: number;
  rounds: number;
  warmupRounds: number;
  counts: { wharfServices: number; cliServices: number; wharfStackServices: number; wharfStackTasksShown: number; cliStackTasks: number };
  paths: Record<PathName, PathFigures>;
  ratios: { servicesToRaw: number; servicesToCli: number; stackToRaw: number; stackToCli: number };
};

async function createServices(docker: Dockerode, image: string): Promise<void> {
  const specs = Array.from({ length: SERVICES }, (_, i) => {
    const inStack = i < STACK_SERVICES;
    const name = inStack ? `${STACK}_s${String(i).padStart(4, '0')}` : `solo-${String(i).padStart(4, '0')}`;
    const labels: Record<string, string> = { [LABEL]: 'services-listing', ...(inStack ? { 'com.docker.stack.namespace': STACK } : {}) };
    return {
      Name: name,
      Labels: labels,
      TaskTemplate: { ContainerSpec: { Image: image, Command: ['sleep', '3600'], Labels: inStack ? { 'com.docker.stack.namespace': STACK } : {} }, Placement: { Constraints: ['node.labels.wharf-bench == nowhere'] } },
      Mode: { Replicated: { Replicas: REPLICAS } },
    };
  });
  // Eight at a time: enough to be quick, few enough not to swamp one manager.
  for (let i = 0; i < specs.length; i += 8) await Promise.all(specs.slice(i, i + 8).map((spec) => docker.createService(spec as never)));
}

export const servicesListing: Benchmark<ServicesListingFigures> = {
  name: 'services-listing',
  title: 'Services list and stack detail at 1,000 services',

  async run(ctx) {
    return withSwarmBench(ctx, { name: 'services_listing', engines: ENGINES, managers: 1 }, async ({ lab, swarm, con, swarmId, log }) => {
      const docker = swarm.docker;
      try {
        const t0 = performance.now();
        await createServices(docker, lab.image);
        const tasks = await until(async () => {
          const list = (await docker.listTasks({ filters: JSON.stringify({ 'desired-state': ['running'] }) })) as unknown[];
          return list.length === SERVICES * REPLICAS ? list.length : null;
        }, `${SERVICES * REPLICAS} pending tasks`, 900_000, 2000);
        const setupSeconds = (performance.now() - t0) / 1000;
        log(`${SERVICES} services, ${tasks} tasks after ${round(setupSeconds, 1)} s`);

        const stackFilter = JSON.stringify({ label: [`com.docker.stack.namespace=${STACK}`] });
        const counts = { wharfServices: 0, cliServices: 0, wharfStackServices: 0, wharfStackTasksShown: 0, cliStackTasks: 0 };
        const measure: Record<PathName, () => Promise<number>> = {
          'wharf services': async () => {
            const { body, ms } = await timedGet<{ services: unknown[] }>(con.origin, con.cookie, `/api/swarms/${swarmId}/services`);
            counts.wharfServices = body.services.length;
            return ms;
          },
          // What a client needs for the same table: every service with its running/desired counts.
          'raw services': async () => {
            const t = performance.now();
            await docker.listServices({ status: true } as never);
            return performance.now() - t;
          },
          'docker service ls': async () => {
            const { stdout, ms } = await timedDocker(swarm.manager.socket, ['service', 'ls']);
            counts.cliServices = stdout.trim().split('\n').length - 1;
            return ms;
          },
          'wharf stack': async () => {
            const { body, ms } = await timedGet<{ services: unknown[]; tasks: unknown[] }>(con.origin, con.cookie, `/api/swarms/${swarmId}/stacks/${STACK}`);
            counts.wharfStackServices = body.services.length;
            counts.wharfStackTasksShown = body.tasks.length;
            return ms;
          },
          // The same reads a stack's page needs, straight from the engine.
          'raw stack': async () => {
            const t = performance.now();
            await Promise.all([
              docker.listServices({ filters: stackFilter } as never),
              docker.listTasks({ filters: stackFilter }),
              docker.listNetworks({ filters: stackFilter } as never),
              docker.listSecrets({ filters: stackFilter } as never),
              docker.listConfigs({ filters: stackFilter } as never),
            ]);
            return performance.now() - t;
          },
          'docker stack ps': async () => {
            const { stdout, ms } = await timedDocker(swarm.manager.socket, ['stack', 'ps', STACK]);
            counts.cliStackTasks = stdout.split('\n').filter((line) => /^[a-z0-9]{12}\s/.test(line)).length;
            return ms;
          },
        };
        const paths = await measureRotating(PATHS, measure, WARMUP_ROUNDS, ROUNDS);
        const ratio = (a: PathName, b: PathName) => round(paths[a].median / paths[b].median, 2);
        const figures: ServicesListingFigures = {
          engines: ENGINES,
          services: SERVICES,
          tasks,
          stackServices: STACK_SERVICES,
          stackTasks: STACK_SERVICES * REPLICAS,
          setupSeconds: round(setupSeconds, 1),
          rounds: ROUNDS,
          warmupRounds: WARMUP_ROUNDS,
          counts,
          paths,
          ratios: { servicesToRaw: ratio('wharf services', 'raw services'), servicesToCli: ratio('wharf services', 'docker service ls'), stackToRaw: ratio('wharf stack', 'raw stack'), stackToCli: ratio('wharf stack', 'docker stack ps') },
        };
        const notes: string[] = [];
        if (counts.wharfServices !== SERVICES || counts.cliServices !== SERVICES) notes.push(`Counts differ from the ${SERVICES} services created: Wharf listed ${counts.wharfServices}, the CLI ${counts.cliServices}.`);
        return {
          figures,
          notes,
          verdicts: [
            { target: `services list ≤ ${TARGET_RATIO}× \`docker service ls\` (${SERVICES} services, ${tasks} tasks)`, met: figures.ratios.servicesToCli <= TARGET_RATIO, measured: `${figures.ratios.servicesToCli}× (${paths['wharf services'].median} vs ${paths['docker service ls'].median} ms)` },
            { target: `services list ≤ ${TARGET_RATIO}× the raw engine API`, met: figures.ratios.servicesToRaw <= TARGET_RATIO, measured: `${figures.ratios.servicesToRaw}× (${paths['wharf services'].median} vs ${paths['raw services'].median} ms)` },
            { target: `stack detail (${STACK_SERVICES} services, ${STACK_SERVICES * REPLICAS} tasks) ≤ ${TARGET_RATIO}× \`docker stack ps\``, met: figures.ratios.stackToCli <= TARGET_RATIO, measured: `${figures.ratios.stackToCli}× (${paths['wharf stack'].median} vs ${paths['docker stack ps'].median} ms)` },
            { target: `stack detail ≤ ${TARGET_RATIO}× the raw engine API`, met: figures.ratios.stackToRaw <= TARGET_RATIO, measured: `${figures.ratios.stackToRaw}× (${paths['wharf stack'].median} vs ${paths['raw stack'].median} ms)` },
            { target: `services list answered ≤ ${TARGET_PAGE_MS} ms (page usable)`, met: paths['wharf services'].p90 <= TARGET_PAGE_MS, measured: `p90 ${paths['wharf services'].p90} ms` },
          ],
        };
      } finally {
        const services = (await docker.listServices({ filters: JSON.stringify({ label: [LABEL] }) } as object).catch(() => [])) as unknown as { ID: string }[];
        for (let i = 0; i < services.length; i += 16) await Promise.all(services.slice(i, i + 16).map((s) => docker.getService(s.ID).remove().catch(() => undefined)));
      }
    });
  },

  printFigures({ figures: f }) {
    const rows: (string | number)[][] = [['path', 'median ms', 'p90 ms', 'min', 'max']];
    for (const p of PATHS) rows.push([p, f.paths[p].median, f.paths[p].p90, f.paths[p].min, f.paths[p].max]);
    return [
      `${f.services} services, ${f.tasks} tasks on ${f.engines} engines (set up in ${f.setupSeconds} s); stack ${STACK}: ${f.stackServices} services, ${f.stackTasks} tasks`,
      textTable(rows),
      `services: wharf/raw ${f.ratios.servicesToRaw}×, wharf/CLI ${f.ratios.servicesToCli}×; stack: wharf/raw ${f.ratios.stackToRaw}×, wharf/CLI ${f.ratios.stackToCli}×`,
      `counts: ${JSON.stringify(f.counts)}`,
    ].join('\n');
  },

  markdown(result: BenchResult<ServicesListingFigures>) {
    const f = result.figures;
    const rows: (string | number)[][] = [['path', 'median', 'p90', 'min – max']];
    for (const p of PATHS) rows.push([p, `${f.paths[p].median} ms`, `${f.paths[p].p90} ms`, `${f.paths[p].min} – ${f.paths[p].max} ms`]);
    return [
      '**What it measures.** The Services page and a big stack\'s page on a swarm with many services, against the raw engine API and the CLI.',
      '',
      `**How.** lab-4..lab-${3 + f.engines} form a swarm (one manager) attached to a production console. ${f.services} services of ${f.tasks / f.services} replicas each are created through the API with a placement constraint no node meets, so all ${f.tasks} tasks stay pending (they cost the engines nothing); ${f.stackServices} of them carry the stack label \`com.docker.stack.namespace=${STACK}\` (${f.stackTasks} tasks), as \`docker stack deploy\` would set it. Setup took ${f.setupSeconds} s. Then ${f.rounds} rounds (after ${f.warmupRounds} unmeasured), in an order rotating every round: **wharf services** = \`GET /api/swarms/:id/services\` (every service with running/desired counts and update state) with the administrator's session; **raw services** = \`GET /services?status=true\` through dockerode; **docker service ls** (process start included); **wharf stack** = \`GET /api/swarms/:id/stacks/${STACK}\` (services, the latest 500 tasks, networks, secrets, configs, revisions); **raw stack** = the five label-filtered lists in parallel; **docker stack ps ${STACK}**.`,
      '',
      markdownTable(rows),
      '',
      `- Services list: **${f.ratios.servicesToRaw}×** the raw API, **${f.ratios.servicesToCli}×** \`docker service ls\`. Stack detail: **${f.ratios.stackToRaw}×** the raw API, **${f.ratios.stackToCli}×** \`docker stack ps\`.`,
      `- Counts seen: Wharf listed ${f.counts.wharfServices} services, the CLI ${f.counts.cliServices}; the stack page had ${f.counts.wharfStackServices} services and its ${f.counts.wharfStackTasksShown} latest tasks, \`docker stack ps\` printed ${f.counts.cliStackTasks} task rows.`,
      '',
      ...markdownTargets(result.verdicts),
    ].join('\n');
  },
};
