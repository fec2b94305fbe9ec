// The console's Prometheus metrics: one registry per console (created at start, owned by it), with
// the process's own figures, HTTP answers by route and status, whether the database answers, open
// sockets and streams, and engine calls per host (latency and errors, by the gateway's operation).
// Gauges are read when scraped, so a scrape costs no work in between. Engine series exist only for
// registered hosts: a removed host's series go at the next scrape.
import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { EngineCallRecord } from '@/lib/services/engine/observe-engine-calls.ts';
import type { DatabaseState } from '@/lib/http/probe-answers.ts';
import { routeLabel } from '@/lib/http/route-label.ts';
import type { JobCounts } from '@/lib/jobs/job-queue.ts';

export type RealtimeCounts = { sockets: number; streams: Record<string, number> };

export type MetricsSources = {
  database: () => DatabaseState;
  realtime: () => RealtimeCounts;
  /** Fixed words of the console's routes (lib/http/route-label.ts). */
  routeWords: ReadonlySet<string>;
  /** The ids of the registered hosts: engine series of any other host are dropped when scraped. */
  hostIds: () => Promise<readonly string[]>;
  /** The gateway's operations (EngineApi's methods); any other name is counted as "other". */
  engineOperations: readonly string[];
  /** The job queue's depth and this replica's running jobs, by queue (read once per scrape). */
  jobs?: () => Promise<JobCounts>;
};

type EngineLabels = 'host' | 'operation';

/** How long a scrape waits for the job queue's figures (they are read from the database). */
export const JOBS_READ_MS = 1_000;

/** `work`'s answer, or null when it fails or takes longer than `ms`. */
function withinMs<T>(work: Promise<T>, ms: number): Promise<T | null> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(null), ms);
    timer.unref?.();
    work.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      () => {
        clearTimeout(timer);
        resolve(null);
      },
    );
  });
}

export class ConsoleMetrics {
  private readonly registry = new Registry();
  private readonly requests: Histogram<'method' | 'route' | 'status'>;
  private readonly engineCalls: Histogram<EngineLabels>;
  private readonly engineErrors: Counter<EngineLabels>;
  /** The label sets engine series were made with, per host: what a removed host leaves to drop. */
  private readonly engineSeries = new Map<string, Set<string>>();
  private readonly operations: ReadonlySet<string>;

  constructor(private readonly sources: MetricsSources) {
    collectDefaultMetrics({ register: this.registry });
    const registers = [this.registry];
    this.requests = new Histogram({
      name: 'wharf_http_request_duration_seconds',
      help: 'Time to answer an HTTP request (pages, server actions, API routes), by method, route and status.',
      labelNames: ['method', 'route', 'status'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers,
    });
    this.operations = new Set(sources.engineOperations);
    this.engineCalls = new Histogram({
      name: 'wharf_engine_call_duration_seconds',
      help: 'Time an engine took to answer a call of the console, by registered host id and operation (successes and failures).',
      labelNames: ['host', 'operation'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25],
      registers,
    });
    this.engineErrors = new Counter({
      name: 'wharf_engine_call_errors_total',
      help: 'Engine calls of the console that failed (refused, timed out, unreachable), by registered host id and operation.',
      labelNames: ['host', 'operation'],
      registers,
    });
    new Gauge({
      name: 'wharf_database_up',
      help: 'Whether the console’s database answers (1) or not (0).',
      registers,
      collect() {
        this.set(sources.database().ready ? 1 : 0);
      },
    });
    new Gauge({
      name: 'wharf_socket_connections',
      help: 'Browser sockets connected (live updates, logs, terminals).',
      registers,
      collect() {
        this.set(sources.realtime().sockets);
      },
    });
    new Gauge({
      name: 'wharf_streams_open',
      help: 'Live streams open, by kind (logs, exec, host-ssh, stats, events).',
      labelNames: ['kind'],
      registers,
      collect() {
        this.reset();
        for (const [kind, count] of Object.entries(sources.realtime().streams)) this.set({ kind }, count);
      },
    });
    // One read of the queue per scrape, shared by both gauges, given at most JOBS_READ_MS: while the
    // database is away or slow, neither has series and the scrape still answers.
    let counts: Promise<JobCounts | null> | null = null;
    const readJobs = () => (counts ??= withinMs(sources.jobs?.() ?? Promise.resolve(null), JOBS_READ_MS).finally(() => setTimeout(() => (counts = null), 0)));
    new Gauge({
      name: 'wharf_jobs_waiting',
      help: 'Jobs waiting in the job queue to be taken by any replica, by queue (image-pull, …).',
      labelNames: ['queue'],
      registers,
      async collect() {
        this.reset();
        for (const [queue, count] of Object.entries((await readJobs())?.waiting ?? {})) this.set({ queue }, count);
      },
    });
    new Gauge({
      name: 'wharf_jobs_running',
      help: 'Jobs this replica is running now, by queue.',
      labelNames: ['queue'],
      registers,
      async collect() {
        this.reset();
        for (const [queue, count] of Object.entries((await readJobs())?.running ?? {})) this.set({ queue }, count);
      },
    });
  }

  /** Times one request until its answer is finished; answers the route label it is counted under. */
  observe(req: IncomingMessage, res: ServerResponse): string {
    const end = this.requests.startTimer();
    const route = routeLabel(req.url ?? '/', this.sources.routeWords);
    res.once('finish', () => end({ method: req.method ?? 'GET', route, status: String(res.statusCode) }));
    return route;
  }

  /** Counts one engine call made through the gateway (lib/services/engine/observe-engine-calls.ts). */
  observeEngineCall(call: EngineCallRecord): void {
    const labels = { host: call.hostId, operation: this.operations.has(call.operation) ? call.operation : 'other' };
    this.engineCalls.observe(labels, call.seconds);
    if (call.failed) this.engineErrors.inc(labels);
    else this.engineErrors.inc(labels, 0);
    const seen = this.engineSeries.get(labels.host) ?? new Set<string>();
    seen.add(labels.operation);
    this.engineSeries.set(labels.host, seen);
  }

  private forgetRemovedHosts(registered: readonly string[]): void {
    const keep = new Set(registered);
    for (const [host, operations] of this.engineSeries) {
      if (keep.has(host)) continue;
      for (const operation of operations) {
        this.engineCalls.remove({ host, operation });
        this.engineErrors.remove({ host, operation });
      }
      this.engineSeries.delete(host);
    }
  }

  async render(): Promise<{ contentType: string; body: string }> {
    // While the database is away the hosts cannot be read: the series stay until a scrape can.
    const registered = await this.sources.hostIds().catch(() => null);
    if (registered) this.forgetRemovedHosts(registered);
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
