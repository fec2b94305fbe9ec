// Starts the whole console: database (own or configured), migrations, runtime, Next.js,
// socket.io and the inventory, on one HTTP server. Returns a stop function for clean shutdown.
// Several consoles may share one database (replicas): each beats in Replica, relays its changes
// to the others, shares socket.io rooms through the Postgres adapter, and runs what must not run
// twice (host watching, workers, pollers, sweeps) only while it leads that role.
import 'server-only';
import compression from 'compression';
import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import next from 'next';
import { createAdapter } from '@socket.io/postgres-adapter';
import { createAdapterPool } from '@/lib/realtime/server/socket-adapter-pool.ts';
import type { WharfConfig } from '@/lib/config/env.ts';
import { createDb } from '@/lib/db/client.ts';
import { openConfiguredDatabase } from '@/lib/db/embedded-postgres.ts';
import { migrateDatabase } from '@/lib/db/migrate.ts';
import { DatabaseHealth } from '@/lib/db/database-health.ts';
import { answerEarly, sendAnswer } from '@/lib/http/answer-early.ts';
import { loadKeyring } from '@/lib/crypto/load-keyring.ts';
import { pruneExpiredSessions } from '@/lib/auth/session-store.ts';
import { pruneAttempts } from '@/lib/auth/throttle.ts';
import { pruneAuditLog } from '@/lib/services/audit/audit-retention.ts';
import { AuditForwarder } from '@/lib/services/audit/forwarding/audit-forwarder.ts';
import { defineNotificationQueue, NOTIFICATION_SWEEP_MS } from '@/lib/services/notifications/notification-queue.ts';
import { raiseFromInventory } from '@/lib/services/notifications/raise-from-inventory.ts';
import { defineGitCheckQueue, GIT_SWEEP_MS } from '@/lib/services/stacks/git/git-check-queue.ts';
import { ChangeFeed } from '@/lib/events/change-feed.ts';
import { ChangeRelay } from '@/lib/events/change-relay.ts';
import { createRealtimeServer, type RealtimeServer } from '@/lib/realtime/server/realtime-server.ts';
import { ConsoleMetrics } from '@/lib/observability/console-metrics.ts';
import { installLogger, loggerFromEnvironment, type Logger } from '@/lib/observability/logger.ts';
import { requestIdFrom, withRequest } from '@/lib/observability/request-context.ts';
import { readRouteWords } from '@/lib/observability/route-words.ts';
import { serveMetrics } from '@/lib/http/serve-metrics.ts';
import { isForeignActionPost, refuseForeignAction } from '@/lib/http/refuse-foreign-action.ts';
import { pinClientHeaders, trustedProxies } from '@/lib/http/client-address.ts';
import { EngineClients } from '@/lib/services/engine/engine-clients.ts';
import { ENGINE_OPERATIONS } from '@/lib/services/engine/observe-engine-calls.ts';
import { Inventory } from '@/lib/services/inventory/inventory.ts';
import { HistorySampler } from '@/lib/services/history/history-sampler.ts';
import { historyPlan as planOfHistory } from '@/lib/models/history/history-math.ts';
import { offerLocalEngine } from '@/lib/services/hosts/offer-local-engine.ts';
import { createProvisionDrivers } from '@/lib/services/hosts/drivers/provision-drivers.ts';
import { markInterruptedRuns, ProvisionRunner } from '@/lib/services/hosts/provision/provision-runner.ts';
import { definePullQueue } from '@/lib/services/containers/pull-queue.ts';
import { JobQueue } from '@/lib/jobs/job-queue.ts';
import { forgetEndedPulls, markInterruptedPulls } from '@/lib/services/containers/mark-interrupted-pulls.ts';
import { defineDeployQueue } from '@/lib/services/stacks/deploy-queue.ts';
import { forgetEndedDeploys, markInterruptedDeploys } from '@/lib/services/stacks/mark-interrupted-deploys.ts';
import { ProbeBudget } from '@/lib/services/hosts/probe-budget.ts';
import { needsSetup } from '@/lib/services/users/setup-first-admin.ts';
import { machineNames, SetupGate, setupTokenLine } from '@/lib/services/users/setup-gate.ts';
import { loadAuthSecret } from './load-auth-secret.ts';
import { Leadership, LedWorker, periodic } from './leadership.ts';
import { forgetStaleReplicas, HEARTBEAT_MS, liveReplicaIds, ReplicaPresence } from './replica-presence.ts';
import { installRuntime, type WharfRuntime } from './runtime.ts';
import { AccessCache } from '@/lib/auth/access-cache.ts';
import { answerApiRequest } from '@/lib/http/api/answer-api-request.ts';
import { apiSegments } from '@/lib/http/api/api-path.ts';

