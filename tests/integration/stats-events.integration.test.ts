// Stats and events over the streams namespace, against a real socket.io server, Postgres and lab
// engines: a busy container's CPU above zero with memory and a limit; host totals and top lists;
// one engine stats stream shared by watchers and closed when the last one leaves or its socket
// goes; a host's events filtered by type and action, a container start among them; a swarm's
// events through a manager; refusals for a user whose grants do not cover the host or swarm, and
// feeds ended when a user is disabled.
import type { Readable } from 'node:stream';
import { randomBytes } from 'node:crypto';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { STREAMS_NAMESPACE, type FeedEvent } from '@/lib/realtime/stream-protocol.ts';
import type { HostStatsSnapshot, StatsSample } from '@/lib/models/stats/stats-math.ts';
import type { EngineClients } from '@/lib/services/engine/engine-clients.ts';
import { setUserDisabled } from '@/lib/services/users/manage-users.ts';
import { labState, registerLabHost, TestContainers } from '../support/integration.ts';
import { formSwarm, leaveAllSwarms } from '../support/swarm-lab.ts';
import { call, ok, StreamsSuite, type StreamClient } from '../support/streams-server.ts';
import { waitFor } from '../support/wait-for.ts';


const lab = labState();
const hosts = lab.hosts.slice(0, 3);
const [l1] = hosts;
const engine = new Dockerode({ socketPath: l1.socket });
const mine = new TestContainers(engine, 'stats', lab.image);
const suite = new StreamsSuite();
let hostId: string;
let busyId: string;

/** Every engine stats stream the console opened (stream: true), to see that it closes them. */
const statsStreams: { containerId: string; stream: Readable }[] = [];

/** The console's engine clients, with each container's stats() recorded. */
function trackingEngines(real: EngineClients): EngineClients {
  const tracking = Object.create(real) as EngineClients;
  tracking.get = async (id: string) => {
    const client = await real.get(id);
    const docker = Object.create(client.docker) as Dockerode;
    docker.getContainer = (containerId: string) => {
      const container = client.docker.getContainer(containerId);
      const stats = container.stats.bind(container) as (opts: { stream?: boolean }) => Promise<unknown>;
      container.stats = (async (opts: { stream?: boolean }) => {
        const result = await stats(opts);
        if (opts?.stream !== false) statsStreams.push({ containerId, stream: result as Readable });
        return result;
      }) as never;
      return container;
    };
    return { ...client, docker };
  };
  return tracking;
}

beforeAll(async () => {
  await mine.removeAll();
  await suite.prepare('stats_events');
  hostId = await registerLabHost(suite.deps, suite.admin.actor, l1);
  // Sessions are re-checked on access changes (the change feed), not on a timer, so a test that
  // narrows a socket's grants is not raced by a periodic re-check.
  await suite.listen({ revalidateMs: 3_600_000, engines: trackingEngines(suite.deps.engines) });
  busyId = (await mine.start('stats-busy', ['sh', '-c', 'while true; do :; done'])).id;
}, 60_000);

afterAll(() => suite.close(() => mine.removeAll()), 60_000);

/** Watches a container's stats from a socket: the samples so far. */
async function watch(socket: StreamClient, containerId = busyId) {
  const samples: StatsSample[] = [];
  const ends: string[] = [];
  let watchId = '';
  socket.on('stats:sample', (m) => m.watchId === watchId && samples.push(m.sample));
  socket.on('stats:end', (m) => m.watchId === watchId && ends.push(m.reason));
  watchId = (await ok<{ watchId: string }>(call(socket, 'stats:watch', { hostId, containerId }))).watchId;
  return { watchId, samples, ends, unwatch: () => socket.emit('stats:unwatch', { watchId }) };
}

/** Follows events from a socket: the events so far. */
async function follow(socket: StreamClient, request: unknown) {
  const events: FeedEvent[] = [];
  const ends: string[] = [];
  let streamId = '';
  socket.on('events:batch', (m) => m.streamId === streamId && events.push(...m.events));
  socket.on('events:end', (m) => m.streamId === streamId && ends.push(m.reason));
  streamId = (await ok<{ streamId: string }>(call(socket, 'events:follow', request))).streamId;
  return { streamId, events, ends };
}

const openStreamsOf = (containerId: string) => statsStreams.filter((s) => s.containerId === containerId && !s.stream.destroyed);

