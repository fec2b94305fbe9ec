// Request ids and engine metrics on a whole console (in this process, production build) with a lab
// engine registered: a request carrying X-Request-Id is answered with it, and the JSON lines the
// HTTP server, the door and the engine gateway write for it all carry it; an unsafe id is replaced.
// /metrics times the engine calls and counts their failures per registered host and operation,
// and forgets a host once it is removed.
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session-store.ts';
import { pickFreePort } from '@/lib/net/ports.ts';
import { captureLog, type CapturedLog, type LogLine } from '../support/capture-log.ts';
import { startConsoleUnderTest, type ConsoleUnderTest } from '../support/console-under-test.ts';
import { labState, registerLabHost, seedUser } from '../support/integration.ts';
import { waitFor } from '../support/wait-for.ts';

const METRICS_TOKEN = 'observability-test-metrics-token-0123456789';
const REQUEST_ID = `it-observability-${process.pid}`;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

const lab = labState();
let dataDir: string;
let running: ConsoleUnderTest | null = null;
let logged: CapturedLog;
let hostId: string;
let cookie: string;
const savedToken = process.env.WHARF_METRICS_TOKEN;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'wharf-it-observability-'));
  logged = captureLog('debug');
  process.env.WHARF_METRICS_TOKEN = METRICS_TOKEN;
  running = await startConsoleUnderTest({ port: await pickFreePort(), database: 'it_observability', dataDir: path.join(dataDir, 'data'), log: () => {}, logger: logged.logger });
  const admin = await seedUser(running.runtime.db, 'admin');
  hostId = await registerLabHost(running.runtime, admin.actor, lab.hosts[0], 'observed-lab-1');
  const { token } = await createSession(running.runtime.db, admin.id, { hours: 1, ip: null, userAgent: null });
  cookie = `${SESSION_COOKIE}=${token}`;
}, 20 * 60_000);

afterAll(async () => {
  await running?.stopAll();
  logged?.restore();
  if (savedToken === undefined) delete process.env.WHARF_METRICS_TOKEN;
  else process.env.WHARF_METRICS_TOKEN = savedToken;
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

const get = (p: string, headers: Record<string, string> = {}) => fetch(`${running!.url}${p}`, { headers: { cookie, ...headers } });
const linesOf = (requestId: string) => logged.lines().filter((line) => line.requestId === requestId);
/** The request's lines once the HTTP server's own is written (when the answer has gone out). */
const answeredLines = (requestId: string): Promise<LogLine[]> => waitFor(() => (linesOf(requestId).some((line) => line.component === 'http') ? linesOf(requestId) : null), { what: `the log lines of ${requestId}` });
const scrape = async () => (await fetch(`${running!.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } })).text();

describe('request ids', () => {
  it('answer the X-Request-Id a client sent, and the lines of the HTTP server, the door and the engine gateway carry it', async () => {
    const response = await get(`/api/containers?host=${hostId}`, { 'x-request-id': REQUEST_ID });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-request-id')).toBe(REQUEST_ID);
    const lines = await answeredLines(REQUEST_ID);
    expect(lines.find((l) => l.component === 'door')).toMatchObject({ level: 'info', door: 'read', name: 'GET /api/containers', status: 200 });
    expect(lines.find((l) => l.component === 'gateway')).toMatchObject({ level: 'debug', hostId, operation: 'listContainers', msg: 'engine call' });
    expect(lines.find((l) => l.component === 'http')).toMatchObject({ method: 'GET', route: '/api/containers', status: 200, msg: 'request answered' });
    // Every line is JSON with a time and a level; nothing of the session's cookie is written.
    for (const line of lines) expect(line).toMatchObject({ service: 'wharf', time: expect.any(String), level: expect.any(String) });
    expect(logged.text()).not.toContain(cookie.split('=')[1]);
  });

  it('replace an id that is no safe token with a new one, answered and logged the same way', async () => {
    const response = await get(`/api/containers?host=${hostId}`, { 'x-request-id': 'not a "safe" id' });
    expect(response.status).toBe(200);
    const given = response.headers.get('x-request-id') ?? '';
    expect(given).toMatch(UUID);
    expect((await answeredLines(given)).map((l) => l.component)).toEqual(expect.arrayContaining(['http', 'door', 'gateway']));
    expect(logged.text()).not.toContain('not a \\"safe\\" id');
  });

  it('are given to a request that brings none', async () => {
    const response = await get(`/api/containers?host=${hostId}`);
    expect(response.headers.get('x-request-id')).toMatch(UUID);
  });
});

describe('engine metrics', () => {
  it('time each engine call and count the failed ones, by registered host and operation, never by path', async () => {
    const missing = 'f'.repeat(64);
    const failed = await get(`/api/hosts/${hostId}/containers/${missing}`, { 'x-request-id': `${REQUEST_ID}-missing` });
    expect(failed.status).toBe(404);
    expect(linesOf(`${REQUEST_ID}-missing`).find((l) => l.component === 'gateway')).toMatchObject({ level: 'warn', hostId, operation: 'inspectContainer', msg: 'engine call failed' });

    const body = await scrape();
    const count = (name: string, operation: string) => Number(new RegExp(`^${name}\\{host="${hostId}",operation="${operation}"\\} (\\d+)$`, 'm').exec(body)?.[1] ?? NaN);
    expect(count('wharf_engine_call_duration_seconds_count', 'listContainers')).toBeGreaterThanOrEqual(3);
    expect(count('wharf_engine_call_errors_total', 'listContainers')).toBe(0);
    expect(count('wharf_engine_call_duration_seconds_count', 'inspectContainer')).toBeGreaterThanOrEqual(1);
    expect(count('wharf_engine_call_errors_total', 'inspectContainer')).toBe(1);
    expect(body).not.toContain(missing);
    const hosts = new Set([...body.matchAll(/^wharf_engine_call_\w+\{(?:le="[^"]*",)?host="([^"]+)"/gm)].map((m) => m[1]));
    expect([...hosts]).toEqual([hostId]);
  });

  it('forget a host once it is removed', async () => {
    expect(await scrape()).toContain(`host="${hostId}"`);
    await running!.runtime.db.host.delete({ where: { id: hostId } });
    expect(await scrape()).not.toContain(`host="${hostId}"`);
  });
});
