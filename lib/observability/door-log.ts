// One log line for everything that passes a door (server actions, route handlers, the REST API,
// socket events): which door, what, its outcome and how long it took, under the request's id. Work
// reaching a door without one (Next.js may run it outside the server's own request) takes the id
// the server put on the request's X-Request-Id header.
import 'server-only';
import { log } from './logger.ts';
import { currentRequestId, requestIdFrom, withRequest } from './request-context.ts';

export type Door = 'action' | 'read' | 'download' | 'api' | 'socket';
/** How a door's answer went: an error code (AppError's), and the HTTP status when there is one. */
export type DoorOutcome = { code?: string; status?: number };

export type DoorVisit<R> = {
  door: Door;
  /** The action's or event's name, or the route's path. */
  name: string;
  /** The id of the request when no context carries it yet (its X-Request-Id header). */
  incomingId?: () => Promise<string | null | undefined>;
  outcome: (result: R) => DoorOutcome;
  /** 'debug' for chatty messages (a terminal's keystrokes); 'info' otherwise. */
  level?: 'info' | 'debug';
};

/** Runs `work` within its request's context and logs its outcome. */
export async function atDoor<R>(visit: DoorVisit<R>, work: () => Promise<R>): Promise<R> {
  const run = async () => {
    const started = performance.now();
    const result = await work();
    const { code, status } = visit.outcome(result);
    const fields = { door: visit.door, name: visit.name, ms: Math.round(performance.now() - started), ...(code ? { code } : {}), ...(status ? { status } : {}) };
    const refused = code ?? (status && status >= 400 ? String(status) : null);
    log('door')[visit.level ?? 'info'](fields, refused ? `${visit.door} ${visit.name} refused: ${refused}` : `${visit.door} ${visit.name} done`);
    return result;
  };
  if (currentRequestId() || !visit.incomingId) return run();
  const incoming = await visit.incomingId().catch(() => null);
  return withRequest(requestIdFrom(incoming), run);
}

/** Logs a failure no AppError describes (a defect): its stack stays on the server. */
export function logUnexpected(door: Door, name: string, error: unknown): void {
  log('door').error({ door, name, err: error }, `${door} ${name}: unexpected error`);
}
