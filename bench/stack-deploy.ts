// Deploying a 20-service stack (issue 5): the console's deploy action over HTTP against
// `docker stack deploy` on the same lab swarm, alternating, each onto a fresh stack name.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type Dockerode from 'dockerode';
import type { Benchmark } from './support/benchmark.ts';
import { markdownTable, markdownTargets, round, textTable, type BenchResult } from './support/report.ts';
import { callAction, findAction } from './support/server-action.ts';
import { median, sampleFigures, timedDocker, until, withSwarmBench, type SampleFigures } from './support/swarm.ts';

const ENGINES = 3;
const SERVICES = 20;
const ROUNDS = 6;
const TARGET_RATIO = 1.2;

/** A realistic file: two networks, a config and a secret from files, environment, labels,
 * resources, update policy; tasks pinned nowhere so that deploy time is the API's, not the
 * engines' container starts. */
export function benchComposeFile(image: string): string {
  const services = Array.from({ length: SERVICES }, (_, i) => {
    const name = `svc${String(i).padStart(2, '0')}`;
    return [
      `  ${name}:`,
      `    image: ${image}`,
      '    command: ["sleep", "3600"]',
      '    environment:',
      `      ROLE: ${name}`,
      '      LEVEL: ${LEVEL:-info}',
      `    networks: [${i % 2 ? 'front' : 'back'}]`,
      ...(i === 0 ? ['    configs: [{ source: app_conf, target: /etc/app.conf }]', '    secrets: [db_pass]'] : []),
      '    deploy:',
      '      replicas: 2',
      '      labels: { tier: bench }',
      '      placement: { constraints: ["node.labels.wharf-bench == nowhere"] }',
      '      resources: { limits: { cpus: "0.5", memory: 64M } }',
      '      update_config: { parallelism: 1, delay: 1s, order: start-first }',
    ].join('\n');
  });
  return ['version: "3.8"', 'services:', ...services, 'networks:', '  front: {}', '  back: {}', 'configs:', '  app_conf:', '    file: ./app.conf', 'secrets:', '  db_pass:', '    file: ./db_pass.txt', ''].join('\n');
}
const FILES = { 'app.conf': 'listen 80\n', 'db_pass.txt': 'bench-secret\n' };

export type StackDeployFigures = { engines: number; services: number; rounds: number; wharf: SampleFigures; cli: SampleFigures; ratio: number; createdPerDeploy: number };

async function removeStackObjects(docker: Dockerode, stack: string): Promise<void> {
  const filters = JSON.stringify({ label: [`com.docker.stack.namespace=${stack}`] });
  for (const s of (await docker.listServices({ filters } as object)) as unknown as { ID: string }[]) await docker.getService(s.ID).remove().catch(() => undefined);
  await until(async () => ((await docker.listTasks({ filters })) as unknown[]).length === 0, `${stack}'s tasks gone`, 120_000, 250);
  for (const n of (await docker.listNetworks({ filters } as object)) as unknown as { Id: string }[]) await docker.getNetwork(n.Id).remove().catch(() => undefined);
  for (const s of (await docker.listSecrets({ filters } as object)) as unknown as { ID: string }[]) await docker.getSecret(s.ID).remove().catch(() => undefined);
  for (const c of (await docker.listConfigs({ filters } as object)) as unknown as { ID: string }[]) await docker.getConfig(c.ID).remove().catch(() => undefined);
}


