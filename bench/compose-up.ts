// Bringing up a 20-service Compose project on one host (issue 17): the console's save-and-up action
// over HTTP against `docker-compose up -d` (Debian's Compose 1.29, the implementation on these
// machines) of the same file on the same lab engine, alternating, each onto a fresh project name.
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';
import { labUp } from '@/scripts/lab/index.ts';
import type { Benchmark } from './support/benchmark.ts';
import { startBenchConsole } from './support/console.ts';
import { markdownTable, markdownTargets, round, textTable, type BenchResult } from './support/report.ts';
import { callAction, findAction } from './support/server-action.ts';
import { median, sampleFigures, until, type SampleFigures } from './support/swarm.ts';

const run = promisify(execFile);
const SERVICES = 20;
const ROUNDS = 6;
const TARGET_RATIO = 1.2;

/** Independent services (as most projects' are), each with environment, labels, a restart policy
 * and the project's default network; two share a named volume. */
export function composeUpFile(image: string): string {
  const services = Array.from({ length: SERVICES }, (_, i) => {
    const name = `svc${String(i).padStart(2, '0')}`;
    return [
      `  ${name}:`,
      `    image: ${image}`,
      '    command: ["sleep", "3600"]',
      '    stop_grace_period: 1s',
      '    restart: unless-stopped',
      '    environment:',
      `      ROLE: ${name}`,
      '    labels:',
      '      tier: bench',
      ...(i < 2 ? ['    volumes:', '      - data:/data'] : []),
    ].join('\n');
  });
  return ['version: "3.8"', 'services:', ...services, 'volumes:', '  data: {}', ''].join('\n');
}

export type ComposeUpFigures = { services: number; rounds: number; wharf: SampleFigures; cli: SampleFigures; ratio: number; startedPerUp: number };


