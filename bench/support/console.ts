// A console to measure: a fresh database seeded with an admin, a session and the hosts to attach,
// then bench/support/console-process.ts in a child process whose inventory attaches them at start.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { io, type Socket } from 'socket.io-client';
import { hashPassword } from '@/lib/auth/password.ts';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session-store.ts';
import { createDb, type Db } from '@/lib/db/client.ts';
import { SOCKET_PATH } from '@/lib/realtime/protocol.ts';
import type { HostState } from '@/scripts/lab/index.ts';
import { ensureBuild } from './build.ts';
import { onCleanup, trackChild } from './cleanup.ts';
import { benchDir, CONSOLE_PORTS, freePort, projectRoot, READY_PREFIX, workDir } from './paths.ts';
import { createBenchDatabase, type BenchPostgres } from './postgres.ts';

export type BenchConsole = {
  pid: number;
  port: number;
  origin: string;
  databaseName: string;
  /** Prisma on the console's database, from the bench process */
  db: Db;
  hosts: { name: string; id: string; socket: string }[];
  /** `wharf.session=<token>` of a signed-in administrator */
  cookie: string;
  /** Resolves when every host is `up` in the database; returns how long that took. */
  waitHostsUp(timeoutMs?: number): Promise<number>;
  connectSocket(): Promise<Socket>;
  stop(): Promise<void>;
};

const STARTUP_TIMEOUT_MS = 15 * 60_000; // includes a production build when the sources changed

