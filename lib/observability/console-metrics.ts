// The console's Prometheus metrics: one registry per console (created at start, owned by it), with
// the process's own figures, HTTP answers by route and status, whether the database answers, and
// open sockets and streams. Gauges are read when scraped, so a scrape costs no work in between.
import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DatabaseState } from '@/lib/http/probe-answers.ts';
import { routeLabel } from '@/lib/http/route-label.ts';

export type RealtimeCounts = { sockets: number; streams: Record<string, number> };

export type MetricsSources = {
  database: () => DatabaseState;
  realtime: () => RealtimeCounts;
  /** Fixed words of the console's routes (lib/http/route-label.ts). */
  routeWords: ReadonlySet<string>;
};

export class ConsoleMetrics {
  private readonly registry = new Registry();
  private readonly requests: Histogram<'method' | 'route' | 'status'>;

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
  }

  /** Times one request until its answer is finished; answers the route label it is counted under. */
  observe(req: IncomingMessage, res: ServerResponse): string {
    const end = this.requests.startTimer();
    const route = routeLabel(req.url ?? '/', this.sources.routeWords);
    res.once('finish', () => end({ method: req.method ?? 'GET', route, status: String(res.statusCode) }));
    return route;
  }

  async render(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