/** Narrows the server side of a socket to a grant on another host only (a scoped grant). */
function narrowGrants(userId: string) {
  const ns = suite.realtime.io.of(STREAMS_NAMESPACE);
  for (const s of ns.sockets.values()) {
    const data = s.data as { actor: Actor };
    if (data.actor.id === userId) data.actor = { ...data.actor, grants: [{ role: 'viewer', scope: { type: 'host', id: 'some-other-host' } }] };
  }
}

describe('container stats', () => {
  it('shows a busy container using CPU, with memory used and a limit', async () => {
    const { socket } = await suite.socketAs('viewer');
    const w = await watch(socket);
    const busy = await waitFor(() => w.samples.find((s) => s.cpuPercent !== null && s.cpuPercent > 0), { timeoutMs: 20_000, what: 'a sample with CPU above zero' });
    expect(busy.memoryUsed).toBeGreaterThan(0);
    expect(busy.memoryLimit).toBeGreaterThan(0);
    expect(busy.onlineCpus).toBeGreaterThan(0);
    await waitFor(() => w.samples.some((s) => s.netRxRate !== null), { timeoutMs: 20_000, what: 'a sample with rates from the previous one' });
    w.unwatch();
    socket.disconnect();
  });

  it('shares one engine stream between watchers and closes it when the last one leaves', async () => {
    await waitFor(() => openStreamsOf(busyId).length === 0, { timeoutMs: 15_000, what: 'no stream left from earlier' });
    const a = await suite.socketAs('viewer');
    const b = await suite.socketAs('viewer');
    const wa = await watch(a.socket);
    const wb = await watch(b.socket);
    await waitFor(() => wa.samples.length > 0 && wb.samples.length > 0, { timeoutMs: 20_000, what: 'samples for both watchers' });
    expect(openStreamsOf(busyId)).toHaveLength(1);

    wa.unwatch();
    const before = wb.samples.length;
    await waitFor(() => wb.samples.length > before + 1, { timeoutMs: 20_000, what: 'the other watcher still fed' });
    expect(openStreamsOf(busyId)).toHaveLength(1);

    wb.unwatch();
    await waitFor(() => openStreamsOf(busyId).length === 0, { timeoutMs: 15_000, what: 'the engine stream closed after the last watcher left' });
    a.socket.disconnect();
    b.socket.disconnect();
  });

  it('closes the engine stream when the watching socket disconnects', async () => {
    const { socket } = await suite.socketAs('viewer');
    const w = await watch(socket);
    await waitFor(() => w.samples.length > 0, { timeoutMs: 20_000, what: 'a sample' });
    expect(openStreamsOf(busyId)).toHaveLength(1);
    socket.disconnect();
    await waitFor(() => openStreamsOf(busyId).length === 0, { timeoutMs: 15_000, what: 'the engine stream closed after the disconnect' });
  });

  it("gives a host's totals and puts the busy container at the top by CPU", async () => {
    const { socket } = await suite.socketAs('viewer');
    const snapshots: HostStatsSnapshot[] = [];
    let watchId = '';
    socket.on('stats:host', (m) => m.watchId === watchId && snapshots.push(m.snapshot));
    watchId = (await ok<{ watchId: string }>(call(socket, 'stats:host-watch', { hostId }))).watchId;
    const snap = await waitFor(() => snapshots.find((s) => s.topByCpu[0]?.id === busyId), { timeoutMs: 30_000, what: 'the busy container at the top by CPU' });
    expect(snap.running).toBeGreaterThanOrEqual(1);
    expect(snap.totals.cpuPercent).toBeGreaterThan(0);
    expect(snap.totals.memoryUsed).toBeGreaterThan(0);
    expect(snap.topByMemory.some((r) => r.id === busyId)).toBe(true);
    socket.emit('stats:unwatch', { watchId });
    socket.disconnect();
  });

  it('refuses bad requests and unknown containers', async () => {
    const { socket } = await suite.socketAs('viewer');
    expect(await call(socket, 'stats:watch', { hostId: '../etc', containerId: busyId })).toMatchObject({ ok: false });
    expect(await call(socket, 'stats:watch', { hostId, containerId: 'no-such-container' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/no such container|not exist/i) } });
    expect(openStreamsOf('no-such-container')).toHaveLength(0);
    socket.disconnect();
  });
});

