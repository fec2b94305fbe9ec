// What the console answers, before Next.js and without a session, to a load balancer's probes and
// to a browser while its database is away. Pure: the server decides from the request's method,
// path and Accept header and the database's state. The probes say only "alive" and "ready or
// not" (nothing about hosts, users or versions), so they need no session.
import 'server-only';

export type DatabaseState = { ready: boolean; /** when the state last changed (ms since epoch) */ since: number; /** Wharf runs this Postgres itself */ own: boolean };

export type ProbeAnswer = { status: number; headers: Record<string, string>; body: string };

const NO_STORE = { 'cache-control': 'no-store' };
/** A JSON answer that no cache keeps. */
export const jsonAnswer = (status: number, value: unknown, extra: Record<string, string> = {}): ProbeAnswer => ({
  status,
  headers: { 'content-type': 'application/json; charset=utf-8', ...NO_STORE, ...extra },
  body: JSON.stringify(value),
});

export const RETRY_AFTER_SECONDS = 5;

/** /healthz and /readyz, for GET and HEAD; null for anything else. */
export function probeAnswer(method: string | undefined, path: string, database: DatabaseState): ProbeAnswer | null {
  if (method !== 'GET' && method !== 'HEAD') return null;
  if (path === '/healthz') return jsonAnswer(200, { status: 'alive' });
  if (path !== '/readyz') return null;
  if (database.ready) return jsonAnswer(200, { status: 'ready', database: 'up' });
  return jsonAnswer(503, { status: 'not ready', database: 'unavailable', since: new Date(database.since).toISOString() }, { 'retry-after': String(RETRY_AFTER_SECONDS) });
}

/** The sentence a person reads while the database is away. */
export function databaseAwaySentence(database: DatabaseState): string {
  return database.own
    ? "Wharf's database stopped, and Wharf is starting it again. This page reloads by itself; nothing you did is lost."
    : "Wharf's database (DATABASE_URL) is not answering. This page reloads by itself once it answers again; nothing you did is lost.";
}

/**
 * While the database is away, a page request (a GET that accepts HTML, outside Next's static
 * files) is answered with a page saying so, with status 503 and a reload; null otherwise (server
 * actions and API calls go on to their doors, which answer in their own words).
 */
export function databaseAwayPage(method: string | undefined, path: string, accept: string | undefined, database: DatabaseState): ProbeAnswer | null {
  if (database.ready || method !== 'GET') return null;
  if (path.startsWith('/_next/') || path.startsWith('/api/') || path.startsWith('/socket.io/')) return null;
  if (!accept || !/text\/html/.test(accept)) return null;
  const sentence = databaseAwaySentence(database);
  const body = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta http-equiv="refresh" content="${RETRY_AFTER_SECONDS}"><title>Wharf — database unavailable</title></head><body><main><h1>The database is unavailable</h1><p role="status">${sentence}</p></main></body></html>`;
  return {
    status: 503,
    headers: { 'content-type': 'text/html; charset=utf-8', ...NO_STORE, 'retry-after': String(RETRY_AFTER_SECONDS), 'content-security-policy': "default-src 'none'" },
    body,
  };
}
