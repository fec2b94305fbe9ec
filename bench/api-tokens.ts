// The REST API (issue 14): what a token costs against a browser session, and how many authorised
// reads a second the console serves. Bursts of 200 concurrent `GET /api/v1/hosts` with an API token,
// the same list through the browser's route (`GET /api/hosts`, a session cookie), and, as the floor
// of a local HTTP round trip, 200 concurrent `GET /version` straight to a lab engine's socket (the
// engine has no list of hosts: that one is Wharf's). Then, in the bench process, the two doors'
// own first step alone: resolving the token (actorOfBearer) against resolving the session.
import Dockerode from 'dockerode';
import { AccessCache } from '@/lib/auth/access-cache.ts';
import { actorOfBearer } from '@/lib/auth/api-token-store.ts';
import { resolveSession } from '@/lib/auth/session-store.ts';
import { createApiToken } from '@/lib/services/api-tokens/manage-api-tokens.ts';
import { labUp } from '@/scripts/lab/index.ts';
import type { Benchmark } from './support/benchmark.ts';
import { startBenchConsole } from './support/console.ts';
import { distribution, markdownTable, markdownTargets, round, textTable, type BenchResult, type Distribution } from './support/report.ts';

const NAME = 'api-tokens';
const CONCURRENCY = 200;
const WARMUP_BURSTS = 3;
const BURSTS = 10;
const DOOR_READS = 2000;
const TARGET_TOKEN_OVERHEAD_MS = 2;
const TARGET_READS_PER_SECOND = 500;

type PathName = 'token' | 'session' | 'engine';
const PATHS: PathName[] = ['token', 'session', 'engine'];

/** One path's figures: each request's latency within the bursts, and each burst's reads per second. */
type PathFigures = { latencyMs: Distribution; readsPerSecond: Distribution };

export type ApiTokensFigures = {
  hosts: number;
  concurrency: number;
  bursts: number;
  paths: Record<PathName, PathFigures>;
  /** The token path's p50 latency minus the session path's, under the same load. */
  httpOverheadMs: number;
  /** actorOfBearer and resolveSession alone, sequential, in the bench process. */
  doorMs: { token: Distribution; session: Distribution };
};

/** 200 requests at once: each one's latency, and the burst's reads per second. */
async function burst(request: () => Promise<void>): Promise<{ latencies: number[]; perSecond: number }> {
  const started = performance.now();
  const latencies = await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      const t = performance.now();
      await request();
      return performance.now() - t;
    }),
  );
  return { latencies, perSecond: CONCURRENCY / ((performance.now() - started) / 1000) };
}

async function getJson(url: string, headers: Record<string, string>): Promise<void> {
  const response = await fetch(url, { headers });
  const body = await response.text();
  if (!response.ok) throw new Error(`GET ${url}: ${response.status} ${body.slice(0, 300)}`);
}

