// Logs and terminals over the streams namespace, against a real socket.io server, Postgres and
// lab engines: following a container writing lines (both streams, or one), resuming after a
// reconnect with no gap and no duplicate, history search and older pages, an exec echo round
// trip, resize seen by `stty size`, no process left after a close or a dropped browser, a
// viewer refused a terminal (and audited), access withdrawn mid-session, an idle terminal closed,
// and a service's logs
// merged from tasks on several nodes.
import { randomBytes } from 'node:crypto';
import Dockerode from 'dockerode';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSession, SESSION_COOKIE } from '@/lib/auth/session-store.ts';
import { SOCKET_PATH } from '@/lib/realtime/protocol.ts';
import type { RealtimeServer } from '@/lib/realtime/server/realtime-server.ts';
import { STREAMS_NAMESPACE, type LogFollowRequest, type LogHistoryRequest, type LogLine } from '@/lib/realtime/stream-protocol.ts';
import { advanceCursor, createSeenFilter } from '@/lib/models/logs/log-resume.ts';
import { downloadServiceLogs } from '@/lib/services/streams/logs/service-log-download.ts';
import { changeUserRole, setUserDisabled } from '@/lib/services/users/manage-users.ts';
import { labState, registerLabHost, seedUser, TestContainers } from '../support/integration.ts';
import { formSwarm, leaveAllSwarms } from '../support/swarm-lab.ts';
import { call, ok, startStreamsServer, StreamsSuite, type StreamClient } from '../support/streams-server.ts';
import { auditLines } from '../support/audit-rows.ts';
import { waitFor } from '../support/wait-for.ts';


const lab = labState();
const hosts = lab.hosts.slice(0, 3);
const [l1] = hosts;
const engine = new Dockerode({ socketPath: l1.socket });
const mine = new TestContainers(engine, 'logs', lab.image);
const suite = new StreamsSuite();
let hostId: string;
let containerId: string;

// Numbered lines on both streams, 20 a second each.
const WRITER = ['sh', '-c', 'i=0; while true; do i=$((i+1)); echo "out $i"; echo "err $i" >&2; sleep 0.05; done'];

beforeAll(async () => {
  await mine.removeAll();
  await suite.prepare('logs_exec');
  hostId = await registerLabHost(suite.deps, suite.admin.actor, l1);
  await suite.listen({ revalidateMs: 1000 });
  containerId = (await mine.start('logs', WRITER)).id;
}, 60_000);

afterAll(() => suite.close(() => mine.removeAll()), 60_000);


function follow(socket: StreamClient, request: Omit<LogFollowRequest, 'source'> & { source?: LogFollowRequest['source'] }) {
  const lines: LogLine[] = [];
  let streamId = '';
  socket.on('logs:lines', (m) => {
    if (m.streamId === streamId) lines.push(...m.lines);
  });
  const started = ok<{ streamId: string }>(call(socket, 'logs:follow', { source: { kind: 'container', hostId, containerId }, ...request })).then((d) => (streamId = d.streamId));
  return { lines, started };
}

const numberOf = (line: LogLine) => Number(/(\d+)$/.exec(line.text)?.[1]);

describe('the streams namespace', () => {
  const attempt = (headers: Record<string, string>) =>
    new Promise<string>((resolve) => {
      const socket = connect(`${suite.origin}${STREAMS_NAMESPACE}`, { path: SOCKET_PATH, transports: ['websocket'], extraHeaders: headers, reconnection: false, forceNew: true });
      suite.sockets.push(socket);
      socket.once('connect', () => resolve('connected'));
      socket.once('connect_error', (error) => resolve(error.message));
    });

  it('refuses a foreign Origin, a missing session and a made-up one', async () => {
    const user = await seedUser(suite.deps.db, 'admin');
    const { token } = await createSession(suite.deps.db, user.id, { hours: 1, ip: null, userAgent: null });
    const cookie = `${SESSION_COOKIE}=${token}`;
    expect(await attempt({ origin: 'http://evil.example', cookie })).not.toBe('connected');
    expect(await attempt({ cookie })).not.toBe('connected');
    expect(await attempt({ origin: suite.origin })).toBe('Not signed in');
    expect(await attempt({ origin: suite.origin, cookie: `${SESSION_COOKIE}=made-up-token-xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx` })).toBe('Not signed in');
    expect(await attempt({ origin: suite.origin, cookie })).toBe('connected');
  });
});

