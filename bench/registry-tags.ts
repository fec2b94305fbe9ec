// Registries (issue 13): the first page of a repository's tags table when the repository holds
// 10,000 tags, through the console against the registry API's own answers for the same page.
import { randomBytes } from 'node:crypto';
import { basicRegistry, labUp, pushLabImage, type LabState } from '@/scripts/lab/index.ts';
import type { Benchmark } from './support/benchmark.ts';
import { onCleanup } from './support/cleanup.ts';
import { startBenchConsole } from './support/console.ts';
import { markdownTable, markdownTargets, round, textTable, type BenchResult } from './support/report.ts';
import { callAction, findAction } from './support/server-action.ts';
import { measureRotating, timedGet, type PathFigures } from './support/swarm.ts';

const NAME = 'registry-tags';
const TAGS = 10_000;
const PAGE = 50; // the console's page of tags (lib/services/registries/browse-registry.ts)
const MANIFEST_CONCURRENCY = 8; // as the console reads a page's manifests
const SEED_CONCURRENCY = 16;
const WARMUP_ROUNDS = 2;
const ROUNDS = 10;
const TARGET_RATIO = 1.5;
const TARGET_USABLE_MS = 1000;
const MANIFEST = 'application/vnd.docker.distribution.manifest.v2+json';
const ACCEPT = ['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json', 'application/vnd.oci.image.manifest.v1+json', MANIFEST].join(', ');

type PathName = 'console' | 'registry API';
const PATHS: PathName[] = ['console', 'registry API'];

export type RegistryTagsFigures = { tags: number; page: number; seedSeconds: number; rows: number; paths: Record<PathName, PathFigures>; ratio: number };

const basic = (lab: LabState) => 'Basic ' + Buffer.from(`${lab.registry.username}:${lab.registry.password}`).toString('base64');

