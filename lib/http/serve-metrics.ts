// GET /metrics: the console's Prometheus metrics for a scraper holding WHARF_METRICS_TOKEN; 404 when
// no token is configured, 401 without the right one. Returns false for any other request.
import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ConsoleMetrics } from '@/lib/observability/console-metrics.ts';
import { sendAnswer } from './answer-early.ts';
import { metricsAccess } from './metrics-access.ts';
import { jsonAnswer } from './probe-answers.ts';

export function serveMetrics(req: IncomingMessage, res: ServerResponse, metrics: ConsoleMetrics, token: string | null): boolean {
  if ((req.url ?? '/').split('?')[0] !== '/metrics' || req.method !== 'GET') return false;
  const access = metricsAccess(req.headers.authorization, token);
  if (access === 'off') {
    sendAnswer(req, res, jsonAnswer(404, { error: 'Metrics are off: set WHARF_METRICS_TOKEN and scrape with Authorization: Bearer <token>.' }));
  } else if (access === 'denied') {
    sendAnswer(req, res, jsonAnswer(401, { error: 'Send the metrics token as Authorization: Bearer <token>.' }, { 'www-authenticate': 'Bearer realm="wharf-metrics"' }));
  } else {
    void metrics.render().then(
      ({ contentType, body }) => res.writeHead(200, { 'content-type': contentType, 'cache-control': 'no-store' }).end(body),
      () => sendAnswer(req, res, jsonAnswer(500, { error: 'The metrics could not be gathered; see the console log.' })),
    );
  }
  return true;
}