export const apiTokens: Benchmark<ApiTokensFigures> = {
  name: NAME,
  title: 'API tokens: 200 concurrent GET /api/v1/hosts with a token, a session, and the raw engine',

  async run({ pg, log }) {
    const lab = await labUp();
    const hosts = lab.hosts.slice(0, 2);
    const con = await startBenchConsole({ pg, name: NAME.replaceAll('-', '_'), hosts, log });
    try {
      await con.waitHostsUp();
      const sessionToken = con.cookie.split('=')[1]!;
      const admin = (await resolveSession(con.db, sessionToken))!;
      // A token is made from a browser session (a token cannot make tokens), as on the Account page.
      const { token } = await createApiToken({ db: con.db }, admin, { name: 'bench', expiresInDays: 1 });
      const bearer = `Bearer ${token}`;
      const engine = new Dockerode({ socketPath: hosts[0]!.socket });
      log(`${hosts.length} hosts; bursts of ${CONCURRENCY} concurrent reads, ${BURSTS} per path after ${WARMUP_BURSTS} unmeasured, rotating`);

      const requests: Record<PathName, () => Promise<void>> = {
        token: () => getJson(`${con.origin}/api/v1/hosts`, { authorization: bearer }),
        session: () => getJson(`${con.origin}/api/hosts`, { cookie: con.cookie, origin: con.origin }),
        engine: async () => {
          await engine.version();
        },
      };
      const samples = Object.fromEntries(PATHS.map((p) => [p, { latencies: [] as number[], perSecond: [] as number[] }])) as Record<PathName, { latencies: number[]; perSecond: number[] }>;
      for (let r = 0; r < WARMUP_BURSTS + BURSTS; r++) {
        for (const path of PATHS.map((_, i) => PATHS[(i + r) % PATHS.length]!)) {
          const measured = await burst(requests[path]);
          if (r < WARMUP_BURSTS) continue;
          samples[path].latencies.push(...measured.latencies);
          samples[path].perSecond.push(measured.perSecond);
        }
      }
      const paths = Object.fromEntries(PATHS.map((p) => [p, { latencyMs: distribution(samples[p].latencies), readsPerSecond: distribution(samples[p].perSecond) }])) as Record<PathName, PathFigures>;

      const doorSamples = { token: [] as number[], session: [] as number[] };
      // As the console resolves them: with its grants cache.
      const access = new AccessCache(con.db);
      for (let i = 0; i < DOOR_READS; i++) {
        const [first, second] = i % 2 ? (['token', 'session'] as const) : (['session', 'token'] as const);
        for (const door of [first, second]) {
          const t = performance.now();
          if (door === 'token') await actorOfBearer(con.db, bearer, '127.0.0.1', access);
          else await resolveSession(con.db, sessionToken, null, access);
          doorSamples[door].push(performance.now() - t);
        }
      }
      const figures: ApiTokensFigures = {
        hosts: hosts.length,
        concurrency: CONCURRENCY,
        bursts: BURSTS,
        paths,
        httpOverheadMs: round(paths.token.latencyMs.p50 - paths.session.latencyMs.p50, 2),
        doorMs: { token: distribution(doorSamples.token), session: distribution(doorSamples.session) },
      };
      const doorOverhead = round(figures.doorMs.token.p50 - figures.doorMs.session.p50, 3);
      return {
        figures,
        notes: [
          `Under load each request waits behind the others: the p50 latencies (${paths.token.latencyMs.p50} ms with a token, ${paths.session.latencyMs.p50} ms with a session) are mostly queueing in a console that serves one burst of ${CONCURRENCY} at a time on 2 cores. The token's own cost is read better from the door alone: resolving it p50 ${figures.doorMs.token.p50} ms against a session's ${figures.doorMs.session.p50} ms (each reads its row and its user in one query and takes the grants from the console's cache; last use is written at most once a minute).`,
          `The token path answers a page of hosts ({ items, nextCursor }), from the API door the console's own handler runs ahead of Next.js (lib/http/api/answer-api-request.ts); the session path the console's own list, through Next.js's route handler. Both read the hosts from Postgres through listHosts. Before the API left Next.js's routing, the two served about the same (340 and 327 reads/s on 2026-12-07, on a busier machine).`,
          `The raw engine's /version is read through dockerode in the bench process, whose own cost per request is part of that path: it is the order of a local HTTP round trip here, not a ceiling.`,
        ],
        verdicts: [
          {
            target: `token authorization adds ≤ ${TARGET_TOKEN_OVERHEAD_MS} ms at p50`,
            met: figures.httpOverheadMs <= TARGET_TOKEN_OVERHEAD_MS && doorOverhead <= TARGET_TOKEN_OVERHEAD_MS,
            measured: `HTTP p50 ${paths.token.latencyMs.p50} ms (token) − ${paths.session.latencyMs.p50} ms (session) = ${figures.httpOverheadMs} ms; the door alone: ${figures.doorMs.token.p50} − ${figures.doorMs.session.p50} = ${doorOverhead} ms`,
          },
          {
            target: `≥ ${TARGET_READS_PER_SECOND} authorised reads per second (token, ${CONCURRENCY} concurrent)`,
            met: paths.token.readsPerSecond.p50 >= TARGET_READS_PER_SECOND,
            measured: `median burst ${paths.token.readsPerSecond.p50} reads/s (worst ${paths.token.readsPerSecond.min}); session ${paths.session.readsPerSecond.p50}/s; raw engine /version ${paths.engine.readsPerSecond.p50}/s`,
          },
        ],
      };
    } finally {
      await con.stop();
    }
  },

  printFigures({ figures: f }) {
    const rows: (string | number)[][] = [['path', 'p50 ms', 'p95 ms', 'max ms', 'reads/s (median burst)', 'reads/s (worst)']];
    for (const p of PATHS) rows.push([p, f.paths[p].latencyMs.p50, f.paths[p].latencyMs.p95, f.paths[p].latencyMs.max, f.paths[p].readsPerSecond.p50, f.paths[p].readsPerSecond.min]);
    return [
      `${f.bursts} bursts of ${f.concurrency} concurrent reads per path, ${f.hosts} hosts`,
      textTable(rows),
      `token − session at p50: ${f.httpOverheadMs} ms; door alone: token p50 ${f.doorMs.token.p50} ms (p95 ${f.doorMs.token.p95}), session p50 ${f.doorMs.session.p50} ms (p95 ${f.doorMs.session.p95})`,
    ].join('\n');
  },

  markdown(result: BenchResult<ApiTokensFigures>) {
    const f = result.figures;
    return [
      '**What it measures.** What an API token costs against a browser session on the same read, and how many authorised reads a second the console serves on this machine.',
      '',
      `**How.** A production console (a separate process) on a fresh database with ${f.hosts} lab hosts and a signed-in administrator, who makes an API token. ${f.bursts} bursts per path (after ${WARMUP_BURSTS} unmeasured), in rotating order, each of ${f.concurrency} requests at once: \`GET /api/v1/hosts\` with \`Authorization: Bearer\`; \`GET /api/hosts\` with the session cookie (the browser's route to the same service); \`GET /version\` on lab-1's engine socket with dockerode (the floor of a local HTTP round trip; the engine has no list of hosts). Latency is each request's, within its burst; reads per second are each burst's ${f.concurrency} over its wall time. Then ${DOOR_READS} sequential token resolutions (actorOfBearer) and session resolutions (resolveSession), alternating, in the bench process, through a grants cache as the console keeps one.`,
      '',
      markdownTable([
        ['path', 'p50', 'p95', 'reads/s (median burst)', 'reads/s (worst burst)'],
        ...PATHS.map((p) => [p, `${f.paths[p].latencyMs.p50} ms`, `${f.paths[p].latencyMs.p95} ms`, f.paths[p].readsPerSecond.p50, f.paths[p].readsPerSecond.min]),
      ]),
      '',
      `- Token − session at p50 under load: **${f.httpOverheadMs} ms**. The door alone: token p50 **${f.doorMs.token.p50} ms** (p95 ${f.doorMs.token.p95} ms), session p50 ${f.doorMs.session.p50} ms (p95 ${f.doorMs.session.p95} ms).`,
      '',
      ...markdownTargets(result.verdicts),
    ].join('\n');
  },
};