describe('logs', () => {
  it('follows a container writing lines, both streams, with timestamps', async () => {
    const { socket } = await suite.socketAs('viewer');
    const { lines, started } = follow(socket, { tail: 5, stdout: true, stderr: true });
    await started;
    await waitFor(() => lines.filter((l) => l.stream === 'stdout').length >= 20 && lines.filter((l) => l.stream === 'stderr').length >= 20, { timeoutMs: 20_000, what: 'lines on both streams' });
    expect(lines.filter((l) => l.stream === 'stdout').every((l) => /^out \d+$/.test(l.text))).toBe(true);
    expect(lines.filter((l) => l.stream === 'stderr').every((l) => /^err \d+$/.test(l.text))).toBe(true);
    expect(lines.every((l) => /^\d{4}-\d{2}-\d{2}T.*Z$/.test(l.ts))).toBe(true);
    socket.disconnect();
  });

  it('sends only the chosen stream', async () => {
    const { socket } = await suite.socketAs('viewer');
    const { lines, started } = follow(socket, { tail: 10, stdout: false, stderr: true });
    await started;
    await waitFor(() => lines.length >= 20, { timeoutMs: 20_000, what: 'stderr lines' });
    expect(lines.every((l) => l.stream === 'stderr' && l.text.startsWith('err '))).toBe(true);
    socket.disconnect();
  });

  it('resumes after a reconnect from the last line seen, with no gap and no duplicate', async () => {
    const first = await suite.socketAs('viewer');
    const a = follow(first.socket, { tail: 0, stdout: true, stderr: false });
    await a.started;
    await waitFor(() => a.lines.length >= 15, { timeoutMs: 20_000, what: 'first lines' });
    first.socket.disconnect();
    const seen = [...a.lines];
    const cursor = advanceCursor(null, seen)!;
    const lastSeen = numberOf(seen.at(-1)!);
    // The writer goes on while nobody is connected.
    const lastWritten = async () => Number((await engine.getContainer(containerId).logs({ stdout: true, tail: 1 })).toString().match(/out (\d+)/)?.[1] ?? 0);
    await waitFor(async () => (await lastWritten()) > lastSeen + 10, { timeoutMs: 20_000, what: 'more lines written while away' });

    const second = await suite.socketAs('viewer');
    const b = follow(second.socket, { since: cursor.ts, stdout: true, stderr: false });
    await b.started;
    const keep = createSeenFilter(cursor);
    const resumed: LogLine[] = [];
    await waitFor(
      () => {
        resumed.push(...b.lines.splice(0).filter(keep));
        return resumed.length >= 20;
      },
      { timeoutMs: 20_000, what: 'resumed lines' },
    );
    const numbers = [...seen, ...resumed].map(numberOf);
    for (let i = 1; i < numbers.length; i++) expect(numbers[i], `line after ${numbers[i - 1]}`).toBe(numbers[i - 1] + 1);
    second.socket.disconnect();
  });

  it('searches history on the server and reads older pages before a timestamp', async () => {
    const { socket } = await suite.socketAs('viewer');
    const base: Omit<LogHistoryRequest, 'limit'> = { source: { kind: 'container', hostId, containerId }, stdout: true, stderr: true };
    const found = await ok<{ lines: LogLine[] }>(call(socket, 'logs:history', { ...base, limit: 100, filter: 'ERR 1' }));
    expect(found.lines.length).toBeGreaterThan(0);
    expect(found.lines.every((l) => l.stream === 'stderr' && l.text.startsWith('err 1'))).toBe(true);

    const recent = await ok<{ lines: LogLine[] }>(call(socket, 'logs:history', { ...base, stderr: false, tail: 30, limit: 30 }));
    const pivot = recent.lines[10];
    const older = await ok<{ lines: LogLine[] }>(call(socket, 'logs:history', { ...base, stderr: false, until: pivot.ts, limit: 8 }));
    expect(older.lines.map(numberOf)).toEqual(Array.from({ length: 8 }, (_, i) => numberOf(pivot) - 7 + i));
    socket.disconnect();
  });

  it('refuses bad requests and unknown sources without reaching an engine', async () => {
    const { socket } = await suite.socketAs('viewer');
    expect(await call(socket, 'logs:follow', { source: { kind: 'container', hostId: '../etc', containerId }, stdout: true, stderr: true })).toMatchObject({ ok: false });
    expect(await call(socket, 'logs:follow', { source: { kind: 'container', hostId, containerId }, stdout: false, stderr: false })).toMatchObject({ ok: false });
    expect(await call(socket, 'logs:follow', { source: { kind: 'container', hostId, containerId }, since: '1; rm', stdout: true, stderr: true })).toMatchObject({ ok: false });
    socket.disconnect();
  });
});

