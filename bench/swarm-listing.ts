// Listing a swarm's nodes with their tasks (issue 3): a swarm of 10 lab engines holding 5,000
// tasks; the console's swarm page reads against `docker node ls` + `docker node ps <every node>`
// and the raw engine API, measured in the same run, in rotating order.
import type Dockerode from 'dockerode';
import type { Benchmark } from './support/benchmark.ts';
import { BENCH_LABEL as LABEL } from './support/engine-bench.ts';
import { markdownTable, markdownTargets, round, textTable, type BenchResult } from './support/report.ts';
import { measureRotating, timedDocker, timedGet, until, withSwarmBench, type PathFigures } from './support/swarm.ts';

const ENGINES = 10;
const MANAGERS = 3;
const TASKS = 5000;
const WARMUP_ROUNDS = 2;
const ROUNDS = 15;
const TARGET_RATIO = 1.5;

type PathName = 'wharf page' | 'wharf overview' | 'wharf visualizer' | 'docker CLI' | 'raw API';
const PATHS: PathName[] = ['wharf page', 'wharf overview', 'wharf visualizer', 'docker CLI', 'raw API'];

type Scenario = {
  name: 'pending' | 'on nodes';
  description: string;
  tasks: number;
  tasksOnNodes: number;
  /** task rows `docker node ps` printed */
  cliTaskLines: number;
  /** tasks the visualizer response accounts for (cards + "more") */
  wharfVisualizerTasks: number;
  setupSeconds: number;
  paths: Record<PathName, PathFigures>;
  ratioToCli: number;
  ratioToRaw: number;
};
export type SwarmListingFigures = { engines: number; managers: number; rounds: number; warmupRounds: number; scenarios: Scenario[] };

type Overview = { nodes: { id: string }[]; health: string };
type Visualizer = { columns: { nodeId: string | null; cards: unknown[]; hidden: number }[]; hidden: number };

async function taskCounts(docker: Dockerode): Promise<{ total: number; onNodes: number; settled: number }> {
  const tasks = (await docker.listTasks({ filters: JSON.stringify({ label: [LABEL] }) })) as { NodeID?: string; Status: { State: string } }[];
  const settled = tasks.filter((t) => ['pending', 'rejected', 'failed'].includes(t.Status.State)).length;
  return { total: tasks.length, onNodes: tasks.filter((t) => t.NodeID).length, settled };
}

async function removeServices(docker: Dockerode): Promise<void> {
  const services = (await docker.listServices({ filters: JSON.stringify({ label: [LABEL] }) })) as { ID: string }[];
  for (const s of services) await docker.getService(s.ID).remove();
  await until(async () => (await taskCounts(docker)).total === 0, 'the benchmark tasks to be gone', 300_000);
}

