// Where the benchmarks keep things, and the ports they may use (3300-3399 only).
import net from 'node:net';
import path from 'node:path';

export const projectRoot = path.resolve(import.meta.dirname, '../..');
export const benchDir = path.join(projectRoot, 'bench');
export const resultsDir = path.join(benchDir, 'results');
export const docsFile = path.join(projectRoot, 'docs/benchmarks.md');
/** Scratch space: Postgres data and the consoles' data folders. Deleted after each run. */
export const workDir = process.env.WHARF_BENCH_DIR ?? '/tmp/wharf-bench';

/** The line bench/support/console-process.ts prints when the console listens. */
export const READY_PREFIX = 'WHARF_BENCH_CONSOLE_READY ';

export const CONSOLE_PORTS = { from: 3300, to: 3389 };
export const POSTGRES_PORTS = { from: 3390, to: 3399 };

async function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/** The first free port of a range, skipping ones already handed out in this process. */
const handedOut = new Set<number>();
export async function freePort(range: { from: number; to: number }): Promise<number> {
  for (let port = range.from; port <= range.to; port++) {
    if (handedOut.has(port)) continue;
    if (await portIsFree(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error(`No free port in ${range.from}-${range.to} on 127.0.0.1`);
}
