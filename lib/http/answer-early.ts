// The answers the HTTP server gives before Next.js: load balancer probes, and the page shown while
// the database is away. Null when the request goes on to Next.
import 'server-only';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { databaseAwayPage, probeAnswer, type DatabaseState, type ProbeAnswer } from './probe-answers.ts';

export function answerEarly(req: IncomingMessage, database: DatabaseState): ProbeAnswer | null {
  const path = (req.url ?? '/').split('?')[0]!;
  return probeAnswer(req.method, path, database) ?? databaseAwayPage(req.method, path, req.headers.accept, database);
}

/** Writes an answer made before Next (no body for HEAD). */
export function sendAnswer(req: IncomingMessage, res: ServerResponse, answer: ProbeAnswer): void {
  res.writeHead(answer.status, answer.headers).end(req.method === 'HEAD' ? undefined : answer.body);
}