export type RunningConsole = { url: string; runtime: WharfRuntime; stop: () => Promise<void> };

export type StartOptions = {
  projectDir: string;
  /** Receives what the console tells its operator (where Postgres lives, the setup token); the log otherwise. */
  log?: (line: string) => void;
  /** The process's log (lib/observability/logger.ts); made from the environment when not given. */
  logger?: Logger;
};

export async function startConsole(config: WharfConfig, options: StartOptions): Promise<RunningConsole> {
  const logger = options.logger ?? loggerFromEnvironment();
  installLogger(logger);
  const consoleLog = logger.child({ component: 'console' });
  const log = options.log ?? ((line: string) => consoleLog.info(line));
  const httpLog = logger.child({ component: 'http' });
  await mkdir(config.dataDir, { recursive: true, mode: 0o711 });

  // What the own Postgres says about where it lives reaches the log; its server output goes to <data>/postgres.log.
  const database = await openConfiguredDatabase(config, (line) => {
    if (line.startsWith('Postgres: ')) log(line);
  });
  log(database.pgdata ? `Postgres: Wharf's own, in ${database.pgdata}` : 'Postgres: DATABASE_URL');
  const migrated = await migrateDatabase(database.url, path.join(options.projectDir, 'prisma/migrations'));
  if (migrated.applied.length) log(`Database: applied ${migrated.applied.join(', ')}`);

  const db = createDb(database.url);
  const health = new DatabaseHealth(db, { own: database.embedded }, log);
  const keyring = await loadKeyring(config.dataDir, config.secretKey);
  const authSecret = await loadAuthSecret(config.dataDir, config.authSecret);
  const changes = new ChangeFeed();
  const replicaLog = logger.child({ component: 'replicas' });
  const replica = new ReplicaPresence({ db, log: replicaLog });
  await replica.start();
  const leadership = new Leadership({ databaseUrl: database.url, replicaId: replica.id, log: logger.child({ component: 'leadership' }) });
  let realtime: RealtimeServer | null = null;
  let jobs: JobQueue | null = null; // made below, once the replica's runs are swept
  const metrics = new ConsoleMetrics({
    database: () => health.current(),
    realtime: () => realtime?.counts() ?? { sockets: 0, streams: {} },
    routeWords: await readRouteWords(path.join(options.projectDir, 'app')),
    hostIds: async () => (await db.host.findMany({ select: { id: true } })).map((host) => host.id),
    engineOperations: ENGINE_OPERATIONS,
    jobs: async () => jobs?.counts() ?? { waiting: {}, running: {} },
  });
  const engines = new EngineClients({ db, keyring, changes, observer: (call) => metrics.observeEngineCall(call) });
  const historyPlan = planOfHistory(config.historyIntervalSeconds);
  // Each watched host's history is sampled by the replica watching it (lib/services/history).
  const inventory = new Inventory({ db, engines, changes, leadership, companions: (hostId) => [new HistorySampler(hostId, { db, engines }, historyPlan)] });
  // Listening before anything is served, so no change another replica makes from now on is missed.
  const relay = new ChangeRelay({
    databaseUrl: database.url, replicaId: replica.id, changes, log: replicaLog,
    resync: () => void inventory.reconcile().catch((error: unknown) => replicaLog.error({ err: error }, 'the inventory could not catch up')),
  });
  await relay.start();
  // Runs of this console's earlier life, or of a replica that stopped beating; live replicas' runs are theirs.
  const interrupted = await markInterruptedRuns({ db }, await liveReplicaIds(db));
  if (interrupted) log(`Provisioning: ${interrupted} run(s) were under way when the console stopped; marked interrupted`);
  const interruptedPulls = await markInterruptedPulls({ db }, await liveReplicaIds(db));
  if (interruptedPulls) log(`Pulls: ${interruptedPulls} image pull(s) were under way when the console stopped; marked interrupted`);
  const interruptedDeploys = await markInterruptedDeploys({ db }, await liveReplicaIds(db));
  if (interruptedDeploys) log(`Stacks: ${interruptedDeploys} deploy(s) were under way when the console stopped; marked interrupted at their step (deploy again to finish)`);
  // Background work goes through the job queue (pg-boss, schema wharf_jobs): each kind defines its
  // queue, the queue starts here, and whichever replica takes a job runs it.
  const queue = new JobQueue({ databaseUrl: database.url, replicaId: replica.id, log: logger.child({ component: 'jobs' }) });
  jobs = queue;
  const pulls = definePullQueue({ db, engines, keyring }, queue);
  const notices = defineNotificationQueue({ db, keyring }, queue);
  const deploys = defineDeployQueue({ db, engines, keyring, notices }, queue);
  const gitChecks = defineGitCheckQueue({ db, engines, keyring, deploys, notices }, queue);
  await queue.start();
  const drivers = createProvisionDrivers({ db, keyring });
  const { gate: setup, token: setupToken } = SetupGate.open(await needsSetup({ db }), machineNames(config));
  const provisioner = new ProvisionRunner({ db, keyring, changes, dataDir: config.dataDir }, drivers, replica.id);
  const auditForwarding = new LedWorker(() => new AuditForwarder({ db, keyring }));
  const auditForwarder = { reset: (id: string) => auditForwarding.current?.reset(id), wake: () => auditForwarding.current?.wake() };
  const access = new AccessCache(db);
  const runtime: WharfRuntime = { config, db, keyring, changes, engines, pulls, deploys, notices, gitChecks, inventory, authSecret, sessionHours: config.sessionHours, cliBundleDays: config.cliBundleDays, provisioner, drivers, auditForwarder, replica, leadership, dataDir: config.dataDir, databaseUrl: database.url, probes: new ProbeBudget(), setup, access };
  installRuntime(runtime);

  const app = next({ dev: config.dev, dir: options.projectDir, hostname: config.host, port: config.port });
  await app.prepare();
  const handle = app.getRequestHandler();

  // next-auth builds its URLs from NEXTAUTH_URL, or from the forwarded host when told to trust
  // it; the handler below makes those headers ours, never the client's.
  if (config.publicUrl) process.env.NEXTAUTH_URL = config.publicUrl;
  else process.env.AUTH_TRUST_HOST = '1';
  // Next reads the server actions key from the environment first (read here from its _FILE too).
  if (config.actionsKey) process.env.NEXT_SERVER_ACTIONS_ENCRYPTION_KEY = config.actionsKey;

  // gzip at level 1: Next's own compression (level 6) took ~22 ms of a 75 ms answer listing
  // 1,000 services (docs/benchmarks.md, services-listing); level 1 costs a few ms for ~10 % more bytes.
  const compress = compression({ level: 1 });
  const proxies = trustedProxies(config.trustedProxies);
  // Every request gets an id (the client's X-Request-Id when it is a safe token), answered in the
  // response and carried by every log line written for it (lib/observability/request-context.ts).
  const server = http.createServer((req, res) => {
    const requestId = requestIdFrom(req.headers['x-request-id']);
    req.headers['x-request-id'] = requestId;
    res.setHeader('X-Request-Id', requestId);
    withRequest(requestId, () => answer(req, res));
  });
  const answer = (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (serveMetrics(req, res, metrics, config.metricsToken)) return;
    // Probes and the page shown while the database is away come first: they need no session
    // (which lives in the database) and tell nothing but the state.
    const early = answerEarly(req, health.current());
    if (early) {
      sendAnswer(req, res, early);
      return;
    }
    const route = metrics.observe(req, res);
    const started = performance.now();
    // 'finish' comes from the socket, outside the request's context: the line is written inside it again.
    const requestId = String(req.headers['x-request-id']);
    res.once('finish', () => withRequest(requestId, () => httpLog.info({ method: req.method, route, status: res.statusCode, ms: Math.round(performance.now() - started) }, 'request answered')));
    // The one trustworthy client address: what this socket sees, or behind a listed proxy what
    // that proxy says it saw. Incoming copies are replaced.
    const client = pinClientHeaders(req, proxies);
    if (isForeignActionPost(req, config.publicUrl)) {
      void refuseForeignAction(req, res, db, client || null);
      return;
    }
    // The REST API's door answers here, ahead of Next.js (lib/http/api/answer-api-request.ts).
    const api = apiSegments(req.url);
    const onward = api ? () => void answerApiRequest(runtime, req, res, api) : () => void handle(req, res);
    compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], onward);
  };
  // socket.io rooms across replicas: connections of their own (one for queries, so emits go out in
  // order, and the adapter's LISTEN connection; see socket-adapter-pool.ts).
  const socketsPool = createAdapterPool({
    connectionString: database.url,
    applicationName: `wharf-sockets:${replica.id}`,
    onError: (error, part) => replicaLog.warn({ err: error, part }, 'a connection of the socket adapter failed'),
  });
  const adapter = createAdapter(socketsPool.forAdapter, { errorHandler: (error) => replicaLog.warn({ err: error }, 'the socket adapter failed') });
  realtime = createRealtimeServer(server, { db, inventory, changes, engines, keyring, drivers, publicUrl: config.publicUrl, trustedProxies: proxies, maxStreamsPerUser: config.maxStreamsPerUser, access, adapter });
  const local = await offerLocalEngine(runtime, config.localEngine);
  if (local === 'registered') log(`Found a Docker engine at ${config.localEngine}: added it as the host "local".`);
  // Hosts going unreachable, containers dying and nodes going down raise notifications.
  const stopRaising = raiseFromInventory({ db, notices }, inventory);
  // Each host is watched by the replica leading its role (lib/services/inventory/inventory.ts).
  await inventory.start();
  // A change another replica sent while its relay was reconnecting never arrives: look at the hosts again every minute.
  const reconcileHosts = setInterval(() => void inventory.reconcile().catch((error: unknown) => replicaLog.warn({ err: error }, 'the inventory could not look at the hosts again')), 60_000);
  reconcileHosts.unref();
  health.start();

  // What must run on one replica only, each on the replica leading its role (taken over within
  // seconds when that replica dies). Audit forwarding resumes from each destination's cursor; the
  // notification outbox and git checks go through the job queue (any replica sends and checks),
  // their sweeps send a job for what has none; the replicas sweep marks a dead replica's runs interrupted.
  const auditLog = logger.child({ component: 'audit' });
  leadership.lead('audit.forwarding', auditForwarding);
  leadership.lead('notifications.sweep', new LedWorker(() => periodic(NOTIFICATION_SWEEP_MS, () => notices.sweep(), logger.child({ component: 'notifications' }))));
  leadership.lead('git-stacks.sweep', new LedWorker(() => periodic(GIT_SWEEP_MS, () => gitChecks.sweep(), logger.child({ component: 'git-stacks' }))));
  leadership.lead('replicas.sweep', new LedWorker(() => periodic(HEARTBEAT_MS, async () => {
    const marked = await markInterruptedRuns({ db, changes }, await liveReplicaIds(db));
    if (marked) replicaLog.warn({ runs: marked }, 'provisioning runs of a replica that stopped beating were marked interrupted');
    const markedPulls = await markInterruptedPulls({ db }, await liveReplicaIds(db));
    if (markedPulls) replicaLog.warn({ pulls: markedPulls }, 'image pulls of a replica that stopped beating were marked interrupted');
    const markedDeploys = await markInterruptedDeploys({ db }, await liveReplicaIds(db));
    if (markedDeploys) replicaLog.warn({ deploys: markedDeploys }, 'stack deploys of a replica that stopped beating were marked interrupted');
    await forgetStaleReplicas(db);
  }, replicaLog)));
  // Hourly: audit retention (keep everything unless an administrator set a number of days), old sign-in attempts and sessions.
  leadership.lead('maintenance', new LedWorker(() => periodic(3600_000, async () => {
    await pruneAttempts(db).catch(() => {});
    await pruneExpiredSessions(db).catch(() => {});
    await pruneAuditLog({ db }).catch((error: unknown) => auditLog.error({ err: error }, 'audit retention could not run'));
    await forgetEndedPulls({ db }).catch(() => {});
    await forgetEndedDeploys({ db }).catch(() => {});
  }, auditLog)));
  await leadership.start();

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const shownHost = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = `http://${shownHost}:${config.port}`;
  // The one place the setup token appears: the operator copies it from here.
  if (setupToken) log(setupTokenLine(config.publicUrl ?? url, setupToken));

  return {
    url,
    runtime,
    async stop() {
      // Every role stops here and its lock is released: the other replicas take them over.
      clearInterval(reconcileHosts);
      await leadership.stop();
      health.stop();
      stopRaising();
      await provisioner.close().catch((error: unknown) => consoleLog.error({ err: error }, 'provisioning runs could not stop cleanly'));
      await queue.stop();
      inventory.stop();
      await relay.stop();
      await replica.stop();
      engines.close();
      await realtime?.close().catch(() => {});
      await socketsPool.end();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close?.().catch?.(() => {});
      await db.$disconnect().catch(() => {});
      await database.stop().catch(() => {});
      installRuntime(undefined);
    },
  };
}