export const swarmListing: Benchmark<SwarmListingFigures> = {
  name: 'swarm-listing',
  title: 'Swarm nodes with their tasks',

  async run(ctx) {
    const { log } = ctx;
    const scenarios: Scenario[] = [];
    await withSwarmBench(ctx, { name: 'swarm_listing', engines: ENGINES, managers: MANAGERS }, async ({ lab, swarm, con, swarmId }) => {
      const docker = swarm.docker;
      try {
        const nodeIds = ((await docker.listNodes()) as { ID: string }[]).map((n) => n.ID);

        const setups: { name: Scenario['name']; description: string; create: () => Promise<void>; ready: (c: Awaited<ReturnType<typeof taskCounts>>) => boolean }[] = [
          {
            name: 'pending',
            description: `one service of ${TASKS} replicas whose placement constraint no node meets: every task stays pending on no node`,
            create: async () => {
              await docker.createService({ Name: 'bench-pending', Labels: { [LABEL]: 'swarm-listing' }, TaskTemplate: { ContainerSpec: { Image: lab.image, Command: ['true'] }, Placement: { Constraints: ['node.labels.wharf-bench == nowhere'] } }, Mode: { Replicated: { Replicas: TASKS } } } as never);
            },
            ready: (c) => c.total === TASKS && c.settled === TASKS,
          },
          {
            name: 'on nodes',
            description: `10 services of ${TASKS / 10} replicas of an image the registry does not have, restart condition none: each task is assigned to a node, rejected there ("No such image") and kept, so \`docker node ps\` lists all ${TASKS}`,
            create: async () => {
              const image = `${lab.registry.host}:${lab.registry.port}/wharf-bench/absent:none`;
              for (let i = 0; i < 10; i++) {
                await docker.createService({ Name: `bench-on-nodes-${i}`, Labels: { [LABEL]: 'swarm-listing' }, TaskTemplate: { ContainerSpec: { Image: image }, RestartPolicy: { Condition: 'none' } }, Mode: { Replicated: { Replicas: TASKS / 10 } } } as never);
              }
            },
            ready: (c) => c.total === TASKS && c.onNodes === TASKS && c.settled === TASKS,
          },
        ];

        for (const setup of setups) {
          const t0 = performance.now();
          await setup.create();
          const counts = await until(async () => {
            const c = await taskCounts(docker);
            return setup.ready(c) ? c : null;
          }, `${TASKS} ${setup.name} tasks`, 900_000, 2000);
          const setupSeconds = (performance.now() - t0) / 1000;
          log(`${setup.name}: ${counts.total} tasks (${counts.onNodes} on nodes) after ${round(setupSeconds, 1)} s`);

          let cliTaskLines = 0;
          let wharfVisualizerTasks = 0;
          const measure: Record<PathName, () => Promise<number>> = {
            // What the swarm page asks for when it opens: the overview and the visualizer, together.
            'wharf page': async () => {
              const t = performance.now();
              await Promise.all([timedGet<Overview>(con.origin, con.cookie, `/api/swarms/${swarmId}`), timedGet<Visualizer>(con.origin, con.cookie, `/api/swarms/${swarmId}/visualizer`)]);
              return performance.now() - t;
            },
            'wharf overview': async () => {
              const { body, ms } = await timedGet<Overview>(con.origin, con.cookie, `/api/swarms/${swarmId}`);
              if (body.health !== 'ok' || body.nodes.length !== ENGINES) throw new Error(`unexpected overview: ${JSON.stringify(body).slice(0, 200)}`);
              return ms;
            },
            'wharf visualizer': async () => {
              const { body, ms } = await timedGet<Visualizer>(con.origin, con.cookie, `/api/swarms/${swarmId}/visualizer`);
              wharfVisualizerTasks = body.columns.reduce((n, c) => n + c.cards.length + c.hidden, 0);
              return ms;
            },
            'docker CLI': async () => {
              const ls = await timedDocker(swarm.manager.socket, ['node', 'ls']);
              const ps = await timedDocker(swarm.manager.socket, ['node', 'ps', ...nodeIds]);
              // One row per task starts with its 12-character id (error texts may wrap onto more lines).
              cliTaskLines = ps.stdout.split('\n').filter((line) => /^[a-z0-9]{12}\s/.test(line)).length;
              if (ls.stdout.trim().split('\n').length - 1 !== ENGINES) throw new Error(`docker node ls printed ${ls.stdout}`);
              return ls.ms + ps.ms;
            },
            'raw API': async () => {
              const t = performance.now();
              await Promise.all([docker.listNodes(), docker.listTasks()]);
              return performance.now() - t;
            },
          };
          const paths = await measureRotating(PATHS, measure, WARMUP_ROUNDS, ROUNDS);
          scenarios.push({
            name: setup.name,
            description: setup.description,
            tasks: counts.total,
            tasksOnNodes: counts.onNodes,
            cliTaskLines,
            wharfVisualizerTasks,
            setupSeconds: round(setupSeconds, 1),
            paths,
            ratioToCli: round(paths['wharf page'].median / paths['docker CLI'].median, 2),
            ratioToRaw: round(paths['wharf page'].median / paths['raw API'].median, 2),
          });
          log(`${setup.name}: wharf page ${paths['wharf page'].median} ms, CLI ${paths['docker CLI'].median} ms, raw ${paths['raw API'].median} ms`);
          await removeServices(docker);
        }
      } finally {
        await removeServices(docker).catch(() => undefined);
      }
    });
    const notes: string[] = [];
    for (const s of scenarios) {
      if (s.name === 'pending') notes.push(`Pending tasks are on no node, so \`docker node ps\` printed ${s.cliTaskLines} of them while the console's visualizer accounts for ${s.wharfVisualizerTasks} (its "Unassigned" column): the console does more than the CLI baseline there.`);
    }
    return {
      figures: { engines: ENGINES, managers: MANAGERS, rounds: ROUNDS, warmupRounds: WARMUP_ROUNDS, scenarios },
      notes,
      verdicts: scenarios.map((s) => ({
        target: `${s.tasks} tasks ${s.name}: swarm page ≤ ${TARGET_RATIO}× \`docker node ls\` + \`docker node ps\``,
        met: s.ratioToCli <= TARGET_RATIO,
        measured: `${s.ratioToCli}× (${s.paths['wharf page'].median} ms vs ${s.paths['docker CLI'].median} ms)`,
      })),
    };
  },

  printFigures({ figures }) {
    const out: string[] = [];
    for (const s of figures.scenarios) {
      const rows: (string | number)[][] = [['path', 'median ms', 'p90 ms', 'min', 'max']];
      for (const p of PATHS) rows.push([p, s.paths[p].median, s.paths[p].p90, s.paths[p].min, s.paths[p].max]);
      out.push(`${s.tasks} tasks ${s.name} (${s.tasksOnNodes} on nodes; CLI listed ${s.cliTaskLines}, visualizer ${s.wharfVisualizerTasks}):`, textTable(rows), `wharf page / CLI = ${s.ratioToCli}×, / raw API = ${s.ratioToRaw}×`, '');
    }
    return out.join('\n');
  },

  markdown(result: BenchResult<SwarmListingFigures>) {
    const f = result.figures;
    const rows: (string | number)[][] = [['tasks', 'path', 'median', 'p90', 'min – max']];
    for (const s of f.scenarios) for (const p of PATHS) rows.push([s.name, p, `${s.paths[p].median} ms`, `${s.paths[p].p90} ms`, `${s.paths[p].min} – ${s.paths[p].max} ms`]);
    const ratios = f.scenarios.map((s) => `- ${s.tasks} tasks ${s.name} (${s.description}; set up in ${s.setupSeconds} s): swarm page / CLI **${s.ratioToCli}×**, swarm page / raw API ${s.ratioToRaw}×. \`docker node ps\` printed ${s.cliTaskLines} task lines; the visualizer accounted for ${s.wharfVisualizerTasks} tasks.`);
    return [
      "**What it measures.** Opening a big swarm's page: the nodes with their tasks, against what an operator would type instead.",
      '',
      `**How.** lab-4..lab-${3 + f.engines} form a swarm of ${f.engines} engines (${f.managers} managers), attached to a production console (a separate process) as unix-socket hosts. Two task loads of ${f.scenarios[0]?.tasks ?? 5000} tasks are measured in turn (each removed before the next). Per round, in an order that rotates every round, after ${f.warmupRounds} unmeasured rounds, ${f.rounds} rounds of: **wharf page** = \`GET /api/swarms/:id\` (nodes, quorum, running tasks per node: one task query per node, as \`docker node ps\` does) and \`GET /api/swarms/:id/visualizer\` (every task, grouped by node) in parallel, as the page issues them, timed from the bench's HTTP client with the administrator's session; the two alone; **docker CLI** = \`docker node ls\` then \`docker node ps <all ${f.engines} node ids>\` against the same manager's socket (process start included: that is what the operator waits for); **raw API** = \`GET /nodes\` and \`GET /tasks\` in parallel through dockerode on that socket.`,
      '',
      markdownTable(rows),
      '',
      ...ratios,
      '',
      ...markdownTargets(result.verdicts),
    ].join('\n');
  },
};
