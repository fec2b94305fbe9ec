// Starts the whole console: database (own or configured), migrations, runtime, Next.js,
// socket.io and the inventory, on one HTTP server. Returns a stop function for clean shutdown.
import 'server-only';
import compression from 'compression';
import { mkdir } from 'node:fs/promises';
import http from 'node:http';
import path from 'node:path';
import next from 'next';
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
import { NotificationWorker } from '@/lib/services/notifications/notification-worker.ts';
import { raiseFromInventory } from '@/lib/services/notifications/raise-from-inventory.ts';
import { GitStackPoller } from '@/lib/services/stacks/git/git-stack-poller.ts';
import { ChangeFeed } from '@/lib/events/change-feed.ts';
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
import { offerLocalEngine } from '@/lib/services/hosts/offer-local-engine.ts';
import { createProvisionDrivers } from '@/lib/services/hosts/drivers/provision-drivers.ts';
import { markInterruptedRuns, ProvisionRunner } from '@/lib/services/hosts/provision/provision-runner.ts';
import { ProbeBudget } from '@/lib/services/hosts/probe-budget.ts';
import { needsSetup } from '@/lib/services/users/setup-first-admin.ts';
import { machineNames, SetupGate, setupTokenLine } from '@/lib/services/users/setup-gate.ts';
import { loadAuthSecret } from './load-auth-secret.ts';
import { installRuntime, type WharfRuntime } from './runtime.ts';
import { AccessCache } from '@/lib/auth/access-cache.ts';

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
  let realtime: RealtimeServer | null = null;
  const metrics = new ConsoleMetrics({
    database: () => health.current(),
    realtime: () => realtime?.counts() ?? { sockets: 0, streams: {} },
    routeWords: await readRouteWords(path.join(options.projectDir, 'app')),
    hostIds: async () => (await db.host.findMany({ select: { id: true } })).map((host) => host.id),
    engineOperations: ENGINE_OPERATIONS,
  });
  const engines = new EngineClients({ db, keyring, changes, observer: (call) => metrics.observeEngineCall(call) });
  const inventory = new Inventory({ db, engines, changes });
  const interrupted = await markInterruptedRuns({ db });
  if (interrupted) log(`Provisioning: ${interrupted} run(s) were under way when the console stopped; marked interrupted`);
  const drivers = createProvisionDrivers({ db, keyring });
  const { gate: setup, token: setupToken } = SetupGate.open(await needsSetup({ db }), machineNames(config));
  const provisioner = new ProvisionRunner({ db, keyring, changes, dataDir: config.dataDir }, drivers);
  const auditForwarder = new AuditForwarder({ db, keyring });
  const notifications = new NotificationWorker({ db, keyring });
  const access = new AccessCache(db);
  const runtime: WharfRuntime = { config, db, keyring, changes, engines, inventory, authSecret, sessionHours: config.sessionHours, cliBundleDays: config.cliBundleDays, provisioner, drivers, auditForwarder, notifications, dataDir: config.dataDir, databaseUrl: database.url, probes: new ProbeBudget(), setup, access };
  installRuntime(runtime);

  const app = next({ dev: config.dev, dir: options.projectDir, hostname: config.host, port: config.port });
  await app.prepare();
  const handle = app.getRequestHandler();

  // next-auth builds its URLs from NEXTAUTH_URL, or from the forwarded host when told to trust
  // it; the handler below makes those headers ours, never the client's.
  if (config.publicUrl) process.env.NEXTAUTH_URL = config.publicUrl;
  else process.env.AUTH_TRUST_HOST = '1';

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
    compress(req as Parameters<typeof compress>[0], res as Parameters<typeof compress>[1], () => void handle(req, res));
  };
  realtime = createRealtimeServer(server, { db, inventory, changes, engines, keyring, drivers, publicUrl: config.publicUrl, trustedProxies: proxies, maxStreamsPerUser: config.maxStreamsPerUser, access });
  const local = await offerLocalEngine(runtime, config.localEngine);
  if (local === 'registered') log(`Found a Docker engine at ${config.localEngine}: added it as the host "local".`);
  // Hosts going unreachable, containers dying and nodes going down raise notifications.
  const stopRaising = raiseFromInventory({ db }, inventory);
  await inventory.start();
  health.start();

  // Audit retention (keep everything unless an administrator set a number of days).
  const auditLog = logger.child({ component: 'audit' });
  const pruneAudit = () => void pruneAuditLog({ db }).catch((error: unknown) => auditLog.error({ err: error }, 'audit retention could not run'));
  pruneAudit();
  // Audit forwarding resumes from each destination's cursor.
  auditForwarder.start();
  // The notification outbox is sent from where it stopped.
  notifications.start();
  // Stacks that follow a git repository are checked on their intervals.
  const gitStacks = new GitStackPoller({ db, engines, keyring });
  gitStacks.start();
  const maintenance = setInterval(() => {
    void pruneAttempts(db).catch(() => {});
    void pruneExpiredSessions(db).catch(() => {});
    pruneAudit();
  }, 3600_000);
  maintenance.unref();

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
      clearInterval(maintenance);
      await gitStacks.stop();
      health.stop();
      await auditForwarder.stop().catch((error: unknown) => auditLog.error({ err: error }, 'audit forwarding could not stop cleanly'));
      stopRaising();
      await notifications.stop().catch((error: unknown) => consoleLog.error({ err: error }, 'notifications could not stop cleanly'));
      await provisioner.close().catch((error: unknown) => consoleLog.error({ err: error }, 'provisioning runs could not stop cleanly'));
      inventory.stop();
      engines.close();
      await realtime?.close().catch(() => {});
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await app.close?.().catch?.(() => {});
      await db.$disconnect().catch(() => {});
      await database.stop().catch(() => {});
      installRuntime(undefined);
    },
  };
}
