// Volumes of a swarm's nodes on real engines: listed node by node through the registered hosts,
// with the containers that use them and their stack; removal refused while a container (even a
// stopped one) uses the volume, refused for a host outside the swarm, and audited.
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { AppError } from '@/lib/errors.ts';
import type { Inventory } from '@/lib/services/inventory/inventory.ts';
import { listSwarmVolumes, removeNodeVolume } from '@/lib/services/swarm-services/node-volumes.ts';
import { createTestDeps, labState, quickInventory, registerLabHost, seedUser, type TestDeps } from '../support/integration.ts';
import { formSwarm, leaveAllSwarms, waitForFacts } from '../support/swarm-lab.ts';

const lab = labState();
const hosts = lab.hosts.slice(0, 3);
const [l1, l2, l3] = hosts;
const engine = (socketPath: string) => new Dockerode({ socketPath });
const FREE = 'wharf-it-free';
const USED = 'wharf-it-used';
const OUTSIDE = 'wharf-it-outside';
const USER = 'wharf-it-volume-user';

let deps: TestDeps;
let inventory: Inventory;
let operator: Actor;
let swarmId: string;
let ids: string[];

async function failure(work: Promise<unknown>): Promise<AppError> {
  const error = await work.then(() => null, (e: unknown) => e);
  expect(error, 'expected a refusal').toBeInstanceOf(AppError);
  return error as AppError;
}

async function cleanEngines() {
  await engine(l1.socket).getContainer(USER).remove({ force: true }).catch(() => {});
  for (const h of hosts) for (const name of [FREE, USED, OUTSIDE]) await engine(h.socket).getVolume(name).remove({ force: true }).catch(() => {});
}

beforeAll(async () => {
  await leaveAllSwarms(hosts.map((h) => h.socket));
  await cleanEngines();
  deps = await createTestDeps('volumes');
  inventory = quickInventory(deps);
  await inventory.start();
  const admin = (await seedUser(deps.db, 'admin')).actor;
  operator = (await seedUser(deps.db, 'operator')).actor;
  ids = [];
  for (const h of hosts) ids.push(await registerLabHost(deps, admin, h, `vol-${h.name}`));
  // lab-1 manages, lab-2 works; lab-3 stays registered but outside the swarm.
  swarmId = await formSwarm(deps, admin, 'vols', [
    { hostId: ids[0], engine: l1 },
    { hostId: ids[1], engine: l2 },
  ]);
  await waitForFacts(deps.db, ids[1], (f) => f.swarm.state === 'active' && !!f.swarm.nodeId, 'lab-2 worker facts');

  await engine(l2.socket).createVolume({ Name: FREE, Labels: { 'com.docker.stack.namespace': 'shop' } });
  await engine(l1.socket).createVolume({ Name: USED });
  await engine(l3.socket).createVolume({ Name: OUTSIDE });
  // Created, never started: a stopped container holds its volume as firmly as a running one.
  await engine(l1.socket).createContainer({ name: USER, Image: lab.image, Cmd: ['true'], HostConfig: { Mounts: [{ Type: 'volume', Source: USED, Target: '/data' }] } });
}, 120_000);

afterAll(async () => {
  inventory?.stop();
  await leaveAllSwarms(hosts.map((h) => h.socket));
  await cleanEngines();
  await deps?.close();
}, 120_000);

describe('node volumes', () => {
  it('lists the volumes of every registered node of the swarm, with users and stack, and nothing from outside it', async () => {
    const { volumes, sources } = await listSwarmVolumes(deps, swarmId);
    expect(sources.map((s) => [s.node, s.hostId, s.error])).toEqual([
      [l1.name, ids[0], null],
      [l2.name, ids[1], null],
    ]);
    expect(volumes.find((v) => v.name === FREE)).toMatchObject({ node: l2.name, hostId: ids[1], hostName: `vol-${l2.name}`, driver: 'local', stack: 'shop', usedBy: [] });
    expect(volumes.find((v) => v.name === USED)).toMatchObject({ node: l1.name, hostId: ids[0], stack: null, usedBy: [USER] });
    expect(volumes.map((v) => v.name)).not.toContain(OUTSIDE);
    // Sorted by node, then name; keys unique across nodes.
    expect(volumes.map((v) => `${v.node}/${v.name}`)).toEqual([...volumes.map((v) => `${v.node}/${v.name}`)].sort());
    expect(new Set(volumes.map((v) => v.key)).size).toBe(volumes.length);
  });

  it('refuses to remove a volume a stopped container uses, naming the container, and audits the refusal', async () => {
    const error = await failure(removeNodeVolume(deps, operator, { swarmId, hostId: ids[0], name: USED }));
    expect(error.code).toBe('PRECONDITION');
    expect(error.message).toContain(USER);
    expect(error.message).toContain(l1.name);
    await engine(l1.socket).getVolume(USED).inspect();
    const row = await deps.db.auditEntry.findFirst({ where: { action: 'volume.remove', result: 'failed' }, orderBy: { id: 'desc' } });
    expect(row).toMatchObject({ actorId: operator.id, targetType: 'volume', targetId: ids[0], targetName: `${USED} on vol-${l1.name}` });
    expect(row?.message).toContain(USER);
  });

  it('refuses a host that is not a node of this swarm', async () => {
    const error = await failure(removeNodeVolume(deps, operator, { swarmId, hostId: ids[2], name: OUTSIDE }));
    expect(error.code).toBe('NOT_FOUND');
    await engine(l3.socket).getVolume(OUTSIDE).inspect();
  });

  it('removes an unused volume, audited; removing it again says it is gone', async () => {
    await removeNodeVolume(deps, operator, { swarmId, hostId: ids[1], name: FREE });
    expect((await listSwarmVolumes(deps, swarmId)).volumes.map((v) => v.name)).not.toContain(FREE);
    const gone = await engine(l2.socket).getVolume(FREE).inspect().then(() => false, (e: { statusCode?: number }) => e.statusCode === 404);
    expect(gone).toBe(true);
    expect(await deps.db.auditEntry.count({ where: { action: 'volume.remove', result: 'succeeded', targetName: `${FREE} on vol-${l2.name}` } })).toBe(1);

    const again = await failure(removeNodeVolume(deps, operator, { swarmId, hostId: ids[1], name: FREE }));
    expect(again.code).toBe('NOT_FOUND');
  });

  it('removes a volume once its container is gone', async () => {
    await engine(l1.socket).getContainer(USER).remove({ force: true });
    await removeNodeVolume(deps, operator, { swarmId, hostId: ids[0], name: USED });
    expect((await listSwarmVolumes(deps, swarmId)).volumes.map((v) => v.name)).not.toContain(USED);
  });
});