describe('Compose project logs', () => {
  // Two containers of one project (labelled as Compose labels them), each writing numbered lines.
  const project = `logs${randomBytes(3).toString('hex')}`;
  const member = async (service: string) => {
    const container = await engine.createContainer({
      Image: lab.image,
      name: `${project}-${service}-1`,
      Cmd: ['sh', '-c', `i=0; while true; do i=$((i+1)); echo "${service} $i"; sleep 0.05; done`],
      Labels: { ...mine.labels, 'com.docker.compose.project': project, 'com.docker.compose.service': service, 'com.docker.compose.container-number': '1' },
      StopTimeout: 1,
    });
    await container.start();
  };
  const source = { kind: 'project' as const, hostId, project };

  beforeAll(async () => {
    await member('web');
    await member('db');
  }, 30_000);

  it('follows every container of the project in one stream, each line named by its container, in time order per batch', async () => {
    const { socket } = await suite.socketAs('viewer');
    const lines: LogLine[] = [];
    let streamId = '';
    socket.on('logs:lines', (m) => {
      if (m.streamId === streamId) lines.push(...m.lines);
    });
    streamId = (await ok<{ streamId: string }>(call(socket, 'logs:follow', { source: { ...source, hostId }, tail: 5, stdout: true, stderr: true }))).streamId;
    await waitFor(() => ['web', 'db'].every((s) => lines.filter((l) => l.container === `${project}-${s}-1`).length >= 15), { timeoutMs: 20_000, what: 'lines of both containers' });
    for (const line of lines) expect(line.text, `a line of ${line.container}`).toMatch(new RegExp(`^${line.container?.split('-')[1]} \\d+$`));
    // Each container's own lines keep their order.
    for (const s of ['web', 'db']) {
      const numbers = lines.filter((l) => l.container === `${project}-${s}-1`).map(numberOf);
      expect(numbers).toEqual([...numbers].sort((a, b) => a - b));
    }
    socket.disconnect();
  });

  it('reads older pages of the whole project merged by time, and searches all its containers', async () => {
    const { socket } = await suite.socketAs('viewer');
    const base = { source: { ...source, hostId }, stdout: true, stderr: true };
    const recent = await ok<{ lines: LogLine[] }>(call(socket, 'logs:history', { ...base, tail: 40, limit: 40 }));
    expect(new Set(recent.lines.map((l) => l.container))).toEqual(new Set([`${project}-web-1`, `${project}-db-1`]));
    const pivot = recent.lines[recent.lines.length - 10];
    const older = await ok<{ lines: LogLine[] }>(call(socket, 'logs:history', { ...base, until: pivot.ts, limit: 20 }));
    expect(older.lines).toHaveLength(20);
    const times = older.lines.map((l) => l.ts);
    expect(times.every((ts, i) => i === 0 || Date.parse(times[i - 1]) <= Date.parse(ts))).toBe(true);
    expect(older.lines.every((l) => Date.parse(l.ts) <= Date.parse(pivot.ts))).toBe(true);
    const found = await ok<{ lines: LogLine[] }>(call(socket, 'logs:history', { ...base, filter: 'DB 1', limit: 50 }));
    expect(found.lines.length).toBeGreaterThan(0);
    expect(found.lines.every((l) => l.container === `${project}-db-1` && l.text.startsWith('db 1'))).toBe(true);
    socket.disconnect();
  });

  it('says a project with no container here has none, and refuses a user without access to the project', async () => {
    const viewer = await suite.socketAs('viewer');
    const empty = await call(viewer.socket, 'logs:follow', { source: { kind: 'project', hostId, project: `${project}-none` }, stdout: true, stderr: true });
    expect(empty).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
    viewer.socket.disconnect();
    const outsider = await suite.socketAs('none');
    const refused = await call(outsider.socket, 'logs:follow', { source: { kind: 'project', hostId, project }, stdout: true, stderr: true });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
    outsider.socket.disconnect();
  });
});