describe('host events', () => {
  it('relays a container start, filtered by type and action', async () => {
    const { socket } = await suite.socketAs('viewer');
    const feed = await follow(socket, { scope: { kind: 'host', hostId }, types: ['container'], actions: ['start'] });
    const started = await mine.start('stats-ev', ['sleep', '3600']);
    const event = await waitFor(() => feed.events.find((e) => e.actorId === started.id), { timeoutMs: 15_000, what: 'the start event' });
    expect(event).toMatchObject({ type: 'container', action: 'start', attributes: { image: lab.image } });
    expect(event.name).toMatch(/^wharf-stats-ev-/);
    await started.stop({ t: 0 });
    // The stop's die event is filtered out by the engine; the next start still comes through.
    await started.start();
    await waitFor(() => feed.events.filter((e) => e.actorId === started.id).length >= 2, { timeoutMs: 15_000, what: 'the second start' });
    expect(feed.events.every((e) => e.type === 'container' && e.action === 'start')).toBe(true);
    socket.emit('events:stop', { streamId: feed.streamId });
    socket.disconnect();
  });

  it('refuses types that are not the scope’s and bad filters', async () => {
    const { socket } = await suite.socketAs('viewer');
    expect(await call(socket, 'events:follow', { scope: { kind: 'host', hostId }, types: ['node'] })).toMatchObject({ ok: false });
    expect(await call(socket, 'events:follow', { scope: { kind: 'host', hostId }, actions: ['start"]}'] })).toMatchObject({ ok: false });
    socket.disconnect();
  });
});

describe('access', () => {
  it('refuses stats and events to a user whose grants do not cover the host, and audits it', async () => {
    const { socket, user } = await suite.socketAs('viewer');
    narrowGrants(user.id);
    expect(await call(socket, 'stats:watch', { hostId, containerId: busyId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/not allowed/) } });
    expect(await call(socket, 'stats:host-watch', { hostId })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/not allowed/) } });
    expect(await call(socket, 'events:follow', { scope: { kind: 'host', hostId } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/not allowed/) } });
    expect(await call(socket, 'events:follow', { scope: { kind: 'swarm', swarmId: 'abcdefghij0123456789abcde' } })).toMatchObject({ ok: false, error: { code: 'FORBIDDEN', message: expect.stringMatching(/not allowed/) } });
    const denials = await suite.deps.db.auditEntry.findMany({ where: { actorId: user.id, result: 'denied' }, orderBy: { id: 'asc' } });
    expect(denials.map((d) => [d.action, d.targetType])).toEqual([
      ['container.view', 'host'],
      ['container.view', 'host'],
      ['host.view', 'host'],
      ['swarm.view', 'swarm'],
    ]);
    expect(openStreamsOf(busyId)).toHaveLength(0);
    socket.disconnect();
  });

  it('ends stats and events when the user is disabled, closing the engine stream', async () => {
    const { socket, user } = await suite.socketAs('viewer');
    const ended = new Promise<string>((resolve) => socket.once('session:ended', (m) => resolve(m.reason)));
    const w = await watch(socket);
    await follow(socket, { scope: { kind: 'host', hostId } });
    await waitFor(() => w.samples.length > 0, { timeoutMs: 20_000, what: 'a sample' });
    await setUserDisabled(suite.deps, suite.admin.actor, user.id, true);
    expect(await ended).toMatch(/session ended/);
    await waitFor(() => openStreamsOf(busyId).length === 0, { timeoutMs: 15_000, what: 'the engine stream closed' });
  });
});

describe('swarm events', () => {
  let swarmId: string;

  beforeAll(async () => {
    await leaveAllSwarms(hosts.map((h) => h.socket));
    await suite.inventory.start();
    swarmId = await formSwarm(suite.deps, suite.admin.actor, 'stats', [{ hostId, engine: l1 }]);
  }, 120_000);

  afterAll(async () => {
    await leaveAllSwarms(hosts.map((h) => h.socket));
  }, 120_000);

  it("relays the swarm's cluster events through a manager", async () => {
    const { socket } = await suite.socketAs('viewer');
    const feed = await follow(socket, { scope: { kind: 'swarm', swarmId }, types: ['secret'] });
    const name = `wharf-stats-${randomBytes(3).toString('hex')}`;
    const secret = await engine.createSecret({ Name: name, Labels: mine.labels, Data: Buffer.from('x').toString('base64') } as never);
    try {
      const event = await waitFor(() => feed.events.find((e) => e.name === name), { timeoutMs: 15_000, what: 'the secret create event' });
      expect(event).toMatchObject({ type: 'secret', action: 'create' });
      expect(feed.events.every((e) => e.type === 'secret')).toBe(true);
    } finally {
      await secret.remove().catch(() => {});
    }
    socket.disconnect();
  }, 60_000);
});
