// Teams (issue 12): what filtering by grants costs. Containers listed across 20 hosts by a user whose
// grants cover 10 of them, against an administrator seeing all; and one authorization with 1,000
// grants in the database: the session read that loads them (once per request) and the check itself.
import { randomBytes } from 'node:crypto';
import Dockerode from 'dockerode';
import { hashPassword } from '@/lib/auth/password.ts';
import { isAllowed, reachesHost, visibleScopes, type Grant } from '@/lib/auth/permissions.ts';
import { AccessCache } from '@/lib/auth/access-cache.ts';
import { createSession, resolveSession, SESSION_COOKIE } from '@/lib/auth/session-store.ts';
import { containerTarget } from '@/lib/models/access/containment.ts';
import { labUp } from '@/scripts/lab/index.ts';
import type { Benchmark } from './support/benchmark.ts';
import { onCleanup } from './support/cleanup.ts';
import { startBenchConsole } from './support/console.ts';
import { removeLabelled, startContainer } from './support/engine-bench.ts';
import { distribution, markdownTable, markdownTargets, round, textTable, type BenchResult, type Distribution } from './support/report.ts';
import { measureRotating, timedGet, type PathFigures } from './support/swarm.ts';

const NAME = 'teams-filtering';
const HOSTS = 20;
const GRANTED_HOSTS = 10;
const CONTAINERS_PER_ENGINE = 30;
const GRANTS = 1000;
const WARMUP_ROUNDS = 3;
const ROUNDS = 15;
const CHECKS = 20_000;
const SESSION_READS = 200;
const TARGET_FILTER_SHARE = 0.1;
const TARGET_CHECK_P50_MS = 1;

type PathName = 'administrator' | 'scoped user';
const PATHS: PathName[] = ['administrator', 'scoped user'];

export type TeamsFilteringFigures = {
  hosts: number;
  grantedHosts: number;
  engines: number;
  containersPerEngine: number;
  grants: number;
  counts: { administrator: number; scopedUser: number };
  paths: Record<PathName, PathFigures>;
  /** The filter alone (visibleScopes, reachesHost, isAllowed per row) over the administrator's full list. */
  filterMs: Distribution;
  filterShare: number;
  /** isAllowed on a container target with the 1,000 grants, allowed and refused. */
  checkMs: Distribution;
  /** Reading a session with its 1,000 grants from Postgres (what a request does when the user's grants changed since the console last read them). */
  sessionReadMs: Distribution;
  /** Reading a session through the console's grants cache, nothing changed (what each request does). */
  sessionReadCachedMs?: Distribution;
};