/** A terminal session from a socket: its output so far, and a way to wait for text in it. */
async function terminal(socket: StreamClient, size = { cols: 80, rows: 24 }) {
  let output = '';
  let exit: string | null = null;
  const { sessionId } = await ok<{ sessionId: string }>(call(socket, 'exec:open', { hostId, containerId, shell: { kind: 'sh' }, ...size }));
  socket.on('exec:data', (m) => {
    if (m.sessionId === sessionId) output += m.data;
  });
  socket.on('exec:exit', (m) => {
    if (m.sessionId === sessionId) exit = m.reason;
  });
  return {
    sessionId,
    send: (data: string) => socket.emit('exec:data', { sessionId, data }),
    waitForOutput: (pattern: RegExp, what: string) => waitFor(() => pattern.exec(output), { timeoutMs: 15_000, what }),
    waitForExit: () => waitFor(() => exit, { timeoutMs: 15_000, what: 'the session to end' }),
  };
}

/** The processes in the container besides its own writer loop. */
async function strayProcesses(marker: string) {
  const top = await engine.getContainer(containerId).top();
  const argsAt = top.Titles.findIndex((t: string) => /CMD|COMMAND|ARGS/i.test(t));
  return (top.Processes as string[][]).map((p) => p[argsAt]).filter((args) => args.includes(marker) || args === '/bin/sh');
}

