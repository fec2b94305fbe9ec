// Swarm lifecycle on three real engines: create, join, promote/demote, drain, labels and
// placement, token rotation, guardrails, manager failover and lost quorum — and the bad inputs.
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { AppError } from '@/lib/errors.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { initSwarmSchema } from '@/lib/schemas/swarms.ts';
import { registerHostSchema } from '@/lib/schemas/hosts.ts';
import { registerHost } from '@/lib/services/hosts/register-host.ts';
import type { Inventory } from '@/lib/services/inventory/inventory.ts';
import { leaveSwarm, removeSwarmNode, updateSwarmNode } from '@/lib/services/swarms/change-node.ts';
import { initSwarm } from '@/lib/services/swarms/init-swarm.ts';
import { joinHost } from '@/lib/services/swarms/join-host.ts';
import { listSwarms } from '@/lib/services/swarms/list-swarms.ts';
import { readNode, readSwarmOverview, readVisualizer } from '@/lib/services/swarms/read-swarm.ts';
import { revealJoinTokens, rotateJoinToken } from '@/lib/services/swarms/swarm-secrets.ts';
import { startEngine, stopEngine } from '@/scripts/lab/index.ts';
import { createTestDeps, labState, quickInventory, readPem, registerLabHost, seedUser, type TestDeps } from '../support/integration.ts';
import { leaveAllSwarms, waitForFacts, waitForManagerFacts } from '../support/swarm-lab.ts';
import { waitFor } from '../support/wait-for.ts';

const lab = labState();
const [l1, l2, l3] = lab.hosts;
const sockets = [l1.socket, l2.socket, l3.socket, lab.ssh.engineSocket];
let deps: TestDeps;
let inventory: Inventory;
let admin: Actor;
const ids: Record<string, string> = {};
let swarmId: string;

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error, 'expected a refusal').toBeInstanceOf(AppError);
  return error as AppError;
}

/** The overview of a swarm that has quorum (fails the test otherwise). */
async function healthy() {
  const overview = await readSwarmOverview(deps, swarmId);
  if (overview.health !== 'ok') throw new Error(`expected a healthy swarm: ${JSON.stringify(overview.message)}`);
  return overview;
}
const nodeOf = async (hostname: string) => (await healthy()).nodes.find((n) => n.hostname === hostname)!;
const direct = (socketPath: string) => new Dockerode({ socketPath });

beforeAll(async () => {
  await leaveAllSwarms(sockets);
  deps = await createTestDeps('swarm');
  inventory = quickInventory(deps);
  await inventory.start();
  admin = (await seedUser(deps.db, 'admin')).actor;
  for (const h of [l1, l2, l3]) ids[h.name] = await registerLabHost(deps, admin, h);
  ids.ssh = (await registerHost(deps, admin, registerHostSchema.parse({ name: 'lab-ssh', transport: 'ssh', host: lab.ssh.host, port: lab.ssh.port, username: 'root', privateKey: readPem(lab.ssh.privateKey) }))).id;
}, 120_000);

afterAll(async () => {
  inventory?.stop();
  await Promise.all([startEngine(l1.name), startEngine(l2.name), startEngine(l3.name)]);
  await leaveAllSwarms(sockets);
  await deps?.close();
}, 120_000);

describe('a host that cannot reach the manager', () => {
  it('fails to join with the manager address named, and is left out of any swarm', async () => {
    const island = await initSwarm(deps, admin, initSwarmSchema.parse({ hostId: ids.ssh, name: 'island', advertiseAddr: '10.99.0.99' }));
    await waitForManagerFacts(deps.db, ids.ssh, 'island');
    const error = await failure(joinHost(deps, admin, { swarmId: island.swarmId, hostId: ids[l3.name], role: 'worker', advertiseAddr: '' }));
    expect(error.message).toContain('10.99.0.99:2377');
    expect(error.message).toContain(l3.name);
    expect(((await direct(l3.socket).info()) as { Swarm: { LocalNodeState: string } }).Swarm.LocalNodeState).toBe('inactive');
    await leaveSwarm(deps, admin, { hostId: ids.ssh, force: true });
    await waitForFacts(deps.db, ids.ssh, (f) => f.swarm.state === 'inactive', 'island gone');
  }, 90_000);
});

