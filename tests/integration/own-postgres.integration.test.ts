// The console owns its embedded Postgres: when that Postgres dies under a running console, the
// console notices within seconds, says so (log, /readyz, a page instead of an error), starts it
// again with growing delays (even when the first attempts fail), and recovers without a restart of
// its own. Runs `npm start` (scripts/start.ts) as the README's first command does, with a data
// folder of its own.
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, onTestFailed } from 'vitest';
import { pickFreePort } from '@/lib/net/ports.ts';
import { buildIfStale } from '@/scripts/build.ts';
import { projectRoot } from '../support/test-postgres.ts';
import { waitFor } from '../support/wait-for.ts';
import { pidAlive, postmasterPid } from '../support/postmaster.ts';

const METRICS_TOKEN = 'own-postgres-test-metrics-token-0123456789';
let dataDir: string;
let child: ChildProcess | null = null;
const pgdata = () => path.join(dataDir, 'postgres');
const output = { stdout: '', stderr: '' };

/** Holds a loopback port, so that a Postgres started on it cannot listen; `release` frees it and drops whoever connected meanwhile. */
function holdPort(port: number): Promise<{ release: () => Promise<void> }> {
  return new Promise((resolve, reject) => {
    const connected = new Set<net.Socket>();
    const holder = net.createServer((socket) => {
      connected.add(socket);
      socket.on('error', () => {});
      socket.once('close', () => connected.delete(socket));
    });
    holder.once('error', reject);
    holder.listen(port, '127.0.0.1', () =>
      resolve({
        release: () =>
          new Promise<void>((done) => {
            holder.close(() => done());
            for (const socket of connected) socket.destroy();
          }),
      }),
    );
  });
}

beforeAll(async () => {
  await buildIfStale();
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'wharf-own-pg-'));
  // The postgres user reaches this folder, so the cluster lives in it.
  await chmod(dataDir, 0o755);
}, 20 * 60_000);

