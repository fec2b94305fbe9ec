// Cases 12, 14, 16 and 23 of docs/security.md at the /streams socket door, with a real socket.io
// server, Postgres and two lab engines: a user granted one host is refused the other host's
// containers by their ids (logs and terminals) and does not see them listed; a refusal reads the
// same for a real target and a made-up one; an expired session opens no socket and ends an open one
// with its streams and processes; a session token is taken from the cookie only, and written
// neither to the database nor to the console's output.
import Dockerode from 'dockerode';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Grant } from '@/lib/auth/permissions.ts';
import { resolveSession, revokeSession, SESSION_COOKIE } from '@/lib/auth/session-store.ts';
import { SOCKET_PATH } from '@/lib/realtime/protocol.ts';
import type { RealtimeServer } from '@/lib/realtime/server/realtime-server.ts';
import { STREAMS_NAMESPACE } from '@/lib/realtime/stream-protocol.ts';
import { registerHostSchema } from '@/lib/schemas/hosts.ts';
import { listContainers } from '@/lib/services/containers/list-containers.ts';
import { registerHost } from '@/lib/services/hosts/register-host.ts';
import { signInWithPassword } from '@/lib/services/users/sign-in-with-password.ts';
import { labState, removeTestContainers, seedUser } from '../support/integration.ts';
import { auditOf, grantOnly } from '../support/security-lab.ts';
import { call, ok, startStreamsServer, StreamsSuite, type StreamClient } from '../support/streams-server.ts';
import { waitFor } from '../support/wait-for.ts';
import { captureLog } from '../support/capture-log.ts';

const lab = labState();
const LABEL = 'security-streams';
const sides = lab.hosts.slice(0, 2).map((h) => ({ lab: h, docker: new Dockerode({ socketPath: h.socket }), hostId: '', containerId: '' }));
const [A, B] = sides;
const suite = new StreamsSuite();
/** A second server on the same database that re-checks sessions every half second. */
let quick: { realtime: RealtimeServer; origin: string };

beforeAll(async () => {
  for (const side of sides) await removeTestContainers(side.docker, LABEL);
  await suite.prepare('security_streams');
  for (const side of sides) {
    side.hostId = (await registerHost(suite.deps, suite.admin.actor, registerHostSchema.parse({ name: side.lab.name, transport: 'unix', socketPath: side.lab.socket }))).id;
    const container = await side.docker.createContainer({ Image: lab.image, Cmd: ['sh', '-c', 'while true; do echo tick; sleep 0.2; done'], Labels: { 'wharf.test': LABEL }, StopTimeout: 1 });
    await container.start();
    side.containerId = container.id;
  }
  // Sessions re-checked only when access changes: grants given to a socket hold for the test.
  await suite.listen({ revalidateMs: 3_600_000 });
  quick = await startStreamsServer({ db: suite.deps.db, inventory: suite.inventory, changes: suite.deps.changes, engines: suite.deps.engines, revalidateMs: 500 });
}, 60_000);

afterAll(() => suite.close(async () => {
  await quick?.realtime.close();
  for (const side of sides) await removeTestContainers(side.docker, LABEL);
}), 60_000);

const logsOf = (socket: StreamClient, hostId: string, containerId: string) => call<{ streamId: string }>(socket, 'logs:follow', { source: { kind: 'container', hostId, containerId }, stdout: true, stderr: true, tail: 1 });
const shellIn = (socket: StreamClient, hostId: string, containerId: string) => call<{ sessionId: string }>(socket, 'exec:open', { hostId, containerId, shell: { kind: 'sh' }, cols: 80, rows: 24 });
const onlyHostA = (): Grant[] => [{ role: 'operator', scope: { type: 'host', id: A.hostId } }];

/** Processes in A's container whose command line is exactly `command`. */
async function running(command: string): Promise<number> {
  const top = await A.docker.getContainer(A.containerId).top();
  const at = (top.Titles as string[]).indexOf('CMD');
  return (top.Processes as string[][]).filter((p) => p[at] === command).length;
}

