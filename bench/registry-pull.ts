// Registries (issue 13): pulling one private image onto three lab hosts at once through the
// console (one pull job per host, with the registry's credentials, followed as a page follows it:
// reads that wait up to half a second for the job's end) against `docker pull` run on each host in
// parallel with the same credentials. Twice: a small image (the lab's busybox layer) and the lab's
// bigger one (`lab/big:1.0`, four layers, ~40 MB gzipped), where the pull itself dominates.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';
import { PULL_JOB_WAIT_MS } from '@/lib/schemas/containers.ts';
import { basicRegistry, LAB_BIG_IMAGE, labUp, pushLabImage } from '@/scripts/lab/index.ts';
import type { Benchmark } from './support/benchmark.ts';
import { onCleanup } from './support/cleanup.ts';
import { startBenchConsole } from './support/console.ts';
import { markdownTable, markdownTargets, round, textTable, type BenchResult } from './support/report.ts';
import { callAction, findAction } from './support/server-action.ts';
import { measureRotating, median, timedGet, type PathFigures } from './support/swarm.ts';

const run = promisify(execFile);
const NAME = 'registry-pull';
const HOSTS = 3;
const WARMUP_ROUNDS = 1;
/** Rounds per image: the small one is quick and noisy, the big one slow and steady. */
const ROUNDS = { small: 10, big: 5 };
const TARGET_RATIO = 1.2;

type PathName = 'console' | 'docker pull';
const PATHS: PathName[] = ['console', 'docker pull'];

/** Where the console's time goes, medians over the measured rounds (ms): the actions answered
 * (`start`, from the first call until every job is started), the jobs in the console (`jobs`: from
 * the first job's start to the last one's end, as the jobs record them: the pending audit rows and
 * the engines' pulls), and the end seen by the follower (`seen`, from the last job's end). */
type Phases = { start: number; jobs: number; seen: number };
type ImageFigures = { image: string; layers: number; layerBytes: number; paths: Record<PathName, PathFigures>; ratio: number; phases?: Phases };
/** `big` is missing from results made before the lab had its bigger image. */
export type RegistryPullFigures = ImageFigures & { hosts: number; big?: ImageFigures };

type Job = { startedAt: string; finishedAt: string | null; progress: { state: string; error: string | null } };
/** Now on the wall clock the console stamps its jobs with (same machine), in fractional ms. */
const wallNow = () => performance.timeOrigin + performance.now();