describe('forming a swarm', () => {
  it('creates a swarm on lab-1 and shows its cluster, single manager and quorum', async () => {
    const created = await initSwarm(deps, admin, initSwarmSchema.parse({ hostId: ids[l1.name], name: 'lab', advertiseAddr: l1.address, defaultAddrPool: ['10.20.0.0/16'], subnetSize: 24 }));
    swarmId = created.swarmId;
    expect(created.unlockKey).toBeNull();
    await waitForManagerFacts(deps.db, ids[l1.name], 'lab-1');
    const overview = await healthy();
    expect(overview.swarm).toMatchObject({ id: swarmId, name: 'lab', defaultAddrPool: ['10.20.0.0/16'], subnetSize: 24 });
    expect(overview.nodes).toHaveLength(1);
    expect(overview.nodes[0]).toMatchObject({ hostname: l1.name, role: 'manager', managerStatus: 'leader', hostId: ids[l1.name] });
    expect(overview.quorum).toMatchObject({ managers: 1, faultTolerance: 0, lost: false });
    expect(overview.via.hostName).toBe(l1.name);
    expect((await listSwarms(deps, admin)).map((s) => s.name)).toEqual(['lab']);
  });

  it('gives a swarm first seen on a manager one row, whatever number of pages read it at once', async () => {
    // As a swarm formed outside Wharf (the stack Wharf runs in): known from its manager's facts only.
    await deps.db.swarm.delete({ where: { id: swarmId } });
    const reads = await Promise.all(Array.from({ length: 8 }, () => listSwarms(deps, admin)));
    for (const read of reads) expect(read.map((s) => s.name)).toEqual([`swarm-${swarmId.slice(0, 8)}`]);
    expect(await deps.db.swarm.count({ where: { id: swarmId } })).toBe(1);
    await deps.db.swarm.update({ where: { id: swarmId }, data: { name: 'lab' } });
  });

  it('refuses a second swarm on a host that is already in one', async () => {
    const error = await failure(initSwarm(deps, admin, initSwarmSchema.parse({ hostId: ids[l1.name], name: 'again' })));
    expect(error.code).toBe('CONFLICT');
    expect(error.message).toMatch(/already part of a swarm/);
  });

  it('refuses to demote the last manager, even forced', async () => {
    const node = await nodeOf(l1.name);
    const error = await failure(updateSwarmNode(deps, admin, { swarmId, nodeId: node.id, change: { kind: 'role', role: 'worker' }, force: false }));
    expect(error.code).toBe('PRECONDITION');
    expect(error.message).toMatch(/only manager|last manager/i);
  });

  it('joins lab-2 as a worker and lab-3 as a manager at once', async () => {
    await Promise.all([
      joinHost(deps, admin, { swarmId, hostId: ids[l2.name], role: 'worker', advertiseAddr: l2.address }),
      joinHost(deps, admin, { swarmId, hostId: ids[l3.name], role: 'manager', advertiseAddr: l3.address }),
    ]);
    const overview = await waitFor(async () => {
      const o = await healthy();
      return o.nodes.length === 3 && o.nodes.every((n) => n.state === 'ready') ? o : null;
    }, { timeoutMs: 20_000, what: 'three ready nodes' });
    expect(overview.nodes.map((n) => [n.hostname, n.role])).toEqual([[l1.name, 'manager'], [l3.name, 'manager'], [l2.name, 'worker']]);
    expect(overview.nodes.find((n) => n.hostname === l2.name)?.hostId).toBe(ids[l2.name]);
    await waitForManagerFacts(deps.db, ids[l3.name], 'lab-3');
  }, 60_000);

  it('promotes and demotes, warning about an even number of managers', async () => {
    const worker = await nodeOf(l2.name);
    const promoted = await updateSwarmNode(deps, admin, { swarmId, nodeId: worker.id, change: { kind: 'role', role: 'manager' }, force: false });
    expect(promoted.warnings).toEqual([]);
    await waitFor(async () => (await nodeOf(l2.name)).managerStatus === 'reachable', { what: 'lab-2 reachable manager' });
    const demoted = await updateSwarmNode(deps, admin, { swarmId, nodeId: worker.id, change: { kind: 'role', role: 'worker' }, force: false });
    expect(demoted.warnings.map((w) => renderMessage(w, 'en')).join(' ')).toMatch(/even/);
    await waitFor(async () => (await nodeOf(l2.name)).role === 'worker', { what: 'lab-2 worker again' });
  }, 60_000);
});