describe('12. logs and exec of a container outside the user\'s grants', () => {
  it('a user granted host A alone is refused host B\'s container by its id, for logs and a terminal, does not see it listed, and reads host A\'s', async () => {
    const { socket, user } = await suite.socketAs('operator');
    grantOnly(suite.realtime, user.id, onlyHostA());
    expect(await logsOf(socket, B.hostId, B.containerId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    expect(await shellIn(socket, B.hostId, B.containerId)).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    const { streamId } = await ok(logsOf(socket, A.hostId, A.containerId));
    socket.emit('logs:stop', { streamId });

    // The list is decided by the same grants.
    const listed = (await listContainers(suite.deps, { ...user.actor, grants: onlyHostA() })).containers.map((c) => c.id);
    expect(listed).toContain(A.containerId);
    expect(listed).not.toContain(B.containerId);
    expect((await listContainers(suite.deps, { ...user.actor, grants: onlyHostA() }, { hostId: B.hostId })).containers).toEqual([]);

    expect((await auditOf(suite.deps, user.id)).filter(([, result]) => result === 'denied')).toEqual([['container.logs', 'denied'], ['container.exec', 'denied']]);
    socket.disconnect();
  });
});

describe('23. no "not found" versus "forbidden" oracle', () => {
  it('a refusal reads the same for a real container, a made-up one and a made-up host', async () => {
    const { socket, user } = await suite.socketAs('operator');
    grantOnly(suite.realtime, user.id, onlyHostA());
    const targets: [string, string][] = [[B.hostId, B.containerId], [B.hostId, 'f'.repeat(64)], ['cmnosuchhost00000000000000', B.containerId]];
    for (const open of [logsOf, shellIn]) {
      const answers = await Promise.all(targets.map(([hostId, containerId]) => open(socket, hostId, containerId)));
      expect(answers[0]).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(answers[1]).toEqual(answers[0]);
      expect(answers[2]).toEqual(answers[0]);
    }
    socket.disconnect();
  });
});

describe('14. sessions that end', () => {
  it('a handshake with an expired session is refused', async () => {
    const user = await seedUser(suite.deps.db, 'operator');
    const { token } = await signInWithPassword(suite.deps, { username: user.username, password: user.password, ip: '192.0.2.80', userAgent: null });
    await suite.deps.db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    const socket = connect(`${suite.origin}${STREAMS_NAMESPACE}`, { path: SOCKET_PATH, transports: ['websocket'], extraHeaders: { origin: suite.origin, cookie: `${SESSION_COOKIE}=${token}` }, reconnection: false, forceNew: true });
    suite.sockets.push(socket);
    expect(await new Promise((resolve) => socket.once('connect_error', (e) => resolve(e.message)).once('connect', () => resolve('connected')))).toBe('Not signed in');
  });

  it('a session that expires while a log stream and a terminal are open ends them within seconds, leaving no process', async () => {
    const user = await seedUser(suite.deps.db, 'operator');
    const socket = await suite.socketFor(user, quick.origin);
    const ended = new Promise<string>((resolve) => socket.once('session:ended', (m) => resolve(m.reason)));
    await ok(logsOf(socket, A.hostId, A.containerId));
    const { sessionId } = await ok(shellIn(socket, A.hostId, A.containerId));
    socket.emit('exec:data', { sessionId, data: 'sleep 4331\n' });
    await waitFor(async () => (await running('sleep 4331')) > 0, { timeoutMs: 15_000, what: 'the command to run' });

    await suite.deps.db.session.updateMany({ where: { userId: user.id }, data: { expiresAt: new Date(Date.now() + 500) } });
    // The socket door's re-check ends it (the suite's re-check period is a second); no clock is read here.
    expect(await ended).toMatch(/session ended/);
    await waitFor(() => socket.disconnected, { what: 'the socket to be closed' });
    await waitFor(async () => (await running('sleep 4331')) === 0, { timeoutMs: 15_000, what: 'no process left' });
    const rows = await waitFor(async () => {
      const audit = await auditOf(suite.deps, user.id);
      return audit.length === 2 && audit;
    }, { what: 'the end of the terminal audited' });
    expect(rows).toEqual([['container.exec', 'succeeded'], ['container.exec.end', 'succeeded']]);
  });
});

describe('16. session tokens', () => {
  it('are taken from the cookie alone: not from the query string, the handshake\'s auth or an Authorization header, and never appear in the database or the console\'s output', async () => {
    const printed: unknown[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((level) => vi.spyOn(console, level).mockImplementation((...args: unknown[]) => void printed.push(args)));
    const logged = captureLog('trace');
    try {
      const user = await seedUser(suite.deps.db, 'viewer');
      const { token } = await signInWithPassword(suite.deps, { username: user.username, password: user.password, ip: '192.0.2.81', userAgent: null });
      expect(await resolveSession(suite.deps.db, token)).toMatchObject({ id: user.id });

      const attempt = (options: Parameters<typeof connect>[1]) =>
        new Promise<string>((resolve) => {
          const socket = connect(`${suite.origin}${STREAMS_NAMESPACE}`, { path: SOCKET_PATH, transports: ['websocket'], reconnection: false, forceNew: true, ...options });
          suite.sockets.push(socket);
          socket.once('connect', () => resolve('connected')).once('connect_error', (e) => resolve(e.message));
        });
      expect(await attempt({ query: { [SESSION_COOKIE]: token, token, session: token }, extraHeaders: { origin: suite.origin } })).toBe('Not signed in');
      expect(await attempt({ auth: { token, [SESSION_COOKIE]: token }, extraHeaders: { origin: suite.origin } })).toBe('Not signed in');
      expect(await attempt({ extraHeaders: { origin: suite.origin, authorization: `Bearer ${token}` } })).toBe('Not signed in');
      expect(await attempt({ extraHeaders: { origin: suite.origin, cookie: `${SESSION_COOKIE}=${token}` } })).toBe('connected');
      await revokeSession(suite.deps.db, token);
      await suite.realtime.io.of(STREAMS_NAMESPACE).fetchSockets(); // let the server settle its own work

      const [sessions, audit, attempts] = await Promise.all([suite.deps.db.session.findMany(), suite.deps.db.auditEntry.findMany(), suite.deps.db.loginAttempt.findMany()]);
      const stored = JSON.stringify([sessions, audit, attempts], (_key, value: unknown) => (typeof value === 'bigint' ? String(value) : value));
      expect(audit.some((row) => row.action === 'auth.sign-in' && row.actorId === user.id)).toBe(true);
      expect(stored).not.toContain(token);
      expect(JSON.stringify(printed)).not.toContain(token);
      // The console's log (lib/observability/logger.ts) wrote the connections, and never the token.
      expect(logged.lines().filter((line) => line.component === 'sockets').map((line) => line.msg)).toEqual(expect.arrayContaining(['socket refused: not signed in', 'socket connected']));
      expect(logged.text()).not.toContain(token);
    } finally {
      logged.restore();
      for (const spy of spies) spy.mockRestore();
    }
  });
});
