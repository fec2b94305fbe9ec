// Registries (issue 13): pulling one private image onto three lab hosts at once through the
// console (one pull job per host, with the registry's credentials, followed until all end) against
// `docker pull` run on each host in parallel with the same credentials.
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';
import { basicRegistry, labUp, pushLabImage } from '@/scripts/lab/index.ts';
import type { Benchmark } from './support/benchmark.ts';
import { onCleanup } from './support/cleanup.ts';
import { startBenchConsole } from './support/console.ts';
import { markdownTable, markdownTargets, round, textTable, type BenchResult } from './support/report.ts';
import { callAction, findAction } from './support/server-action.ts';
import { measureRotating, timedGet, type PathFigures } from './support/swarm.ts';

const run = promisify(execFile);
const NAME = 'registry-pull';
const HOSTS = 3;
const WARMUP_ROUNDS = 1;
const ROUNDS = 8;
const POLL_MS = 20;
const TARGET_RATIO = 1.2;

type PathName = 'console' | 'docker pull';
const PATHS: PathName[] = ['console', 'docker pull'];

export type RegistryPullFigures = { hosts: number; image: string; layerBytes: number; paths: Record<PathName, PathFigures>; ratio: number };

type Job = { progress: { state: string; error: string | null } };

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
    const removeImage = async () => {
      for (const docker of dockers) await docker.getImage(image).remove({ force: true }).catch(() => {});
    };
    const undoImages = onCleanup(`${image} on the hosts`, removeImage);
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

      const viaConsole = async () => {
        await removeImage();
        const t = performance.now();
        const jobs = await Promise.all(con.hosts.map(async (h) => ({ hostId: h.id, jobId: (await callAction<{ data?: { jobId: string }; error?: { message: string } }>(con.origin, con.cookie, pull, { hostId: h.id, image })).result.data?.jobId })));
        await Promise.all(jobs.map(async ({ hostId, jobId }) => {
          if (!jobId) throw new Error('the pull did not start');
          for (;;) {
            const { body } = await timedGet<Job>(con.origin, con.cookie, `/api/hosts/${hostId}/images/pulls/${jobId}`);
            if (body.progress.state === 'failed') throw new Error(`the pull failed: ${body.progress.error}`);
            if (body.progress.state === 'succeeded') return;
            await new Promise((r) => setTimeout(r, POLL_MS));
          }
        }));
        return performance.now() - t;
      };
      const viaCli = async () => {
        await removeImage();
        const t = performance.now();
        await Promise.all(engines.map((e) => run('docker', ['--config', configDir, '--host', `unix://${e.socket}`, 'pull', '--quiet', image], { env: { ...process.env, DOCKER_CLI_HINTS: 'false' } })));
        return performance.now() - t;
      };
      const paths = await measureRotating(PATHS, { console: viaConsole, 'docker pull': viaCli }, WARMUP_ROUNDS, ROUNDS);
      const inspect = await dockers[0].getImage(image).inspect();
      const ratio = round(paths.console.median / paths['docker pull'].median, 2);
      return {
        figures: { hosts: HOSTS, image, layerBytes: inspect.Size, paths, ratio },
        notes: [`The console's time includes following each job (polled every ${POLL_MS} ms, as fast as a page would never poll): the pulls themselves run in the engines either way.`],
        verdicts: [{ target: `pull onto ${HOSTS} hosts ≤ ${TARGET_RATIO}× \`docker pull\` on each in parallel`, met: ratio <= TARGET_RATIO, measured: `${ratio}× (${paths.console.median} vs ${paths['docker pull'].median} ms)` }],
      };
    } finally {
      await con.stop();
      await removeImage();
      undoImages();
      await rm(configDir, { recursive: true, force: true });
    }
  },

  printFigures({ figures: f }) {
    return [
      `${f.image} (${round(f.layerBytes / 1024 / 1024, 1)} MiB) onto ${f.hosts} hosts at once`,
      textTable([['path', 'median ms', 'p90 ms', 'min', 'max'], ...PATHS.map((p) => [p, f.paths[p].median, f.paths[p].p90, f.paths[p].min, f.paths[p].max])]),
      `console / docker pull: ${f.ratio}×`,
    ].join('\n');
  },

  markdown(result: BenchResult<RegistryPullFigures>) {
    const f = result.figures;
    return [
      '**What it measures.** Pulling one image from a private registry onto several hosts at once, through the console, against the CLI an operator would use instead.',
      '',
      `**How.** A private image (the lab's busybox layer, ${round(f.layerBytes / 1024 / 1024, 1)} MiB unpacked) is pushed into the lab's htpasswd registry; a production console attaches lab-4..6 and has that registry added. Console: \`pullImageAction\` for each host at once (the registry's credentials sent as X-Registry-Auth), each job followed through its route until all have succeeded. CLI: \`docker pull\` on each host in parallel, with the same credentials in a config of its own. The image is removed from the hosts before every pull; ${ROUNDS} rounds after ${WARMUP_ROUNDS} unmeasured, in rotating order.`,
      '',
      markdownTable([['path', 'median', 'p90', 'min', 'max'], ...PATHS.map((p) => [p, `${f.paths[p].median} ms`, `${f.paths[p].p90} ms`, `${f.paths[p].min} ms`, `${f.paths[p].max} ms`])]),
      '',
      `- Console / \`docker pull\`: **${f.ratio}×**.`,
      '',
      ...markdownTargets(result.verdicts),
    ].join('\n');
  },
};
