// Whether an error says the database did not answer (refused, dropped or restarting), whichever
// layer wrapped it (Prisma, its pg adapter, node-postgres, the socket). Pure: the doors use it to
// tell the user that (errors.databaseUnavailable), instead of a generic failure.

// SQLSTATE: connection exceptions (08…), shutdown, crash, not yet accepting connections (57P…).
const SQLSTATE = /^(08[0-9A-Z]{3}|57P0[1-4])$/;
const PRISMA = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
const SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT']);
const MESSAGE = /connection terminated|encountered a connection error|not currently accepting connections|the database system is (starting up|shutting down|in recovery mode)|terminating connection due to administrator command|Can't reach database server|Server has closed the connection|timeout exceeded when trying to connect/i;

export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length && seen.size < 20) {
    const current = queue.shift();
    if (!current || typeof current !== 'object' || seen.has(current)) continue;
    seen.add(current);
    const value = current as { code?: unknown; originalCode?: unknown; message?: unknown; cause?: unknown; meta?: { driverAdapterError?: unknown } };
    for (const code of [value.code, value.originalCode]) {
      if (typeof code === 'string' && (SQLSTATE.test(code) || PRISMA.has(code) || SOCKET.has(code))) return true;
    }
    if (typeof value.message === 'string' && MESSAGE.test(value.message)) return true;
    queue.push(value.cause, value.meta?.driverAdapterError);
  }
  return false;
}
