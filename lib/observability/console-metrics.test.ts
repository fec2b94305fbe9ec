// The console's metrics as a scraper reads them, and the Grafana dashboard in docs/ asking only for
// metrics the console gives.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { ENGINE_OPERATIONS } from '@/lib/services/engine/observe-engine-calls.ts';
import { ConsoleMetrics, JOBS_READ_MS } from './console-metrics.ts';

const metrics = (hosts: string[] = ['h1', 'h2']) =>
  new ConsoleMetrics({
    database: () => ({ ready: false, since: 0, own: true }),
    realtime: () => ({ sockets: 3, streams: { logs: 2, exec: 1, 'host-ssh': 0, stats: 0, events: 0 } }),
    routeWords: new Set(['hosts']),
    hostIds: async () => hosts,
    engineOperations: ENGINE_OPERATIONS,
    jobs: async () => ({ waiting: { 'image-pull': 4 }, running: { 'image-pull': 1 } }),
  });

/** Metric names in a Prometheus text exposition (histograms by their series names too). */
const namesIn = (text: string) => new Set([...text.matchAll(/^# TYPE (\S+) (\S+)$/gm)].flatMap(([, name, type]) => (type === 'histogram' ? [name!, `${name}_bucket`, `${name}_count`, `${name}_sum`] : [name!])));

describe('ConsoleMetrics', () => {
  it('reads the database, sockets and streams when scraped', async () => {
    const { body, contentType } = await metrics().render();
    expect(contentType).toMatch(/^text\/plain/);
    expect(body).toMatch(/^wharf_database_up 0$/m);
    expect(body).toMatch(/^wharf_socket_connections 3$/m);
    expect(body).toMatch(/^wharf_streams_open\{kind="logs"\} 2$/m);
    expect(body).toMatch(/^wharf_streams_open\{kind="exec"\} 1$/m);
    expect(body).toMatch(/^process_resident_memory_bytes \d+/m);
  });

  it('gives the job queue\'s depth and this replica\'s running jobs by queue, and none while the queue cannot be read', async () => {
    const { body } = await metrics().render();
    expect(body).toMatch(/^wharf_jobs_waiting\{queue="image-pull"\} 4$/m);
    expect(body).toMatch(/^wharf_jobs_running\{queue="image-pull"\} 1$/m);
    const failing = new ConsoleMetrics({ database: () => ({ ready: false, since: 0, own: true }), realtime: () => ({ sockets: 0, streams: {} }), routeWords: new Set(), hostIds: async () => [], engineOperations: ENGINE_OPERATIONS, jobs: () => Promise.reject(new Error('no database')) });
    const failed = (await failing.render()).body;
    expect(failed).toMatch(/^# TYPE wharf_jobs_waiting gauge$/m);
    expect(failed).not.toMatch(/^wharf_jobs_waiting\{/m);
  });

  it('answers a scrape when the job queue does not (its database away): the other metrics, no job series', async () => {
    vi.useFakeTimers();
    try {
      const stuck = new ConsoleMetrics({ database: () => ({ ready: false, since: 0, own: true }), realtime: () => ({ sockets: 2, streams: {} }), routeWords: new Set(), hostIds: async () => [], engineOperations: ENGINE_OPERATIONS, jobs: () => new Promise(() => {}) });
      const rendering = stuck.render();
      await vi.advanceTimersByTimeAsync(JOBS_READ_MS);
      const { body } = await rendering;
      expect(body).toMatch(/^wharf_socket_connections 2$/m);
      expect(body).toMatch(/^wharf_database_up 0$/m);
      expect(body).not.toMatch(/^wharf_jobs_(waiting|running)\{/m);
    } finally {
      vi.useRealTimers();
    }
  });

  it('is one registry per console: two consoles in one process do not share series', async () => {
    const a = metrics();
    const b = metrics();
    expect((await a.render()).body).toContain('wharf_database_up');
    expect((await b.render()).body).toContain('wharf_database_up');
  });

  it('times engine calls and counts their failures per host and operation', async () => {
    const m = metrics();
    m.observeEngineCall({ hostId: 'h1', operation: 'listContainers', seconds: 0.02, failed: false });
    m.observeEngineCall({ hostId: 'h1', operation: 'listContainers', seconds: 0.3, failed: false });
    m.observeEngineCall({ hostId: 'h2', operation: 'inspectContainer', seconds: 0.01, failed: true });
    const { body } = await m.render();
    expect(body).toMatch(/^wharf_engine_call_duration_seconds_count\{host="h1",operation="listContainers"\} 2$/m);
    expect(body).toMatch(/^wharf_engine_call_duration_seconds_bucket\{le="0.025",host="h1",operation="listContainers"\} 1$/m);
    expect(body).toMatch(/^wharf_engine_call_errors_total\{host="h1",operation="listContainers"\} 0$/m);
    expect(body).toMatch(/^wharf_engine_call_errors_total\{host="h2",operation="inspectContainer"\} 1$/m);
  });

  it('labels only the gateway\'s operations, never a path or another name', async () => {
    const m = metrics();
    m.observeEngineCall({ hostId: 'h1', operation: '/containers/abc123/json', seconds: 0.01, failed: false });
    m.observeEngineCall({ hostId: 'h1', operation: 'ping', seconds: 0.01, failed: false });
    const { body } = await m.render();
    expect(ENGINE_OPERATIONS).toContain('ping');
    expect(body).toMatch(/^wharf_engine_call_duration_seconds_count\{host="h1",operation="other"\} 1$/m);
    expect(body).toMatch(/^wharf_engine_call_duration_seconds_count\{host="h1",operation="ping"\} 1$/m);
    expect(body).not.toContain('abc123');
  });

  it('drops the engine series of a host that is no longer registered when scraped', async () => {
    const hosts = ['h1', 'h2'];
    const m = metrics(hosts);
    m.observeEngineCall({ hostId: 'h1', operation: 'info', seconds: 0.01, failed: false });
    m.observeEngineCall({ hostId: 'h2', operation: 'info', seconds: 0.01, failed: true });
    expect((await m.render()).body).toMatch(/host="h2"/);
    hosts.splice(1, 1);
    const { body } = await m.render();
    expect(body).toMatch(/^wharf_engine_call_duration_seconds_count\{host="h1",operation="info"\} 1$/m);
    expect(body).not.toMatch(/host="h2"/);
  });

  it('the Grafana dashboard in docs asks only for metrics the console gives', async () => {
    const dashboard = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../docs/observability/grafana-dashboard.json'), 'utf8')) as { panels: { targets: { expr: string }[] }[] };
    const given = namesIn((await metrics().render()).body);
    const asked = dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => [...target.expr.matchAll(/\b((?:wharf|process|nodejs)_[a-z0-9_]+)\b/g)].map((m) => m[1]!)));
    expect(asked.length).toBeGreaterThan(8);
    expect(asked.filter((name) => !given.has(name))).toEqual([]);
    // Engine calls per host: their rate, p95 and errors.
    expect(asked).toEqual(expect.arrayContaining(['wharf_engine_call_duration_seconds_count', 'wharf_engine_call_duration_seconds_bucket', 'wharf_engine_call_errors_total']));
  });
});
