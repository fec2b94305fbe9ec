// The history sampler's cost: one round of a host with 50 running containers (list, a one-shot
// stats read of each, at most HISTORY_CONCURRENCY at a time, the points stored, rolled up and
// pruned in Postgres) against `docker stats --no-stream` on the same engine, in the same run,
// interleaved. The sampler runs in this process on the services the console uses.
import { execFile } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { promisify } from 'node:util';
import Dockerode from 'dockerode';
import { grantsForUser } from '@/lib/auth/permissions.ts';
import { makeKeyring } from '@/lib/crypto/secret-box.ts';
import { createDb } from '@/lib/db/client.ts';
import { ChangeFeed } from '@/lib/events/change-feed.ts';
import { historyPlan } from '@/lib/models/history/history-math.ts';
import { registerHostSchema } from '@/lib/schemas/hosts.ts';
import { EngineClients } from '@/lib/services/engine/engine-clients.ts';
import { HISTORY_CONCURRENCY, sampleHostHistory, type SamplerMemory } from '@/lib/services/history/sample-host-history.ts';
import { registerHost } from '@/lib/services/hosts/register-host.ts';
import { labUp } from '@/scripts/lab/index.ts';
import type { Benchmark } from './support/benchmark.ts';
import { onCleanup } from './support/cleanup.ts';
import { removeLabelled, startContainer } from './support/engine-bench.ts';
import { createBenchDatabase } from './support/postgres.ts';
import { distribution, distributionRow, markdownTable, markdownTargets, percentile, round, textTable, type Distribution } from './support/report.ts';

const NAME = 'history-sampler';
const CONTAINERS = 50;
const ROUNDS = 10;
const TARGET_RATIO = 1;
const run = promisify(execFile);

export type HistorySamplerFigures = {
  engineHost: string;
  containers: number;
  rounds: number;
  concurrency: number;
  wharf: Distribution;
  cli: Distribution;
  /** p50 of the sampler's rounds ÷ p50 of docker stats --no-stream */
  ratio: number;
  rowsPerRound: number;
};