export const stackDeploy: Benchmark<StackDeployFigures> = {
  name: 'stack-deploy',
  title: 'Deploying a 20-service stack',

  async run(ctx) {
    return withSwarmBench(ctx, { name: 'stack_deploy', engines: ENGINES, managers: 1 }, async ({ lab, swarm, con, swarmId, log }) => {
      const dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-bench-stack-'));
      try {
        const composeText = benchComposeFile(lab.image);
        await writeFile(path.join(dir, 'docker-compose.yml'), composeText);
        for (const [name, content] of Object.entries(FILES)) await writeFile(path.join(dir, name), content);
        const deploy = await findAction('lib/actions/stacks.ts', 'deployStackAction');

        const wharf: number[] = [];
        const cli: number[] = [];
        let createdPerDeploy = 0;
        // One unmeasured deploy of each first; then alternate which one goes first.
        for (let r = -1; r < ROUNDS; r++) {
          const runs: (() => Promise<void>)[] = [
            async () => {
              const stack = `wharf${r + 1}`;
              const { result, ms } = await callAction<{ ok: boolean; data?: { created: string[] }; error?: { message: string } }>(con.origin, con.cookie, deploy, { swarmId, stackName: stack, composeText, variables: {}, files: FILES });
              if (!result.ok) throw new Error(`Wharf's deploy failed: ${result.error?.message}`);
              createdPerDeploy = result.data!.created.length;
              if (r >= 0) wharf.push(ms);
              await removeStackObjects(swarm.docker, stack);
            },
            async () => {
              const stack = `cli${r + 1}`;
              const t = performance.now();
              await timedDocker(swarm.manager.socket, ['stack', 'deploy', '--resolve-image', 'never', '--detach=true', '-c', path.join(dir, 'docker-compose.yml'), stack]);
              if (r >= 0) cli.push(performance.now() - t);
              await removeStackObjects(swarm.docker, stack);
            },
          ];
          if (r % 2) runs.reverse();
          for (const run of runs) await run();
        }
        const figures: StackDeployFigures = { engines: ENGINES, services: SERVICES, rounds: ROUNDS, wharf: sampleFigures(wharf), cli: sampleFigures(cli), ratio: round(median(wharf) / median(cli), 2), createdPerDeploy };
        log(`wharf ${figures.wharf.median} ms, cli ${figures.cli.median} ms`);
        return {
          figures,
          notes: [],
          verdicts: [{ target: `deploy ≤ ${TARGET_RATIO}× \`docker stack deploy\` (${SERVICES} services)`, met: figures.ratio <= TARGET_RATIO, measured: `${figures.ratio}× (${figures.wharf.median} vs ${figures.cli.median} ms)` }],
        };
      } finally {
        await rm(dir, { recursive: true, force: true });
      }
    });
  },

  printFigures({ figures: f }) {
    return [
      textTable([
        ['path', 'median ms', 'min', 'max', 'samples'],
        ['wharf deploy action', f.wharf.median, f.wharf.min, f.wharf.max, f.wharf.samples.join(' ')],
        ['docker stack deploy', f.cli.median, f.cli.min, f.cli.max, f.cli.samples.join(' ')],
      ]),
      `wharf / cli = ${f.ratio}×; each deploy created ${f.createdPerDeploy} objects`,
    ].join('\n');
  },

  markdown(result: BenchResult<StackDeployFigures>) {
    const f = result.figures;
    return [
      '**What it measures.** Deploying a stack of 20 services through the console, against `docker stack deploy` of the same file on the same swarm.',
      '',
      `**How.** lab-4..lab-${3 + f.engines} form a swarm (one manager) attached to a production console. The file (\`benchComposeFile\` in the benchmark) has ${f.services} services on two overlay networks, a config and a secret read from files, environment with interpolation, deploy labels, resources and update policies; tasks are constrained to no node, so the time is the deploy's, not container starts. Wharf: the \`deployStackAction\` server action posted over HTTP as the browser does (session, Origin, validation, translation, policy check, the engine calls, the revision written to Postgres); CLI: \`docker stack deploy --resolve-image never --detach=true -c <file>\` (process start included). Each deploy goes to a fresh stack name (${f.createdPerDeploy} objects created) and is removed untimed before the next. After one unmeasured deploy of each, ${f.rounds} rounds alternate which goes first.`,
      '',
      markdownTable([
        ['path', 'median', 'min – max', 'samples (ms)'],
        ['Wharf deploy action', `${f.wharf.median} ms`, `${f.wharf.min} – ${f.wharf.max} ms`, f.wharf.samples.join(', ')],
        ['docker stack deploy', `${f.cli.median} ms`, `${f.cli.min} – ${f.cli.max} ms`, f.cli.samples.join(', ')],
      ]),
      '',
      ...markdownTargets(result.verdicts),
    ].join('\n');
  },
};