describe('running work on the nodes', () => {
  it('drains a node: its tasks move away until none remain', async () => {
    const docker = direct(l1.socket);
    await docker.createService({ Name: 'spread', TaskTemplate: { ContainerSpec: { Image: lab.image, Command: ['sleep', '3600'] } }, Mode: { Replicated: { Replicas: 6 } } } as never);
    const worker = await nodeOf(l2.name);
    await waitFor(async () => (await readNode(deps, swarmId, worker.id)).tasks.some((t) => t.state === 'running'), { timeoutMs: 30_000, what: 'tasks on lab-2' });
    await updateSwarmNode(deps, admin, { swarmId, nodeId: worker.id, change: { kind: 'availability', availability: 'drain' }, force: false });
    await waitFor(async () => (await readNode(deps, swarmId, worker.id)).tasks.filter((t) => t.desiredState === 'running').length === 0, { timeoutMs: 30_000, what: 'lab-2 drained' });
    const overview = await healthy();
    expect(overview.nodes.find((n) => n.hostname === l2.name)).toMatchObject({ availability: 'drain', runningTasks: 0 });
    await waitFor(async () => (await healthy()).nodes.reduce((n, node) => n + node.runningTasks, 0) === 6, { timeoutMs: 30_000, what: 'six tasks running elsewhere' });
    const visual = await readVisualizer(deps, swarmId);
    expect(visual.columns.find((c) => c.hostname === l2.name)?.cards.filter((c) => c.tone === 'running')).toEqual([]);
    await updateSwarmNode(deps, admin, { swarmId, nodeId: worker.id, change: { kind: 'availability', availability: 'active' }, force: false });
  }, 90_000);

  it('labels a node and a constrained task lands there', async () => {
    const target = await nodeOf(l3.name);
    await updateSwarmNode(deps, admin, { swarmId, nodeId: target.id, change: { kind: 'labels', labels: { zone: 'blue' } }, force: false });
    expect((await nodeOf(l3.name)).labels).toEqual({ zone: 'blue' });
    await direct(l1.socket).createService({ Name: 'placed', TaskTemplate: { ContainerSpec: { Image: lab.image, Command: ['sleep', '3600'] }, Placement: { Constraints: ['node.labels.zone == blue'] } } } as never);
    const detail = await waitFor(async () => {
      const d = await readNode(deps, swarmId, target.id);
      return d.tasks.some((t) => t.serviceName === 'placed' && t.state === 'running') ? d : null;
    }, { timeoutMs: 30_000, what: 'placed task on lab-3' });
    expect(detail.tasks.find((t) => t.serviceName === 'placed')?.nodeId).toBe(target.id);
  }, 60_000);
});

describe('join tokens', () => {
  it('rotating the worker token stops the old one from joining', async () => {
    const before = await revealJoinTokens(deps, admin, swarmId);
    expect(before.worker).toMatch(/^SWMTKN-1-/);
    expect(before.workerCommand).toContain(before.worker);
    await rotateJoinToken(deps, admin, swarmId, 'worker');
    const after = await revealJoinTokens(deps, admin, swarmId);
    expect(after.worker).not.toBe(before.worker);
    expect(after.manager).toBe(before.manager);
    const outsider = direct(lab.ssh.engineSocket);
    const refused = await outsider.swarmJoin({ ListenAddr: '0.0.0.0:2377', RemoteAddrs: [`${l1.address}:2377`], JoinToken: before.worker }).then(() => null, (e: Error) => e);
    expect(refused).not.toBeNull();
    await outsider.swarmLeave({ force: true }).catch(() => {});
    expect(await deps.db.auditEntry.count({ where: { action: { startsWith: 'swarm.tokens.' }, result: 'succeeded' } })).toBe(3);
  }, 60_000);
});

