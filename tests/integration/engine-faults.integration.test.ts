// Cases 31, 32, 35 and 36 of docs/security.md against lab-1 seen through stand-ins
// (tests/support/engine-proxy.ts): the connection breaking between a container's create and its
// start; the engine's TLS certificate expiring or changing; a refused request that never reaches
// the engine, whatever authorization plugin it runs; a log flood read by a browser that stops
// reading and then vanishes, and a terminal whose browser vanishes.
import { randomBytes } from 'node:crypto';
import type { Socket as NetSocket } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { localizeText } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { toCreateBody } from '@/lib/models/containers/container-form.ts';
import { createContainerSchema } from '@/lib/schemas/containers.ts';
import { registerHostSchema } from '@/lib/schemas/hosts.ts';
import { createContainer } from '@/lib/services/containers/create-container.ts';
import { hostEngine } from '@/lib/services/engine/index.ts';
import { registerHost } from '@/lib/services/hosts/register-host.ts';
import type { InventoryUpdate } from '@/lib/services/inventory/host-watcher.ts';
import { Inventory } from '@/lib/services/inventory/inventory.ts';
import { judgeWorkload, requestFromContainerCreate } from '@/lib/services/policy/workload-policy.ts';
import { DEFAULT_POLICY } from '@/lib/models/policies/policy-rules.ts';
import { EngineProxy, TlsFront } from '../support/engine-proxy.ts';
import { labState, removeTestContainers, seedUser } from '../support/integration.ts';
import { auditLines } from '../support/audit-rows.ts';
import { refusal } from '../support/security-lab.ts';
import { call, ok, StreamsSuite, type StreamClient } from '../support/streams-server.ts';
import { testCa, testLeaf } from '../support/test-certificates.ts';
import { collector, waitFor } from '../support/wait-for.ts';

const lab = labState();
const l1 = lab.hosts[0];
/** The TLS front's engine: not l1, which "proxied" already reaches (the same engine twice is refused). */
const l2 = lab.hosts[1];
const docker = new Dockerode({ socketPath: l1.socket });
const LABEL = 'security-faults';
const run = randomBytes(3).toString('hex');
const suite = new StreamsSuite();
let proxy: EngineProxy;
let hostId: string;
let operator: Actor;

beforeAll(async () => {
  await removeTestContainers(docker, LABEL);
  proxy = await new EngineProxy(l1.socket).listen();
  await suite.prepare('security_faults');
  operator = (await seedUser(suite.deps.db, 'operator')).actor;
  hostId = (await registerHost(suite.deps, suite.admin.actor, registerHostSchema.parse({ name: 'proxied', transport: 'unix', socketPath: proxy.socketPath }))).id;
  await suite.listen({ revalidateMs: 3_600_000 });
}, 60_000);

afterAll(() => suite.close(async () => {
  await proxy?.close();
  await removeTestContainers(docker, LABEL);
}), 60_000);

const input = (over: Record<string, unknown>) => createContainerSchema.parse({ hostId, image: lab.image, command: 'sleep 3600', labels: { 'wharf.test': LABEL }, ...over });
const named = (name: string) => docker.listContainers({ all: true, filters: JSON.stringify({ name: [`^/${name}$`] }) });
const since = (mark: number) => proxy.requests.slice(mark);

describe('31. the engine connection drops between create and start', () => {
  it('the created container is removed again and the user told so, the audit row is settled, and the same create then succeeds', async () => {
    const name = `sec-c31-${run}`;
    proxy.drop = (r) => r.method === 'POST' && /^\/(v[\d.]+\/)?containers\/[^/]+\/start$/.test(r.path.split('?')[0]);
    const error = await refusal(createContainer(suite.deps, operator, input({ name })));
    proxy.drop = null;
    expect(error.message).toMatch(/was created but could not start on proxied, so it was removed again/);
    expect(proxy.posts(/\/containers\/create$/)).toHaveLength(1);
    expect(await named(name)).toEqual([]);
    const rows = await auditLines(suite.deps.db, { actorId: operator.id, action: 'container.create' });
    expect(rows.map((r) => r.result)).toEqual(['failed']);

    const again = await createContainer(suite.deps, operator, input({ name }));
    expect(again.started).toBe(true);
    expect(await named(name)).toHaveLength(1);
  });
});

