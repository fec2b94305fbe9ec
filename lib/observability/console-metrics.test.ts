// The console's metrics as a scraper reads them, and the Grafana dashboard in docs/ asking only for
// metrics the console gives.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConsoleMetrics } from './console-metrics.ts';

const metrics = () =>
  new ConsoleMetrics({
    database: () => ({ ready: false, since: 0, own: true }),
    realtime: () => ({ sockets: 3, streams: { logs: 2, exec: 1, 'host-ssh': 0, stats: 0, events: 0 } }),
    routeWords: new Set(['hosts']),
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

  it('is one registry per console: two consoles in one process do not share series', async () => {
    const a = metrics();
    const b = metrics();
    expect((await a.render()).body).toContain('wharf_database_up');
    expect((await b.render()).body).toContain('wharf_database_up');
  });

  it('the Grafana dashboard in docs asks only for metrics the console gives', async () => {
    const dashboard = JSON.parse(readFileSync(path.resolve(import.meta.dirname, '../../docs/observability/grafana-dashboard.json'), 'utf8')) as { panels: { targets: { expr: string }[] }[] };
    const given = namesIn((await metrics().render()).body);
    const asked = dashboard.panels.flatMap((panel) => panel.targets.flatMap((target) => [...target.expr.matchAll(/\b((?:wharf|process|nodejs)_[a-z0-9_]+)\b/g)].map((m) => m[1]!)));
    expect(asked.length).toBeGreaterThan(8);
    expect(asked.filter((name) => !given.has(name))).toEqual([]);
  });
});