describe('down nodes and leaving', () => {
  it('refuses to promote a down node, allows draining and removing it', async () => {
    const l2node = await nodeOf(l2.name);
    expect(l2node.role).toBe('worker');
    await stopEngine(l2.name);
    await waitFor(async () => (await nodeOf(l2.name)).state === 'down', { timeoutMs: 30_000, what: 'lab-2 down' });
    const promote = await failure(updateSwarmNode(deps, admin, { swarmId, nodeId: l2node.id, change: { kind: 'role', role: 'manager' }, force: true }));
    expect(promote.message).toMatch(new RegExp(`${l2.name}.*down`));
    const drained = await updateSwarmNode(deps, admin, { swarmId, nodeId: l2node.id, change: { kind: 'availability', availability: 'drain' }, force: false });
    expect(drained.warnings.map((w) => renderMessage(w, 'en')).join(' ')).toMatch(/down/);
    await removeSwarmNode(deps, admin, { swarmId, nodeId: l2node.id, force: false });
    expect((await healthy()).nodes.map((n) => n.hostname)).not.toContain(l2.name);
    await startEngine(l2.name);
  }, 90_000);

  it('a manager leaves the careful way: demoted first, then removed, and the swarm keeps quorum', async () => {
    await leaveSwarm(deps, admin, { hostId: ids[l3.name], force: false });
    await waitForFacts(deps.db, ids[l3.name], (f) => f.swarm.state === 'inactive', 'lab-3 left');
    const overview = await waitFor(async () => {
      const o = await healthy();
      return o.nodes.some((n) => n.hostname === l3.name) ? null : o;
    }, { timeoutMs: 20_000, what: 'lab-3 removed from the node list' });
    expect(overview.quorum).toMatchObject({ managers: 1, reachable: 1, lost: false });
  }, 90_000);

  it('the last manager leaves only by force', async () => {
    const error = await failure(leaveSwarm(deps, admin, { hostId: ids[l1.name], force: false }));
    expect(error.code).toBe('PRECONDITION');
    expect(error.message).toMatch(/by force/);
    expect((await healthy()).nodes.map((n) => n.hostname)).toContain(l1.name);
  });
});