export const registryPull: Benchmark<RegistryPullFigures> = {
  name: NAME,
  title: 'Pulling one image onto 3 hosts at once',

  async run({ pg, log }) {
    // lab-4..6 (lab-1..3 belong to the test suite).
    const lab = await labUp({ hosts: 6 });
    const engines = lab.hosts.slice(3, 3 + HOSTS);
    const dockers = engines.map((e) => new Dockerode({ socketPath: e.socket }));
    const repo = `bench/pull-${randomBytes(3).toString('hex')}`;
    const image = `${lab.registry.url}/${repo}:1.0`;
    await pushLabImage(lab, basicRegistry(lab.registry), repo, '1.0', NAME);
    // The CLI's credentials for the registry, in a config of its own (what `docker login` writes).
    const configDir = await mkdtemp(path.join(os.tmpdir(), 'wharf-bench-docker-'));
    await writeFile(path.join(configDir, 'config.json'), JSON.stringify({ auths: { [lab.registry.url]: { auth: Buffer.from(`${lab.registry.username}:${lab.registry.password}`).toString('base64') } } }));
    const con = await startBenchConsole({ pg, name: NAME.replaceAll('-', '_'), hosts: engines, log });
    try {
      await con.waitHostsUp();
      const add = await findAction('lib/actions/registries.ts', 'addRegistryAction');
      const added = await callAction<{ data?: { id: string }; error?: { message: string } }>(con.origin, con.cookie, add, {
        name: 'lab-bench', kind: 'v2-basic', address: lab.registry.url, plainHttp: true, username: lab.registry.username, secret: lab.registry.password,
      });
      if (!added.result.data?.id) throw new Error(`adding the lab registry failed: ${added.result.error?.message ?? JSON.stringify(added.result)}`);
      const pull = await findAction('lib/actions/containers.ts', 'pullImageAction');

      const measureImage = async (image: string, rounds: number): Promise<ImageFigures> => {
        const removeImage = async () => {
          // By its name (a tag): the layers go with it unless another image holds them.
          for (const docker of dockers) await docker.getImage(image).remove().catch(() => {});
        };
        const undoImage = onCleanup(`${image} on the hosts`, removeImage);
        const phases: Phases[] = [];
        const viaConsole = async () => {
          await removeImage();
          const t = performance.now();
          const wallStart = wallNow();
          const jobs = await Promise.all(con.hosts.map(async (h) => ({ hostId: h.id, jobId: (await callAction<{ data?: { jobId: string }; error?: { message: string } }>(con.origin, con.cookie, pull, { hostId: h.id, image })).result.data?.jobId })));
          const started = wallNow();
          const ended = await Promise.all(jobs.map(async ({ hostId, jobId }) => {
            if (!jobId) throw new Error('the pull did not start');
            // As the page reads it (lib/queries/use-containers.ts): each read waits for the end up to PULL_JOB_WAIT_MS.
            for (;;) {
              const { body } = await timedGet<Job>(con.origin, con.cookie, `/api/hosts/${hostId}/images/pulls/${jobId}?wait=${PULL_JOB_WAIT_MS}`);
              if (body.progress.state === 'failed') throw new Error(`the pull failed: ${body.progress.error}`);
              if (body.progress.state === 'succeeded') return body;
            }
          }));
          const ms = performance.now() - t;
          const seen = wallNow();
          const first = Math.min(...ended.map((j) => Date.parse(j.startedAt)));
          const last = Math.max(...ended.map((j) => Date.parse(j.finishedAt ?? j.startedAt)));
          phases.push({ start: started - wallStart, jobs: last - first, seen: seen - last });
          return ms;
        };
        const viaCli = async () => {
          await removeImage();
          const t = performance.now();
          await Promise.all(engines.map((e) => run('docker', ['--config', configDir, '--host', `unix://${e.socket}`, 'pull', '--quiet', image], { env: { ...process.env, DOCKER_CLI_HINTS: 'false' } })));
          return performance.now() - t;
        };
        try {
          const paths = await measureRotating(PATHS, { console: viaConsole, 'docker pull': viaCli }, WARMUP_ROUNDS, rounds);
          const inspect = await dockers[0].getImage(image).inspect();
          // The first console round was the unmeasured one.
          const measured = phases.slice(WARMUP_ROUNDS);
          const phase = (k: keyof Phases) => round(median(measured.map((p) => p[k])), 1);
          return { image, layers: inspect.RootFS?.Layers?.length ?? 0, layerBytes: inspect.Size, paths, ratio: round(paths.console.median / paths['docker pull'].median, 2), phases: { start: phase('start'), jobs: phase('jobs'), seen: phase('seen') } };
        } finally {
          await removeImage();
          undoImage();
        }
      };

      const small = await measureImage(image, ROUNDS.small);
      log(`small image: ${small.ratio}× (${small.paths.console.median} vs ${small.paths['docker pull'].median} ms)`);
      const big = await measureImage(`${lab.registry.url}/${LAB_BIG_IMAGE.repository}:${LAB_BIG_IMAGE.tag}`, ROUNDS.big);
      log(`big image: ${big.ratio}× (${big.paths.console.median} vs ${big.paths['docker pull'].median} ms)`);
      const verdict = (f: ImageFigures, what: string) => ({ target: `pull onto ${HOSTS} hosts ≤ ${TARGET_RATIO}× \`docker pull\` on each in parallel (${what})`, met: f.ratio <= TARGET_RATIO, measured: `${f.ratio}× (${f.paths.console.median} vs ${f.paths['docker pull'].median} ms)` });
      return {
        figures: { hosts: HOSTS, ...small, big },
        notes: [`The console's time includes following each job as the page does: reads that wait up to ${PULL_JOB_WAIT_MS} ms for the job's end (answered as soon as it ends). The pulls themselves run in the engines either way.`],
        verdicts: [verdict(small, `${mib(small.layerBytes)} MiB image`), verdict(big, `${mib(big.layerBytes)} MiB image in ${big.layers} layers`)],
      };
    } finally {
      await con.stop();
      await rm(configDir, { recursive: true, force: true });
    }
  },

  printFigures({ figures: f }) {
    return [f, ...(f.big ? [f.big] : [])]
      .map((i) =>
        [
          `${i.image} (${mib(i.layerBytes)} MiB) onto ${f.hosts} hosts at once`,
          textTable([['path', 'median ms', 'p90 ms', 'min', 'max'], ...PATHS.map((p) => [p, i.paths[p].median, i.paths[p].p90, i.paths[p].min, i.paths[p].max])]),
          `console / docker pull: ${i.ratio}×`,
          ...(i.phases ? [phasesText(i.phases)] : []),
        ].join('\n'),
      )
      .join('\n\n');
  },

  markdown(result: BenchResult<RegistryPullFigures>) {
    const f = result.figures;
    const table = (i: ImageFigures) => markdownTable([['path', 'median', 'p90', 'min', 'max'], ...PATHS.map((p) => [p, `${i.paths[p].median} ms`, `${i.paths[p].p90} ms`, `${i.paths[p].min} ms`, `${i.paths[p].max} ms`])]);
    return [
      '**What it measures.** Pulling one image from a private registry onto several hosts at once, through the console, against the CLI an operator would use instead.',
      '',
      `**How.** Two images in the lab's htpasswd registry: a small one pushed for the run (the lab's busybox layer, ${mib(f.layerBytes)} MiB unpacked)${f.big ? ` and the lab's bigger \`${LAB_BIG_IMAGE.repository}:${LAB_BIG_IMAGE.tag}\` (${f.big.layers} layers, ${mib(f.big.layerBytes)} MiB unpacked)` : ''}. A production console attaches lab-4..6 and has that registry added. Console: \`pullImageAction\` for each host at once (the registry's credentials sent as X-Registry-Auth), each job followed through its route as the page follows it (each read waits up to ${PULL_JOB_WAIT_MS} ms for the job's end) until all have succeeded. CLI: \`docker pull\` on each host in parallel, with the same credentials in a config of its own. The image is removed from the hosts (by its name) before every pull; ${ROUNDS.small} rounds for the small image and ${ROUNDS.big} for the big one, each after ${WARMUP_ROUNDS} unmeasured, in rotating order.`,
      '',
      `Small image (\`${f.image}\`):`,
      '',
      table(f),
      '',
      `- Console / \`docker pull\`: **${f.ratio}×**.`,
      ...(f.phases ? [`- ${phasesText(f.phases)}`] : []),
      ...(f.big ? ['', `Big image (\`${f.big.image}\`):`, '', table(f.big), '', `- Console / \`docker pull\`: **${f.big.ratio}×**.`, ...(f.big.phases ? [`- ${phasesText(f.big.phases)}`] : [])] : []),
      '',
      ...markdownTargets(result.verdicts),
    ].join('\n');
  },
};

const mib = (bytes: number) => round(bytes / 1024 / 1024, 1);
const phasesText = (p: Phases) => `Console's time, medians: ${p.start} ms until the three actions answered (jobs started), ${p.jobs} ms from the first job's start to the last one's end (audit rows and the engines' pulls), ${p.seen} ms until the page's read saw the end.`;