describe('terminals', () => {
  it('round-trips keystrokes and output, and follows resizes', async () => {
    const { socket } = await suite.socketAs('operator');
    const term = await terminal(socket);
    term.send('echo wharf-$((6*7))\n');
    await term.waitForOutput(/wharf-42/, 'the echo');
    term.send('stty size\n');
    await term.waitForOutput(/24 80/, 'the first size');
    socket.emit('exec:resize', { sessionId: term.sessionId, cols: 132, rows: 41 });
    term.send('stty size\n');
    await term.waitForOutput(/41 132/, 'the new size');
    socket.emit('exec:close', { sessionId: term.sessionId });
    await term.waitForExit();
    socket.disconnect();
  });

  it('leaves no process behind when the browser goes away mid-command, and audits start and end', async () => {
    const { socket, user } = await suite.socketAs('operator');
    const term = await terminal(socket);
    term.send('sleep 4321\n');
    await waitFor(async () => (await strayProcesses('sleep 4321')).length > 0, { timeoutMs: 15_000, what: 'the command to run' });
    socket.disconnect();
    await waitFor(async () => (await strayProcesses('sleep 4321')).length === 0, { timeoutMs: 15_000, what: 'no process left in the container' });
    const rows = await waitFor(async () => {
      const found = await auditLines(suite.deps.db, { actorId: user.id });
      return found.some((r) => r.action === 'container.exec.end') ? found : null;
    }, { what: 'the end of the session audited' });
    expect(rows.map((r) => [r.action, r.result])).toEqual([['container.exec', 'succeeded'], ['container.exec.end', 'succeeded']]);
    expect(rows[0].message).toContain('/bin/sh');
    expect(rows[0].targetId).toBe(containerId);
    expect(rows[1].message).toContain('disconnected');
  });

  it('refuses a viewer a terminal and audits the refusal', async () => {
    const { socket, user } = await suite.socketAs('viewer');
    const refused = await call(socket, 'exec:open', { hostId, containerId, shell: { kind: 'sh' }, cols: 80, rows: 24 });
    expect(refused).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/not allowed/) } });
    const denial = await suite.deps.db.auditEntry.findFirst({ where: { actorId: user.id, action: 'container.exec' } });
    expect(denial).toMatchObject({ result: 'denied', targetType: 'host', targetId: hostId });
    socket.disconnect();
  });

  it('ends the socket and its terminals when the user is disabled, and nothing is left', async () => {
    const { socket, user } = await suite.socketAs('operator');
    const ended = new Promise<string>((resolve) => socket.once('session:ended', (m) => resolve(m.reason)));
    const term = await terminal(socket);
    term.send('sleep 4324\n');
    await waitFor(async () => (await strayProcesses('sleep 4324')).length > 0, { timeoutMs: 15_000, what: 'the command to run' });
    await setUserDisabled(suite.deps, suite.admin.actor, user.id, true);
    expect(await ended).toMatch(/session ended/);
    await waitFor(() => socket.disconnected, { what: 'the socket to be closed' });
    await waitFor(async () => (await strayProcesses('sleep 4324')).length === 0, { timeoutMs: 15_000, what: 'no process left' });
    const end = await waitFor(() => suite.deps.db.auditEntry.findFirst({ where: { actorId: user.id, action: 'container.exec.end' } }), { what: 'the end audited' });
    expect(end.message).toContain('Your session ended.');
  });

  it('closes a terminal when its user loses the right to exec, and nothing is left', async () => {
    const { socket, user } = await suite.socketAs('operator');
    const term = await terminal(socket);
    term.send('sleep 4322\n');
    await waitFor(async () => (await strayProcesses('sleep 4322')).length > 0, { timeoutMs: 15_000, what: 'the command to run' });
    await changeUserRole(suite.deps, suite.admin.actor, user.id, 'viewer');
    expect(await term.waitForExit()).toMatch(/withdrawn/);
    await waitFor(async () => (await strayProcesses('sleep 4322')).length === 0, { timeoutMs: 15_000, what: 'no process left' });
    expect(socket.connected).toBe(true); // logs are still theirs to read
    socket.disconnect();
  });
});

describe('idle terminals', () => {
  let idleRealtime: RealtimeServer;

  afterAll(async () => {
    await idleRealtime?.close();
  });

  it('closes a terminal nobody uses after the idle timeout, leaving nothing', async () => {
    const idle = await startStreamsServer({ db: suite.deps.db, inventory: suite.inventory, changes: suite.deps.changes, engines: suite.deps.engines, execIdleMs: 1500 });
    idleRealtime = idle.realtime;
    const user = await seedUser(suite.deps.db, 'operator');
    const socket = await suite.socketFor(user, idle.origin);
    const term = await terminal(socket);
    term.send('sleep 4323\n');
    await waitFor(async () => (await strayProcesses('sleep 4323')).length > 0, { timeoutMs: 15_000, what: 'the command to run' });
    expect(await term.waitForExit()).toMatch(/without activity/);
    await waitFor(async () => (await strayProcesses('sleep 4323')).length === 0, { timeoutMs: 15_000, what: 'no process left' });
    expect(socket.connected).toBe(true);
    socket.disconnect();
  });
});