async function registryCall(lab: LabState, method: string, path: string, headers: Record<string, string> = {}, body?: Buffer): Promise<Response> {
  const res = await fetch(`http://${lab.registry.url}${path}`, { method, headers: { Authorization: basic(lab), ...headers }, body: body ? new Uint8Array(body) : undefined });
  if (res.status >= 300) throw new Error(`${method} ${path}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
  return res;
}

/** Runs `work` over `items`, `concurrency` at a time. */
async function eachLimited<T>(items: T[], concurrency: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < items.length) await work(items[next++]);
  }));
}

/** What the tags table shows for one page, asked of the registry directly: the tag list, then each tag's manifest and config. */
async function rawPage(lab: LabState, repo: string): Promise<number> {
  const list = (await (await registryCall(lab, 'GET', `/v2/${repo}/tags/list?n=${PAGE}`)).json()) as { tags: string[] };
  // The lab's registry (distribution 2.8) ignores `n` and lists every tag: the page is the first PAGE in lexical order, as the console's.
  const page = list.tags.length > PAGE ? [...list.tags].sort().slice(0, PAGE) : list.tags;
  await eachLimited(page, MANIFEST_CONCURRENCY, async (tag) => {
    const manifest = (await (await registryCall(lab, 'GET', `/v2/${repo}/manifests/${tag}`, { Accept: ACCEPT })).json()) as { config: { digest: string } };
    await (await registryCall(lab, 'GET', `/v2/${repo}/blobs/${manifest.config.digest}`)).arrayBuffer();
  });
  return page.length;
}

export const registryTags: Benchmark<RegistryTagsFigures> = {
  name: NAME,
  title: 'A repository with 10,000 tags: the first page of its tags table',

  async run({ pg, log }) {
    const lab = await labUp({ hosts: 3 });
    const repo = `bench/tags-${randomBytes(3).toString('hex')}`;
    // Seeded through the registry API: one image, its manifest put under 10,000 tags.
    const seedStart = performance.now();
    const digest = await pushLabImage(lab, basicRegistry(lab.registry), repo, 't00000', NAME);
    const manifest = Buffer.from(await (await registryCall(lab, 'GET', `/v2/${repo}/manifests/t00000`, { Accept: MANIFEST })).arrayBuffer());
    const undoSeed = onCleanup(`${repo} in the lab registry`, async () => {
      await registryCall(lab, 'DELETE', `/v2/${repo}/manifests/${digest}`).catch(() => {});
    });
    const tags = Array.from({ length: TAGS - 1 }, (_, i) => `t${String(i + 1).padStart(5, '0')}`);
    await eachLimited(tags, SEED_CONCURRENCY, async (tag) => {
      await registryCall(lab, 'PUT', `/v2/${repo}/manifests/${tag}`, { 'Content-Type': MANIFEST }, manifest);
    });
    const seedSeconds = round((performance.now() - seedStart) / 1000, 1);
    log(`${repo}: ${TAGS} tags seeded in ${seedSeconds} s`);

    const con = await startBenchConsole({ pg, name: NAME.replaceAll('-', '_'), hosts: [], log });
    try {
      const add = await findAction('lib/actions/registries.ts', 'addRegistryAction');
      const { result } = await callAction<{ data?: { id: string }; error?: { message: string } }>(con.origin, con.cookie, add, {
        name: 'lab-bench', kind: 'v2-basic', address: lab.registry.url, plainHttp: true, username: lab.registry.username, secret: lab.registry.password,
      });
      const registryId = result.data?.id;
      if (!registryId) throw new Error(`adding the lab registry failed: ${result.error?.message ?? JSON.stringify(result)}`);
      let rows = 0;
      const route = `/api/registries/${registryId}/tags?repository=${encodeURIComponent(repo)}`;
      const paths = await measureRotating(PATHS, {
        console: async () => {
          const { body, ms } = await timedGet<{ tags: unknown[] }>(con.origin, con.cookie, route);
          rows = body.tags.length;
          return ms;
        },
        'registry API': async () => {
          const t = performance.now();
          await rawPage(lab, repo);
          return performance.now() - t;
        },
      }, WARMUP_ROUNDS, ROUNDS);
      if (rows !== PAGE) throw new Error(`the console's first page held ${rows} tags, not ${PAGE}`);
      const ratio = round(paths.console.median / paths['registry API'].median, 2);
      const figures: RegistryTagsFigures = { tags: TAGS, page: PAGE, seedSeconds, rows, paths, ratio };
      return {
        figures,
        notes: [
          `Both paths read the same page: the tag list (n=${PAGE}), then each tag's manifest and config blob, ${MANIFEST_CONCURRENCY} at a time; the console also checks the session and the registry row, and answers JSON.`,
          `The lab's registry (distribution 2.8) ignores n and lists all ${TAGS} tags in each answer: both paths take the first ${PAGE} in lexical order from it (before the console did so, it described every tag of the answer).`,
        ],
        verdicts: [
          { target: `first page of ${TAGS} tags ≤ ${TARGET_RATIO}× the registry API's own time for it`, met: ratio <= TARGET_RATIO, measured: `${ratio}× (${paths.console.median} vs ${paths['registry API'].median} ms)` },
          { target: `first page answered ≤ ${TARGET_USABLE_MS} ms (table usable)`, met: paths.console.p90 <= TARGET_USABLE_MS, measured: `p90 ${paths.console.p90} ms` },
        ],
      };
    } finally {
      await con.stop();
      await registryCall(lab, 'DELETE', `/v2/${repo}/manifests/${digest}`).catch(() => {});
      undoSeed();
    }
  },

  printFigures({ figures: f }) {
    return [
      `${f.tags} tags in one repository (seeded in ${f.seedSeconds} s); first page of ${f.page}`,
      textTable([
        ['path', 'median ms', 'p90 ms', 'min', 'max'],
        ...PATHS.map((p) => [p, f.paths[p].median, f.paths[p].p90, f.paths[p].min, f.paths[p].max]),
      ]),
      `console / registry API: ${f.ratio}×`,
    ].join('\n');
  },

  markdown(result: BenchResult<RegistryTagsFigures>) {
    const f = result.figures;
    return [
      "**What it measures.** Opening a repository with 10,000 tags in the console: the first page of its tags table (each tag's digest, size, created time and platforms), against asking the registry for the same data directly.",
      '',
      `**How.** The bench pushes one image into the lab's htpasswd registry through its API and puts its manifest under ${f.tags} tags (${f.seedSeconds} s), then starts a production console with that registry added. \`GET /api/registries/:id/tags?repository=…\` (the table's first page, ${f.page} tags described) against the same page read from the registry API by the bench (the tag list with n=${f.page}, then each tag's manifest and config blob, ${MANIFEST_CONCURRENCY} at a time), ${ROUNDS} rounds after ${WARMUP_ROUNDS} unmeasured, in rotating order. The repository's manifest is deleted afterwards (every tag goes with it).`,
      '',
      markdownTable([['path', 'median', 'p90', 'min', 'max'], ...PATHS.map((p) => [p, `${f.paths[p].median} ms`, `${f.paths[p].p90} ms`, `${f.paths[p].min} ms`, `${f.paths[p].max} ms`])]),
      '',
      `- Console / registry API: **${f.ratio}×**.`,
      '',
      ...markdownTargets(result.verdicts),
    ].join('\n');
  },
};