describe('35. the console\'s own policy, never an engine plugin, blocks what it refuses', () => {
  it('the engine hears nothing of a create the policy refuses', async () => {
    const mark = proxy.requests.length;
    const error = await refusal(createContainer(suite.deps, operator, input({ name: `sec-c35-bad-${run}`, privileged: true, volumes: '/:/host' })));
    expect(error.code).toBe('FORBIDDEN');
    expect(since(mark).filter((r) => r.method !== 'GET')).toEqual([]);
  });

  it('the engine receives exactly the body that was judged, never an empty one or one of another length', async () => {
    const given = input({ name: `sec-c35-ok-${run}`, env: 'MODE=a=b' });
    const mark = proxy.requests.length;
    await createContainer(suite.deps, operator, given);
    const creates = since(mark).filter((r) => r.method === 'POST' && /\/containers\/create$/.test(r.path.split('?')[0]));
    expect(creates).toHaveLength(1);
    const judged = toCreateBody(given, operator.username, given.labels);
    expect(judgeWorkload(requestFromContainerCreate(judged), DEFAULT_POLICY)).toEqual([]);
    expect(JSON.parse(creates[0].body)).toEqual(judged);
    expect(creates[0].contentLength).toBe(String(Buffer.byteLength(creates[0].body)));
  });

  it('input past its limits is refused by the schema the action parses it with', () => {
    for (const over of [{ env: `A=${'x'.repeat(300 * 1024)}` }, { command: 'x'.repeat(9000) }, { volumes: 'v:/d\n'.repeat(2000) }, { labels: Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`l${i}`, 'v'])) }]) {
      expect(createContainerSchema.safeParse({ hostId, image: lab.image, ...over }).success, Object.keys(over)[0]).toBe(false);
    }
  });
});

describe('32. the engine\'s TLS certificate expires or changes', () => {
  it('the connection is refused and the host shown unreachable, saying why; its own certificate brings it back', async () => {
    const [ca, other] = await Promise.all([testCa('wharf-test-ca'), testCa('someone-else')]);
    const [good, expired, foreign, client] = await Promise.all([testLeaf(ca, 'server'), testLeaf(ca, 'server', { from: -10, to: -1 }), testLeaf(other, 'server'), testLeaf(ca, 'client')]);
    const front = await new TlsFront(l2.socket, good).listen();
    const inventory = new Inventory({ ...suite.deps, timing: { heartbeatMs: 300, pingTimeoutMs: 1000, backoffBaseMs: 200, backoffCapMs: 500 } });
    const updates = collector<InventoryUpdate>();
    inventory.onUpdate(updates.push);
    await inventory.start();
    try {
      const { id } = await registerHost(suite.deps, suite.admin.actor, registerHostSchema.parse({ name: 'tls-front', transport: 'tcp', host: '127.0.0.1', port: front.port, ca: ca.pem.cert, cert: client.cert, key: client.key }));
      const readInfo = async () => (await hostEngine(suite.deps, id)).call(msg('engineText.doing.readRole'), (api) => api.info());
      expect((await readInfo()).Name).toBe(l2.name);
      for (const [identity, why] of [[expired, /has expired/], [foreign, /not signed by the CA certificate you gave/]] as const) {
        updates.items.length = 0;
        front.present(identity);
        await updates.waitFor((u) => u.kind === 'status' && u.hostId === id && u.status === 'unreachable' && why.test(localizeText(u.reason ?? '', 'en')), { timeoutMs: 15_000, what: `unreachable: ${why}` });
        expect(localizeText((await suite.deps.db.host.findUniqueOrThrow({ where: { id } })).statusReason ?? '', 'en')).toMatch(why);
        const error = await refusal(readInfo());
        expect(error.code).toBe('ENGINE_UNREACHABLE');
        expect(error.message).toMatch(why);
        front.present(good);
        await updates.waitFor((u) => u.kind === 'status' && u.hostId === id && u.status === 'up', { timeoutMs: 15_000, what: 'up again' });
      }
    } finally {
      inventory.stop();
      await front.close();
    }
  }, 90_000);
});