describe('manager failover and lost quorum', () => {
  // A fresh swarm whose three managers joined as managers: a node demoted and promoted again
  // stays a pending raft member for a while, which is a different story from failover.
  beforeAll(async () => {
    await leaveAllSwarms(sockets);
    // Leaving directly on the engines emits no event: tell the inventory to re-read them.
    for (const h of [l1, l2, l3]) deps.changes.publish({ type: 'host.engine-changed', hostId: ids[h.name] });
    for (const h of [l1, l2, l3]) await waitForFacts(deps.db, ids[h.name], (f) => f.swarm.state === 'inactive', `${h.name} out of swarms`);
    swarmId = (await initSwarm(deps, admin, initSwarmSchema.parse({ hostId: ids[l1.name], name: 'ha', advertiseAddr: l1.address }))).swarmId;
    await waitForManagerFacts(deps.db, ids[l1.name], 'lab-1');
    for (const h of [l2, l3]) await joinHost(deps, admin, { swarmId, hostId: ids[h.name], role: 'manager', advertiseAddr: h.address });
    for (const h of [l2, l3]) await waitForManagerFacts(deps.db, ids[h.name], h.name);
    await waitFor(async () => {
      const o = await healthy();
      return o.quorum.reachable === 3 && o.quorum.hasLeader;
    }, { timeoutMs: 30_000, what: 'three reachable managers' });
  }, 120_000);

  it('keeps working through another manager when the one in use stops, and refuses changes without quorum', async () => {

    const inUse = (await healthy()).via.hostName;
    let second: string | null = null;
    try {
      await stopEngine(inUse);
      // The remaining managers hold an election first; on a busy machine that can outlast one
      // read's budget, so an operator would see "no manager answers" and try again, as we do.
      const survivor = await waitFor(async () => {
        const o = await readSwarmOverview(deps, swarmId);
        return o.health === 'ok' && o.via.hostName !== inUse ? o : null;
      }, { timeoutMs: 90_000, intervalMs: 500, what: 'the overview through another manager' });
      expect(survivor.via.hostName).not.toBe(inUse);
      expect(survivor.failedOver.map((f) => f.from)).toContain(inUse);
      // A write still works once the remaining managers have elected a leader.
      const other = survivor.nodes.find((n) => n.hostname !== inUse && n.hostname !== survivor.via.hostName)!;
      await updateSwarmNode(deps, admin, { swarmId, nodeId: other.id, change: { kind: 'availability', availability: 'drain' }, force: false });
      expect((await healthy()).nodes.find((n) => n.id === other.id)?.availability).toBe('drain');

      second = other.hostname;
      await stopEngine(second);
      // As a read of its engine mid-election can leave it (active, but neither listed among the
      // managers nor with a cluster id): Wharf's record no longer says it manages this swarm. The
      // no-quorum view still finds it among the managers the answering one knows.
      const record = await deps.db.host.findUniqueOrThrow({ where: { id: ids[second] }, select: { facts: true } });
      const facts = record.facts as { swarm: { nodeId: string } };
      await deps.db.host.update({ where: { id: ids[second] }, data: { facts: { ...facts, swarm: { state: 'active', role: 'worker', nodeId: facts.swarm.nodeId, clusterId: null, managers: null, nodes: null } } } });
      // The survivor first reports the others unreachable, then refuses cluster reads altogether.
      // Wait for that condition alone (a read without quorum can take its whole 20 s budget to
      // fail: allow a few): the first read that finds it must already name both stopped managers
      // unreachable, from the node list or, without a leader, from the view's own pings of each
      // manager — not from the host monitor, which may not have noticed yet.
      const stopped = [inUse, second].sort();
      const lost = await waitFor(async () => {
        const o = await readSwarmOverview(deps, swarmId);
        return o.health === 'no-quorum' || o.quorum.lost ? o : null;
      }, { timeoutMs: 90_000, what: 'quorum lost' });
      if (lost.health === 'no-quorum') {
        // What the gateway said, as an English and a Chinese reader see it.
        const said = (locale: 'en' | 'zh-CN') => (typeof lost.message === 'string' ? lost.message : renderMessage(lost.message, locale));
        expect(said('en')).toMatch(/quorum|leader/);
        expect(said('zh-CN')).toMatch(/法定人数|领导节点/);
        expect(lost.managers.filter((m) => m.status === 'unreachable').map((m) => m.hostName).sort(), `the managers as the view listed them: ${JSON.stringify(lost.managers)} (via ${lost.via.hostName})`).toEqual(stopped);
        expect(lost.managers.find((m) => m.hostName === lost.via.hostName)?.status).toBe('up');
        for (const m of lost.managers.filter((x) => x.status === 'unreachable')) expect(m.statusReason, `why ${m.hostName} is unreachable`).toBeTruthy();
      } else {
        expect(lost.quorum).toMatchObject({ managers: 3, lost: true });
        // (What the survivor's node list says of them: they count as unreachable in the quorum.)
        expect(lost.nodes.filter((n) => n.role === 'manager' && n.managerStatus !== 'leader' && n.managerStatus !== 'reachable').map((n) => n.hostname).sort()).toEqual(stopped);
      }
      const refused = await failure(updateSwarmNode(deps, admin, { swarmId, nodeId: other.id, change: { kind: 'availability', availability: 'active' }, force: false }));
      expect(refused.message).toMatch(/lost quorum|no leader/);
    } finally {
      // Put the swarm back as the next tests expect it, whatever happened above.
      await Promise.all([startEngine(inUse), ...(second ? [startEngine(second)] : [])]);
      await waitFor(async () => {
        const o = await readSwarmOverview(deps, swarmId);
        return o.health === 'ok' && !o.quorum.lost && o.quorum.reachable === 3 && o.quorum.hasLeader;
      }, { timeoutMs: 60_000, what: 'quorum back' });
      for (const node of (await healthy()).nodes.filter((n) => n.availability !== 'active')) {
        await updateSwarmNode(deps, admin, { swarmId, nodeId: node.id, change: { kind: 'availability', availability: 'active' }, force: false });
      }
    }
  }, 420_000);
});