describe('service logs', () => {
  let swarmId: string;

  beforeAll(async () => {
    await leaveAllSwarms(hosts.map((h) => h.socket));
    const members = [{ hostId, engine: l1 }];
    for (const h of hosts.slice(1)) members.push({ hostId: await registerLabHost(suite.deps, suite.admin.actor, h), engine: h });
    await suite.inventory.start();
    swarmId = await formSwarm(suite.deps, suite.admin.actor, 'logs', members);
  }, 120_000);

  afterAll(async () => {
    await leaveAllSwarms(hosts.map((h) => h.socket));
  }, 120_000);

  it('merges the lines of tasks on several nodes, each tagged with its task and node', async () => {
    const service = await engine.createService({
      Name: `wharf-logs-svc-${randomBytes(3).toString('hex')}`,
      Labels: mine.labels,
      TaskTemplate: { ContainerSpec: { Image: lab.image, Command: ['sh', '-c', 'trap "exit 0" TERM; while true; do echo "from $(hostname)"; sleep 0.2; done'] }, Placement: { MaxReplicas: 1 } },
      Mode: { Replicated: { Replicas: 3 } },
    } as never);
    try {
      const { socket } = await suite.socketAs('viewer');
      const lines: LogLine[] = [];
      socket.on('logs:lines', (m) => lines.push(...m.lines));
      await ok(call(socket, 'logs:follow', { source: { kind: 'service', swarmId, serviceId: service.id }, stdout: true, stderr: true }));
      await waitFor(() => new Set(lines.map((l) => l.node)).size >= 3, { timeoutMs: 60_000, what: 'lines from three nodes' });
      expect(lines.every((l) => l.task && l.node && l.text.startsWith('from '))).toBe(true);
      expect(new Set(lines.map((l) => l.task)).size).toBeGreaterThanOrEqual(3);
      socket.disconnect();
    } finally {
      await service.remove().catch(() => {});
    }
  }, 90_000);

  it('downloads as text, every task merged, each line named by its task and node as the CLI names them', async () => {
    const name = `wharf-logs-dl-${randomBytes(3).toString('hex')}`;
    const service = await engine.createService({
      Name: name,
      Labels: mine.labels,
      TaskTemplate: { ContainerSpec: { Image: lab.image, Command: ['sh', '-c', 'trap "exit 0" TERM; echo "out $(hostname)"; echo "err $(hostname)" >&2; while true; do sleep 1; done'] }, Placement: { MaxReplicas: 1 } },
      Mode: { Replicated: { Replicas: 2 } },
    } as never);
    try {
      const read = async (query: { stdout: boolean; stderr: boolean }, timestamps: boolean) => {
        const { filename, chunks } = await downloadServiceLogs(suite.deps, { source: { kind: 'service', swarmId, serviceId: service.id }, ...query }, { timestamps });
        let text = '';
        for await (const chunk of chunks) text += chunk;
        return { filename, lines: text.split('\n').filter(Boolean) };
      };
      const both = await waitFor(async () => {
        const got = await read({ stdout: true, stderr: true }, true);
        return got.lines.length >= 4 ? got : null;
      }, { timeoutMs: 60_000, what: 'two lines from each of two tasks' });
      expect(both.filename).toMatch(new RegExp(`^${name}-logs-[0-9T-]+Z\\.txt$`));
      const label = `${name}\\.[12]@lab-[123]`;
      for (const line of both.lines) expect(line).toMatch(new RegExp(`^\\d{4}-\\d\\d-\\d\\dT\\S+ (stdout ${label} out|stderr ${label} err) \\S+$`));
      const labels = new Set(both.lines.map((line) => line.split(' ')[2]));
      expect(labels.size).toBe(2);
      // One stream, without timestamps: no stream name, no time, still the task's name.
      const errors = await read({ stdout: false, stderr: true }, false);
      expect(errors.lines.length).toBeGreaterThanOrEqual(2);
      for (const line of errors.lines) expect(line).toMatch(new RegExp(`^${label} err \\S+$`));
    } finally {
      await service.remove().catch(() => {});
    }
  }, 90_000);
});