/** The client's own TCP connection under its socket.io socket. */
const tcpOf = (socket: StreamClient) => (socket.io.engine.transport as unknown as { ws: { _socket: NetSocket } }).ws._socket;

describe('36. log floods and browsers that vanish', () => {
  it('a browser that stops reading a log flood stops the engine stream (the console holds a bounded amount); when it vanishes, the stream is closed', async () => {
    // Lines of 1000 characters as fast as the engine takes them; its log files rotate at 10 MB.
    const flood = await docker.createContainer({ Image: lab.image, Cmd: ['sh', '-c', 'l=$(head -c 1000 /dev/zero | tr "\\0" x); yes "$l"'], Labels: { 'wharf.test': LABEL }, StopTimeout: 1, HostConfig: { LogConfig: { Type: 'json-file', Config: { 'max-size': '10m', 'max-file': '2' } } } });
    await flood.start();
    try {
      const { socket } = await suite.socketAs('viewer');
      let lines = 0;
      socket.on('logs:lines', (m) => (lines += m.lines.length));
      await ok(call(socket, 'logs:follow', { source: { kind: 'container', hostId, containerId: flood.id }, stdout: true, stderr: true, tail: 0 }));
      await waitFor(() => lines > 2000, { timeoutMs: 20_000, what: 'the flood to arrive' });
      const flowing = proxy.bytesFromEngine;
      await sleep(1000);
      const perSecond = proxy.bytesFromEngine - flowing;
      expect(perSecond).toBeGreaterThan(2 * 1024 * 1024);

      tcpOf(socket).pause();
      // What the kernel's socket buffers take drains first (slowly on a loaded machine); then the
      // console must stop reading the engine. Without flow control it never stops.
      await waitFor(async () => {
        const before = proxy.bytesFromEngine;
        await sleep(500);
        return proxy.bytesFromEngine - before < 32 * 1024;
      }, { timeoutMs: 30_000, what: 'the engine stream to be paused' });
      const held = proxy.bytesFromEngine;
      await sleep(3000);
      expect(proxy.bytesFromEngine - held).toBeLessThan(256 * 1024);

      expect(proxy.openAnswers).toBeGreaterThan(0);
      tcpOf(socket).destroy();
      await waitFor(() => proxy.openAnswers === 0, { timeoutMs: 10_000, what: 'the engine stream to be closed' });
    } finally {
      await flood.remove({ force: true });
    }
  }, 90_000);

  it('a terminal whose browser vanishes mid-command leaves no process, and its end is audited', async () => {
    const idle = await docker.createContainer({ Image: lab.image, Cmd: ['sleep', '3600'], Labels: { 'wharf.test': LABEL }, StopTimeout: 1 });
    await idle.start();
    const processes = async () => ((await idle.top()).Processes as string[][]).filter((p) => p.join(' ').includes('sleep 4336')).length;
    const { socket, user } = await suite.socketAs('operator');
    const { sessionId } = await ok(call<{ sessionId: string }>(socket, 'exec:open', { hostId, containerId: idle.id, shell: { kind: 'sh' }, cols: 80, rows: 24 }));
    socket.emit('exec:data', { sessionId, data: 'sleep 4336\n' });
    await waitFor(async () => (await processes()) > 0, { timeoutMs: 15_000, what: 'the command to run' });
    tcpOf(socket).destroy();
    await waitFor(async () => (await processes()) === 0, { timeoutMs: 20_000, what: 'no process left' });
    const end = await waitFor(() => suite.deps.db.auditEntry.findFirst({ where: { actorId: user.id, action: 'container.exec.end' } }), { what: 'the end audited' });
    expect(end.message).toMatch(/disconnected/);
  }, 60_000);
});