afterAll(async () => {
  if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  const pid = dataDir ? postmasterPid(pgdata()) : null;
  if (pid) process.kill(pid, 'SIGINT');
  if (pid) await waitFor(() => !pidAlive(pid), { timeoutMs: 30_000, what: 'the leftover Postgres to stop' });
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe("the console's own Postgres dies under it", () => {
  it('says so on /readyz and on pages, starts it again through failed attempts, and recovers without restarting', async () => {
    onTestFailed(() => console.log(`the console said:\n${output.stdout.slice(-6000)}\n${output.stderr.slice(-6000)}`));
    const port = await pickFreePort();
    const env: NodeJS.ProcessEnv = { ...process.env, WHARF_LOCAL_ENGINE: 'off', HOST: '127.0.0.1', PORT: String(port), WHARF_DATA_DIR: dataDir, WHARF_METRICS_TOKEN: METRICS_TOKEN };
    for (const key of ['DATABASE_URL', 'WHARF_TEST_PG_URL', 'NODE_ENV', 'WHARF_LOG_FORMAT', 'WHARF_LOG_LEVEL']) delete env[key];
    child = spawn(process.execPath, ['--import', './scripts/node/register.mjs', 'scripts/start.ts'], { cwd: projectRoot, env, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout!.on('data', (chunk: Buffer) => (output.stdout += chunk.toString()));
    child.stderr!.on('data', (chunk: Buffer) => (output.stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) => child!.once('exit', (code) => resolve(code)));
    const base = `http://127.0.0.1:${port}`;
    const scrape = async () => {
      const response = await fetch(`${base}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
      expect(response.status).toBe(200);
      return response.text();
    };
    const page = (p: string) => fetch(`${base}${p}`, { headers: { accept: 'text/html' }, redirect: 'manual' });

    await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, { timeoutMs: 240_000, intervalMs: 500, what: 'the console to be ready' });
    expect(await (await fetch(`${base}/healthz`)).json()).toEqual({ status: 'alive' });
    const setupPage = await page('/setup');
    expect(setupPage.status).toBe(200);
    expect(await setupPage.text()).toContain('Wharf');
    // The metrics answer only the scraper holding the token, and count what was asked.
    expect((await fetch(`${base}/metrics`)).status).toBe(401);
    expect((await fetch(`${base}/metrics`, { headers: { authorization: 'Bearer not-the-token-at-all-000000' } })).status).toBe(401);
    const healthy = await scrape();
    expect(healthy).toMatch(/^wharf_database_up 1$/m);
    expect(healthy).toMatch(/^wharf_http_request_duration_seconds_count\{method="GET",route="\/setup",status="200"\} [1-9]\d*$/m);
    // Probes are answered before anything is timed, and ids never become series.
    expect(healthy).not.toMatch(/route="\/(readyz|healthz)"/);
    expect(healthy).not.toMatch(/route="[^"]*:param/);
    expect(healthy).toMatch(/^wharf_socket_connections 0$/m);
    expect(healthy).toMatch(/^process_resident_memory_bytes \d+/m);
    // Engine calls are measured per registered host and operation (no host yet: the families, empty).
    expect(healthy).toMatch(/^# TYPE wharf_engine_call_duration_seconds histogram$/m);
    expect(healthy).toMatch(/^# TYPE wharf_engine_call_errors_total counter$/m);
    expect(healthy).not.toMatch(/^wharf_engine_call_\w+\{/m);
    // Its output is no terminal, so its log is JSON lines, and a request's lines carry its X-Request-Id.
    const traced = await fetch(`${base}/setup`, { headers: { accept: 'text/html', 'x-request-id': 'own-postgres-trace-1' } });
    expect(traced.headers.get('x-request-id')).toBe('own-postgres-trace-1');
    const tracedLine = await waitFor(() => output.stdout.split('\n').find((line) => line.includes('"requestId":"own-postgres-trace-1"')), { timeoutMs: 10_000, what: 'the traced request in the log' });
    expect(JSON.parse(tracedLine)).toMatchObject({ level: 'info', component: 'http', method: 'GET', route: '/setup', status: 200, requestId: 'own-postgres-trace-1' });
    expect(output.stdout.split('\n').filter((line) => line.startsWith('{')).length).toBeGreaterThan(3);

    // Kill the postmaster outright, and keep its port taken so the first attempts to start it fail.
    const { port: pgPort } = JSON.parse(readFileSync(path.join(dataDir, 'postgres.json'), 'utf8')) as { port: number };
    const killed = postmasterPid(pgdata())!;
    expect(killed).toBeGreaterThan(0);
    process.kill(killed, 'SIGKILL');
    const holder = await waitFor(() => holdPort(pgPort), { timeoutMs: 10_000, intervalMs: 20, what: "the dead Postgres's port" });
    try {
      const notReady = await waitFor(
        async () => {
          const response = await fetch(`${base}/readyz`);
          return response.status === 503 ? response : null;
        },
        { timeoutMs: 30_000, intervalMs: 200, what: '/readyz to report not ready' },
      );
      expect(notReady.headers.get('retry-after')).toBe('5');
      expect(await notReady.json()).toMatchObject({ status: 'not ready', database: 'unavailable' });
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      expect(await scrape()).toMatch(/^wharf_database_up 0$/m);
      const away = await page('/setup');
      expect(away.status).toBe(503);
      expect(await away.text()).toContain("Wharf's database stopped, and Wharf is starting it again. This page reloads by itself; nothing you did is lost.");
      await waitFor(() => /Postgres: could not start it again \(.*\); trying again in \d+ s/.test(output.stdout), { timeoutMs: 30_000, what: 'a failed attempt to be logged' });
    } finally {
      await holder.release();
    }

    // With its port free again, the next attempt starts it; the same console answers again.
    await waitFor(async () => (await fetch(`${base}/readyz`)).status === 200, { timeoutMs: 90_000, intervalMs: 250, what: 'the console to be ready again' });
    const signIn = await page('/setup');
    expect(signIn.status).toBe(200);
    expect(await signIn.text()).toContain('Wharf');
    expect(child.exitCode).toBeNull();
    const restarted = postmasterPid(pgdata());
    expect(restarted).not.toBeNull();
    expect(restarted).not.toBe(killed);
    expect(output.stdout).toContain('Postgres: stopped unexpectedly (signal SIGKILL); starting it again');
    expect(output.stdout).toMatch(/Postgres: running again after [2-9]\d* attempts/);
    expect(output.stdout).toContain('Database: not answering');
    expect(output.stdout).toContain('Database: answering again');

    child.kill('SIGINT');
    expect(await exited).toBe(0);
    expect(output.stderr).not.toMatch(/\n\s+at /);
    await waitFor(() => !pidAlive(restarted!), { timeoutMs: 30_000, what: 'its Postgres to stop' });
  }, 420_000);
});
