// The answers the HTTP server gives before Next.js: load balancer probes, and the page shown while
// the database is away. Null when the request goes on to Next.
import 'server-only';
import type { IncomingMessage } from 'node:http';
import { databaseAwayPage, probeAnswer, type DatabaseState, type ProbeAnswer } from './probe-answers.ts';

export function answerEarly(req: IncomingMessage, database: DatabaseState): ProbeAnswer | null {
  const path = (req.url ?? '/').split('?')[0]!;
  return probeAnswer(req.method, path, database) ?? databaseAwayPage(req.method, path, req.headers.accept, database);
}