export const historySampler: Benchmark<HistorySamplerFigures> = {
  name: NAME,
  title: 'History sampler round at 50 containers',

  async run({ pg, log }) {
    const lab = await labUp({ hosts: 4 });
    const engine = lab.hosts[3];
    const docker = new Dockerode({ socketPath: engine.socket });
    await removeLabelled(docker, NAME);
    const undoContainers = onCleanup(`${NAME} containers`, async () => void (await removeLabelled(docker, NAME)));
    const database = await createBenchDatabase(pg, NAME.replaceAll('-', '_'));
    const db = createDb(database.url);
    const changes = new ChangeFeed();
    const keyring = makeKeyring(randomBytes(32));
    const engines = new EngineClients({ db, keyring, changes });
    try {
      const user = await db.user.create({ data: { username: 'bench-admin', passwordHash: 'x', role: 'admin' } });
      const actor = { id: user.id, username: user.username, role: 'admin' as const, grants: grantsForUser(user), sessionId: 'bench', ip: '127.0.0.1' };
      const { id: hostId } = await registerHost({ db, keyring, changes }, actor, registerHostSchema.parse({ name: engine.name, transport: 'unix', socketPath: engine.socket }));
      log(`starting ${CONTAINERS} containers on ${engine.name}`);
      for (let i = 0; i < CONTAINERS; i++) await startContainer(docker, { name: `wharf-bench-history-${i}-${randomBytes(2).toString('hex')}`, image: lab.image, cmd: ['sleep', '3600'], label: NAME });
      const running = (await docker.listContainers()).length;

      const plan = historyPlan(10);
      const deps = { db, engines };
      let memory: SamplerMemory = { readings: new Map(), lastAt: null };
      let at = Date.now();
      const wharfRound = async () => {
        const t = performance.now();
        memory = await sampleHostHistory(deps, hostId, memory, plan, new Date(at));
        at += 10_000;
        return performance.now() - t;
      };
      const cliRound = async () => {
        const t = performance.now();
        await run('docker', ['-H', `unix://${engine.socket}`, 'stats', '--no-stream', '--format', '{{.ID}} {{.CPUPerc}} {{.MemUsage}}'], { maxBuffer: 8 * 1024 * 1024 });
        return performance.now() - t;
      };
      // Warm-up: the first round fills the sampler's readings (and the engine clients' cache).
      await wharfRound();
      await cliRound();
      const wharfMs: number[] = [];
      const cliMs: number[] = [];
      for (let i = 0; i < ROUNDS; i++) {
        if (i % 2 === 0) {
          wharfMs.push(await wharfRound());
          cliMs.push(await cliRound());
        } else {
          cliMs.push(await cliRound());
          wharfMs.push(await wharfRound());
        }
        log(`round ${i + 1}/${ROUNDS}: sampler ${round(wharfMs.at(-1) ?? 0)} ms, docker stats ${round(cliMs.at(-1) ?? 0)} ms`);
      }
      const rows = memory.lastAt ? await db.historyPoint.count({ where: { resolution: plan.fineSeconds, at: memory.lastAt } }) : 0;
      const ratio = round(percentile(wharfMs, 50) / percentile(cliMs, 50), 2);
      const figures: HistorySamplerFigures = { engineHost: engine.name, containers: running, rounds: ROUNDS, concurrency: HISTORY_CONCURRENCY, wharf: distribution(wharfMs), cli: distribution(cliMs), ratio, rowsPerRound: rows };
      return {
        figures,
        notes: [],
        verdicts: [{ target: `a sampler round costs ≤ ${TARGET_RATIO}× \`docker stats --no-stream\` on the same ${CONTAINERS}-container host`, met: ratio <= TARGET_RATIO, measured: `${ratio}× (p50 ${figures.wharf.p50} vs ${figures.cli.p50} ms)` }],
      };
    } finally {
      engines.close();
      await db.$disconnect();
      await database.drop();
      undoContainers();
      await removeLabelled(docker, NAME);
    }
  },

  printFigures({ figures: f }) {
    return [
      textTable([['one round', 'p50', 'p95', 'max', 'mean'], distributionRow(`Wharf sampler (≤ ${f.concurrency} reads at a time, stored)`, f.wharf), distributionRow('docker stats --no-stream', f.cli)]),
      '',
      `ratio (p50) ${f.ratio}×   ${f.containers} running containers on ${f.engineHost}, ${f.rounds} rounds each   ${f.rowsPerRound} rows per round`,
    ].join('\n');
  },

  markdown(result) {
    const f = result.figures;
    return [
      "**What it measures.** What the console's history sampler costs per round on a busy host: listing the running containers, reading each one's stats once, storing the host's point and its services' points, rolling up and pruning; against the docker CLI's own one-time read of every container's stats.",
      '',
      `**How.** ${f.containers} running containers (\`sleep 3600\`, plus any the lab runs) on ${f.engineHost}. Wharf: \`sampleHostHistory\` in the bench process, on the console's own services (engine client over the unix socket, Prisma on a fresh database), one-shot stats reads at most ${f.concurrency} at a time. CLI: \`docker stats --no-stream\` against the same socket. One warm-up round each, then ${f.rounds} rounds, alternating which goes first.`,
      '',
      markdownTable([['one round', 'p50', 'p95', 'max', 'mean'], distributionRow('Wharf sampler round (read + store)', f.wharf), distributionRow('`docker stats --no-stream`', f.cli)]),
      '',
      `- Ratio of the medians: **${f.ratio}×**. The sampler never has more than ${f.concurrency} stats requests in flight to one engine, and a host's rounds never overlap (a slow round delays the next tick), so a host with hundreds of containers gets a longer round, not more load at once.`,
      `- Rows written per round: ${f.rowsPerRound} (the host's point and one per swarm service with tasks there).`,
      "- Why the bound is 32 and not smaller: the engine answers a one-shot read at its next once-a-second stats collection, so reads in flight mostly wait. An earlier run of this benchmark with 4 at a time took p50 12.8 s per round for the same 50 containers (13 collections, longer than the 10 s interval) against 2.3 s for the CLI.",
      '',
      ...markdownTargets(result.verdicts),
    ].join('\n');
  },
};