/** Removes what a project left on the engine (containers, its networks and volumes), by Compose's project label. */
async function removeProject(docker: Dockerode, project: string): Promise<void> {
  const filters = JSON.stringify({ label: [`com.docker.compose.project=${project}`] });
  const containers = await docker.listContainers({ all: true, filters });
  await Promise.all(containers.map((c) => docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
  for (const n of await docker.listNetworks({ filters } as object)) await docker.getNetwork(n.Id).remove().catch(() => undefined);
  const { Volumes } = await docker.listVolumes({ filters } as object);
  for (const v of Volumes ?? []) await docker.getVolume(v.Name).remove().catch(() => undefined);
  await until(async () => (await docker.listContainers({ all: true, filters })).length === 0, `${project}'s containers gone`, 120_000, 250);
}

export const composeUp: Benchmark<ComposeUpFigures> = {
  name: 'compose-up',
  title: 'Bringing up a 20-service Compose project',

  async run({ pg, log }) {
    const lab = await labUp();
    const host = lab.hosts[0]!;
    const docker = new Dockerode({ socketPath: host.socket });
    const con = await startBenchConsole({ pg, name: 'compose_up', hosts: [host], log });
    const dir = await mkdtemp(path.join(os.tmpdir(), 'wharf-bench-compose-'));
    try {
      await con.waitHostsUp();
      const hostId = con.hosts[0]!.id;
      const composeText = composeUpFile(lab.image);
      const file = path.join(dir, 'docker-compose.yml');
      await writeFile(file, composeText);
      const save = await findAction('lib/actions/compose-projects.ts', 'saveProjectAction');
      const down = await findAction('lib/actions/compose-projects.ts', 'downProjectAction');
      const wharf: number[] = [];
      const cli: number[] = [];
      let startedPerUp = 0;
      // One unmeasured up of each first; then alternate which one goes first.
      for (let r = -1; r < ROUNDS; r++) {
        const paths: (() => Promise<void>)[] = [
          async () => {
            const name = `wharfup${r + 1}`;
            const { result, ms } = await callAction<{ ok: boolean; data?: { up: { started: string[] } | null; upError: string | null }; error?: { message: string } }>(con.origin, con.cookie, save, { hostId, name, composeText, variables: {}, files: {}, profiles: [], create: true, up: true });
            if (!result.ok || !result.data?.up) throw new Error(`Wharf's up failed: ${result.error?.message ?? result.data?.upError}`);
            startedPerUp = result.data.up.started.length;
            if (r >= 0) wharf.push(ms);
            const removed = await callAction<{ ok: boolean; error?: { message: string } }>(con.origin, con.cookie, down, { hostId, name, volumes: true, forget: true });
            if (!removed.result.ok) throw new Error(`Wharf's down failed: ${removed.result.error?.message}`);
            await removeProject(docker, name);
          },
          async () => {
            const name = `cliup${r + 1}`;
            const env = { ...process.env, DOCKER_HOST: `unix://${host.socket}`, COMPOSE_INTERACTIVE_NO_CLI: '1' };
            const t = performance.now();
            await run('docker-compose', ['-p', name, '-f', file, 'up', '-d', '--no-build'], { env, timeout: 300_000 });
            if (r >= 0) cli.push(performance.now() - t);
            await removeProject(docker, name);
          },
        ];
        if (r % 2) paths.reverse();
        for (const measure of paths) await measure();
      }
      const figures: ComposeUpFigures = { services: SERVICES, rounds: ROUNDS, wharf: sampleFigures(wharf), cli: sampleFigures(cli), ratio: round(median(wharf) / median(cli), 2), startedPerUp };
      log(`wharf ${figures.wharf.median} ms, docker-compose ${figures.cli.median} ms`);
      return {
        figures,
        notes: [],
        verdicts: [{ target: `up ≤ ${TARGET_RATIO}× \`docker-compose up -d\` (${SERVICES} services)`, met: figures.ratio <= TARGET_RATIO, measured: `${figures.ratio}× (${figures.wharf.median} vs ${figures.cli.median} ms)` }],
      };
    } finally {
      await rm(dir, { recursive: true, force: true });
      await con.stop();
    }
  },

  printFigures({ figures: f }) {
    return [
      textTable([
        ['path', 'median ms', 'min', 'max', 'samples'],
        ['wharf save + up action', f.wharf.median, f.wharf.min, f.wharf.max, f.wharf.samples.join(' ')],
        ['docker-compose up -d', f.cli.median, f.cli.min, f.cli.max, f.cli.samples.join(' ')],
      ]),
      `wharf / docker-compose = ${f.ratio}×; each up started ${f.startedPerUp} containers`,
    ].join('\n');
  },

  markdown(result: BenchResult<ComposeUpFigures>) {
    const f = result.figures;
    return [
      '**What it measures.** Bringing up a Compose project of 20 services on one host through the console, against `docker-compose up -d` of the same file on the same engine.',
      '',
      `**How.** lab-1 is attached to a production console. The file (\`composeUpFile\` in the benchmark) has ${f.services} independent services of the lab image running \`sleep 3600\`, each with environment, labels and a restart policy, on the project's default network; two share a named volume. Wharf: the \`saveProjectAction\` server action (a new project, brought up) posted over HTTP as the browser does (session, Origin, validation, the workload policy, the revision written to Postgres, each container created and started, the audit row); Compose: Debian's \`docker-compose\` 1.29 \`-p <name> -f <file> up -d --no-build\` with \`DOCKER_HOST\` on the same socket (process start included). Each up goes to a fresh project name (${f.startedPerUp} containers started) and is removed untimed before the next. After one unmeasured up of each, ${f.rounds} rounds alternate which goes first.`,
      '',
      markdownTable([
        ['path', 'median', 'min – max', 'samples (ms)'],
        ['Wharf save + up', `${f.wharf.median} ms`, `${f.wharf.min} – ${f.wharf.max} ms`, f.wharf.samples.join(', ')],
        ['docker-compose up -d', `${f.cli.median} ms`, `${f.cli.min} – ${f.cli.max} ms`, f.cli.samples.join(', ')],
      ]),
      '',
      ...markdownTargets(result.verdicts),
    ].join('\n');
  },
};