export const teamsFiltering: Benchmark<TeamsFilteringFigures> = {
  name: NAME,
  title: 'Filtering by grants: containers across 20 hosts, one check among 1,000 grants',

  async run({ pg, log }) {
    // lab-4..6 (lab-1..3 belong to the test suite), each registered several times: 20 hosts.
    const lab = await labUp({ hosts: 6 });
    const engines = lab.hosts.slice(3, 6);
    const dockers = engines.map((e) => new Dockerode({ socketPath: e.socket }));
    for (const docker of dockers) await removeLabelled(docker, NAME);
    const undoContainers = onCleanup(`${NAME} containers`, async () => {
      for (const docker of dockers) await removeLabelled(docker, NAME);
    });
    const hosts = Array.from({ length: HOSTS }, (_, i) => ({ ...engines[i % engines.length], name: `teams-h${String(i + 1).padStart(2, '0')}` }));
    const con = await startBenchConsole({ pg, name: NAME.replaceAll('-', '_'), hosts, log });
    try {
      for (const [i, docker] of dockers.entries()) {
        for (let n = 0; n < CONTAINERS_PER_ENGINE; n++) await startContainer(docker, { name: `${NAME}-${i}-${n}-${randomBytes(2).toString('hex')}`, image: lab.image, cmd: ['sleep', '3600'], label: NAME });
      }
      await con.waitHostsUp();

      // A user with no global access: viewer on 10 hosts, and 990 grants on stacks of a swarm elsewhere.
      const user = await con.db.user.create({ data: { username: 'bench-scoped', passwordHash: await hashPassword(randomBytes(16).toString('hex')), role: 'none' } });
      const granted = con.hosts.slice(0, GRANTED_HOSTS);
      await con.db.grant.createMany({
        data: [
          ...granted.map((h) => ({ userId: user.id, builtinRole: 'viewer', scopeType: 'host', hostId: h.id })),
          ...Array.from({ length: GRANTS - GRANTED_HOSTS }, (_, i) => ({ userId: user.id, builtinRole: 'operator', scopeType: 'stack', swarmId: 'benchswarm000000000000000', stackName: `stack-${i}` })),
        ],
      });
      const { token } = await createSession(con.db, user.id, { hours: 1, ip: '127.0.0.1', userAgent: 'wharf-bench' });
      const cookie = `${SESSION_COOKIE}=${token}`;
      log(`${HOSTS} hosts on ${engines.length} engines, ${CONTAINERS_PER_ENGINE} containers each; a user with ${GRANTS} grants covering ${GRANTED_HOSTS} hosts`);

      const counts = { administrator: 0, scopedUser: 0 };
      type Listing = { containers: { id: string; hostId: string }[] };
      let adminRows: Listing['containers'] = [];
      const measure: Record<PathName, () => Promise<number>> = {
        administrator: async () => {
          const { body, ms } = await timedGet<Listing>(con.origin, con.cookie, '/api/containers');
          counts.administrator = body.containers.length;
          adminRows = body.containers;
          return ms;
        },
        'scoped user': async () => {
          const { body, ms } = await timedGet<Listing>(con.origin, cookie, '/api/containers');
          counts.scopedUser = body.containers.length;
          return ms;
        },
      };
      const paths = await measureRotating(PATHS, measure, WARMUP_ROUNDS, ROUNDS);

      // The filter alone, over the administrator's rows, with the scoped user's grants as the session reads them.
      const actor = (await resolveSession(con.db, token))!;
      const grants: Grant[] = actor.grants;
      const filterSamples: number[] = [];
      for (let r = 0; r < ROUNDS * 10; r++) {
        const t = performance.now();
        const visible = visibleScopes(grants, 'container.view');
        let kept = 0;
        for (const row of adminRows) if (reachesHost(visible, row.hostId, null) && isAllowed(grants, 'container.view', containerTarget(row.hostId, null, null))) kept++;
        filterSamples.push(performance.now() - t);
        if (kept !== counts.scopedUser) throw new Error(`the filter kept ${kept} rows, the scoped list had ${counts.scopedUser}`);
      }
      const checkSamples: number[] = [];
      const outside = con.hosts[HOSTS - 1].id;
      for (let i = 0; i < CHECKS; i++) {
        const target = { type: 'host' as const, id: i % 2 ? granted[0].id : outside };
        const t = performance.now();
        isAllowed(grants, 'container.view', target);
        checkSamples.push(performance.now() - t);
      }
      const sessionSamples: number[] = [];
      const cachedSamples: number[] = [];
      // As the console reads it: through a grants cache (filled by the first read), alternating with uncached reads.
      const access = new AccessCache(con.db);
      await resolveSession(con.db, token, null, access);
      for (let i = 0; i < SESSION_READS; i++) {
        for (const cached of i % 2 ? [true, false] : [false, true]) {
          const t = performance.now();
          await resolveSession(con.db, token, null, cached ? access : undefined);
          (cached ? cachedSamples : sessionSamples).push(performance.now() - t);
        }
      }
      const filterMs = distribution(filterSamples);
      const figures: TeamsFilteringFigures = {
        hosts: HOSTS,
        grantedHosts: GRANTED_HOSTS,
        engines: engines.length,
        containersPerEngine: CONTAINERS_PER_ENGINE,
        grants: grants.length,
        counts,
        paths,
        filterMs,
        filterShare: round(filterMs.p50 / paths.administrator.median, 4),
        checkMs: distribution(checkSamples),
        sessionReadMs: distribution(sessionSamples),
        sessionReadCachedMs: distribution(cachedSamples),
      };
      return {
        figures,
        notes: [
          `The scoped user's list reads ${GRANTED_HOSTS} of the ${HOSTS} hosts: ${paths['scoped user'].median} ms against the administrator's ${paths.administrator.median} ms. Each request reads the session with its user and access version in one query and takes the ${figures.grants} grants from the console's cache (p50 ${figures.sessionReadCachedMs!.p50} ms); only after a change to them are they read again (p50 ${figures.sessionReadMs.p50} ms).`,
        ],
        verdicts: [
          { target: `filtering costs ≤ ${TARGET_FILTER_SHARE * 100}% of the list time (${HOSTS} hosts, grants covering ${GRANTED_HOSTS})`, met: figures.filterShare <= TARGET_FILTER_SHARE, measured: `${round(figures.filterShare * 100, 2)}% (filter p50 ${filterMs.p50} ms of ${paths.administrator.median} ms)` },
          { target: `one authorization (p50) ≤ ${TARGET_CHECK_P50_MS} ms with ${GRANTS} grants`, met: figures.checkMs.p50 <= TARGET_CHECK_P50_MS, measured: `p50 ${figures.checkMs.p50} ms, p95 ${figures.checkMs.p95} ms; the session read of each request (grants cached): p50 ${figures.sessionReadCachedMs!.p50} ms, after a change (grants read again): p50 ${figures.sessionReadMs.p50} ms` },
        ],
      };
    } finally {
      await con.stop();
      undoContainers();
      for (const docker of dockers) await removeLabelled(docker, NAME);
    }
  },

  printFigures({ figures: f }) {
    const rows: (string | number)[][] = [['path', 'median ms', 'p90 ms', 'min', 'max', 'containers']];
    rows.push(['administrator', f.paths.administrator.median, f.paths.administrator.p90, f.paths.administrator.min, f.paths.administrator.max, f.counts.administrator]);
    rows.push(['scoped user', f.paths['scoped user'].median, f.paths['scoped user'].p90, f.paths['scoped user'].min, f.paths['scoped user'].max, f.counts.scopedUser]);
    return [
      `${f.hosts} hosts on ${f.engines} engines (${f.containersPerEngine} containers each); the scoped user holds ${f.grants} grants covering ${f.grantedHosts} hosts`,
      textTable(rows),
      `filter alone: p50 ${f.filterMs.p50} ms (${round(f.filterShare * 100, 2)}% of the administrator's list); isAllowed: p50 ${f.checkMs.p50} ms, p95 ${f.checkMs.p95} ms; session read: cached p50 ${f.sessionReadCachedMs?.p50 ?? '—'} ms, grants read again p50 ${f.sessionReadMs.p50} ms (p95 ${f.sessionReadMs.p95})`,
    ].join('\n');
  },

  markdown(result: BenchResult<TeamsFilteringFigures>) {
    const f = result.figures;
    return [
      "**What it measures.** What filtering by grants costs: the containers list across many hosts for a user whose grants cover half of them, and one authorization among 1,000 grants.",
      '',
      `**How.** lab-4..6 are each registered several times (${f.hosts} hosts, ${f.containersPerEngine} containers per engine) in a production console. A user with no global access holds ${f.grants} grants: viewer on ${f.grantedHosts} hosts and operator on stacks elsewhere. \`GET /api/containers\` as the administrator and as that user, ${ROUNDS} rounds after ${WARMUP_ROUNDS} unmeasured, in rotating order. Then, in the bench process, the filter alone (visibleScopes, then isAllowed per row) over the administrator's rows with the user's grants as the session reads them; ${CHECKS} calls of isAllowed on a host target (half allowed, half refused); ${SESSION_READS} session reads through a grants cache as the console keeps it and ${SESSION_READS} reading the grants again, alternating.`,
      '',
      markdownTable([
        ['path', 'median', 'p90', 'containers'],
        ['administrator', `${f.paths.administrator.median} ms`, `${f.paths.administrator.p90} ms`, f.counts.administrator],
        ['scoped user', `${f.paths['scoped user'].median} ms`, `${f.paths['scoped user'].p90} ms`, f.counts.scopedUser],
      ]),
      '',
      `- Filter alone: p50 **${f.filterMs.p50} ms**, ${round(f.filterShare * 100, 2)}% of the administrator's list. isAllowed with ${f.grants} grants: p50 **${f.checkMs.p50} ms**, p95 ${f.checkMs.p95} ms. Session read of each request (grants from the console's cache): p50 ${f.sessionReadCachedMs?.p50 ?? '—'} ms, p95 ${f.sessionReadCachedMs?.p95 ?? '—'} ms; after a change to the user's grants (read again): p50 ${f.sessionReadMs.p50} ms, p95 ${f.sessionReadMs.p95} ms.`,
      '',
      ...markdownTargets(result.verdicts),
    ].join('\n');
  },
};