export async function startBenchConsole(options: { pg: BenchPostgres; name: string; hosts: HostState[]; log: (line: string) => void }): Promise<BenchConsole> {
  const { pg, name, log } = options;
  const databaseName = `bench_${name}`;
  const database = await createBenchDatabase(pg, databaseName);
  const db = createDb(database.url);
  const undoDatabase = onCleanup(`database ${databaseName}`, async () => {
    await db.$disconnect().catch(() => {});
    await database.drop();
  });

  const user = await db.user.create({ data: { username: 'bench-admin', passwordHash: await hashPassword(randomBytes(16).toString('hex')), role: 'admin' } });
  const { token } = await createSession(db, user.id, { hours: 4, ip: '127.0.0.1', userAgent: 'wharf-bench' });
  const hosts = [];
  for (const h of options.hosts) {
    const row = await db.host.create({ data: { name: h.name, transport: 'unix', address: h.socket, status: 'unknown' } });
    hosts.push({ name: h.name, id: row.id, socket: h.socket });
  }

  // The child would rebuild a stale build itself, without regard for anyone else: do it here, politely.
  await ensureBuild(log);
  const port = await freePort(CONSOLE_PORTS);
  const dataDir = path.join(workDir, `console-${name}`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'production',
    NEXT_TELEMETRY_DISABLED: '1',
    BENCH_CONSOLE_PORT: String(port),
    BENCH_CONSOLE_DATA_DIR: dataDir,
    BENCH_DATABASE_URL: database.url,
  };
  // The Origin check must compare against http://<Host header>, not a configured public URL.
  delete env.WHARF_PUBLIC_URL;

  const child = spawn(process.execPath, [...nodeFlags(), '--import', path.join(projectRoot, 'scripts/node/register.mjs'), path.join(benchDir, 'support/console-process.ts')], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
  trackChild(child);
  const tail: string[] = [];
  const keep = (line: string) => {
    tail.push(line);
    if (tail.length > 60) tail.shift();
  };
  let stdoutRest = '';
  let stderrRest = '';
  const lines = (chunk: Buffer, rest: string, each: (line: string) => void) => {
    const parts = (rest + chunk.toString('utf8')).split('\n');
    const left = parts.pop() ?? '';
    for (const line of parts) each(line);
    return left;
  };

  const ready = new Promise<{ url: string; pid: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the console (${name}) did not print its ready line within ${STARTUP_TIMEOUT_MS / 1000} s:\n${tail.join('\n')}`)), STARTUP_TIMEOUT_MS);
    child.stdout!.on('data', (chunk: Buffer) => {
      stdoutRest = lines(chunk, stdoutRest, (line) => {
        keep(line);
        if (line.startsWith(READY_PREFIX)) {
          clearTimeout(timer);
          resolve(JSON.parse(line.slice(READY_PREFIX.length)) as { url: string; pid: number });
        }
      });
    });
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the console (${name}) exited before it was ready (code ${code}, signal ${signal}):\n${tail.join('\n')}`));
    });
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
  // Whatever the console writes to stderr is shown: errors while measuring are findings.
  child.stderr!.on('data', (chunk: Buffer) => {
    stderrRest = lines(chunk, stderrRest, (line) => {
      keep(line);
      if (line.trim()) log(`[console ${name}] ${line}`);
    });
  });

  const exited = new Promise<void>((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once('exit', () => resolve());
  });
  let stopped = false;
  const sockets: Socket[] = [];
  async function stop(): Promise<void> {
    if (stopped) return;
    stopped = true;
    for (const s of sockets) s.disconnect();
    if (child.exitCode === null && child.signalCode === null) {
      const t = performance.now();
      child.kill('SIGTERM');
      const inTime = await Promise.race([exited.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 30_000))]);
      if (!inTime) {
        log(`the console (${name}) did not exit within 30 s of SIGTERM: killing it`);
        child.kill('SIGKILL');
        await exited;
      } else {
        log(`console ${name}: exited ${Math.round(performance.now() - t)} ms after SIGTERM`);
      }
    }
    await rm(dataDir, { recursive: true, force: true });
  }
  const undoChild = onCleanup(`console ${name}`, stop);

  let started: { url: string; pid: number };
  try {
    started = await ready;
  } catch (error) {
    await stop();
    throw error;
  }
  log(`console ${name}: pid ${started.pid} on ${started.url}, ${hosts.length} hosts registered`);
  const origin = `http://127.0.0.1:${port}`;

  return {
    pid: started.pid,
    port,
    origin,
    databaseName,
    db,
    hosts,
    cookie: `${SESSION_COOKIE}=${token}`,
    async waitHostsUp(timeoutMs = 60_000) {
      const t = performance.now();
      const deadline = t + timeoutMs;
      for (;;) {
        const rows = await db.host.findMany({ select: { name: true, status: true, statusReason: true } });
        const notUp = rows.filter((r) => r.status !== 'up');
        if (!notUp.length) return performance.now() - t;
        if (performance.now() > deadline) {
          throw new Error(`hosts not up after ${timeoutMs / 1000} s: ${notUp.map((r) => `${r.name} (${r.status}${r.statusReason ? `: ${r.statusReason}` : ''})`).join(', ')}`);
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async connectSocket() {
      const socket = io(origin, { path: SOCKET_PATH, transports: ['websocket'], extraHeaders: { origin, cookie: `${SESSION_COOKIE}=${token}` }, reconnection: false, forceNew: true });
      sockets.push(socket);
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`socket.io did not connect to ${origin} within 10 s`)), 10_000);
        socket.once('connect', () => {
          clearTimeout(timer);
          resolve();
        });
        socket.once('connect_error', (error) => {
          clearTimeout(timer);
          reject(new Error(`socket.io refused the connection: ${error.message}`));
        });
      });
      return socket;
    },
    async stop() {
      undoChild();
      await stop();
      undoDatabase();
      await db.$disconnect().catch(() => {});
      await database.drop();
    },
  };
}

/** Extra node flags for the console under measurement, to profile it: BENCH_CONSOLE_NODE_FLAGS="--cpu-prof --cpu-prof-dir=/tmp/prof". */
function nodeFlags(): string[] {
  return (process.env.BENCH_CONSOLE_NODE_FLAGS ?? '').split(/\s+/).filter(Boolean);
}
