// Images, volumes and networks of every visible host in one list, on real lab engines: two hosts
// read in parallel, each row naming its host; one host alone (?host=); a host whose engine is not
// there (a socket nothing listens on, so no shared lab engine is stopped) named with why beside
// the others' rows; and grants on one host showing that host only.
import { randomBytes } from 'node:crypto';
import { createServer, type Server, type Socket } from 'node:net';
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Actor } from '@/lib/auth/actor.ts';
import { localizeText } from '@/lib/errors.ts';
import { listResources } from '@/lib/services/containers/list-resources.ts';
import { createTestDeps, labState, registerLabHost, seedUser, type TestDeps } from '../support/integration.ts';

const lab = labState();
const hosts = lab.hosts.slice(0, 2);
const run = randomBytes(3).toString('hex');
const LABEL = { 'wharf.test': 'resources-across' };
const VOLUME = `across-${run}`;
const NETWORK = `across-net-${run}`;
const engines = hosts.map((h) => new Dockerode({ socketPath: h.socket }));
let deps: TestDeps;
let viewer: Actor;
const ids: string[] = [];
let deadId: string;
const DEAD_NAME = `dead-${run}`;
// An engine that takes the connection and never answers (hung, or a dead address with a firewall dropping packets).
const SILENT_NAME = `silent-${run}`;
const silentPath = `/tmp/wharf-silent-${run}.sock`;
let silent: Server;
const held: Socket[] = [];
let silentId: string;

async function cleanUp() {
  for (const docker of engines) {
    await docker.getVolume(VOLUME).remove().catch(() => {});
    await docker.getNetwork(NETWORK).remove().catch(() => {});
  }
}

beforeAll(async () => {
  await cleanUp();
  deps = await createTestDeps('resources_across');
  const admin = (await seedUser(deps.db, 'admin')).actor;
  viewer = (await seedUser(deps.db, 'viewer')).actor;
  for (const h of hosts) ids.push(await registerLabHost(deps, admin, h));
  // A host whose engine has gone: its socket path has nothing behind it (registering would probe it, so the row is written as a stale one would be).
  deadId = (await deps.db.host.create({ data: { name: DEAD_NAME, transport: 'unix', address: `/tmp/wharf-gone-${run}.sock`, status: 'up' } })).id;
  silent = createServer((socket) => held.push(socket));
  await new Promise<void>((resolve) => silent.listen(silentPath, resolve));
  await Promise.all(engines.map((docker) => docker.createVolume({ Name: VOLUME, Labels: LABEL })));
  await Promise.all(engines.map((docker) => docker.createNetwork({ Name: NETWORK, Labels: LABEL, Driver: 'bridge' })));
});

afterAll(async () => {
  for (const socket of held) socket.destroy();
  await new Promise((resolve) => silent?.close(resolve));
  await cleanUp();
  await deps?.close();
});

describe('resources across hosts', () => {
  it('lists every visible host in one list, each row with its host, and names a host that did not answer', async () => {
    const list = await listResources(deps, viewer, 'volumes');
    const mine = list.rows.filter((r) => r.name === VOLUME);
    expect(mine.map((r) => r.hostName).sort()).toEqual(hosts.map((h) => h.name).sort());
    expect(mine.map((r) => r.hostId).sort()).toEqual([...ids].sort());
    expect(new Set(mine.map((r) => r.key)).size).toBe(2);
    expect(list.hosts.filter((h) => h.ok).map((h) => h.hostId).sort()).toEqual([...ids].sort());
    const dead = list.hosts.find((h) => h.hostId === deadId);
    expect(dead).toMatchObject({ ok: false, hostName: DEAD_NAME, count: 0 });
    expect(localizeText(dead!.error!, 'en')).toContain(DEAD_NAME);
    expect(list.rows.some((r) => r.hostId === deadId)).toBe(false);
  });

  it('reads the same image on two hosts as two rows, and networks with what uses them', async () => {
    const images = await listResources(deps, viewer, 'images');
    const lab1 = images.rows.filter((r) => r.tags.includes(lab.image));
    expect(lab1.map((r) => r.hostId).sort()).toEqual([...ids].sort());
    expect(lab1[0].key).not.toBe(lab1[1].key);
    const networks = await listResources(deps, viewer, 'networks');
    expect(networks.rows.filter((r) => r.name === NETWORK).map((r) => r.hostName).sort()).toEqual(hosts.map((h) => h.name).sort());
    expect(networks.rows.filter((r) => r.name === 'bridge' && ids.includes(r.hostId)).every((r) => r.builtIn)).toBe(true);
  });

  it('a host that never answers is given up after the per-host deadline, the others listed', async () => {
    silentId = (await deps.db.host.create({ data: { name: SILENT_NAME, transport: 'unix', address: silentPath, status: 'up' } })).id;
    try {
      const list = await listResources(deps, viewer, 'networks', { ms: 500 });
      expect(list.hosts.find((h) => h.hostId === silentId)).toMatchObject({ ok: false, hostName: SILENT_NAME });
      expect(list.hosts.filter((h) => h.ok).map((h) => h.hostId).sort()).toEqual([...ids].sort());
      expect(list.rows.filter((r) => r.name === NETWORK)).toHaveLength(2);
    } finally {
      await deps.db.host.delete({ where: { id: silentId } });
    }
  });

  it('one host alone when asked (?host=)', async () => {
    const one = await listResources(deps, viewer, 'volumes', { hostId: ids[1] });
    expect(one.hosts).toEqual([expect.objectContaining({ hostId: ids[1], ok: true })]);
    expect(one.rows.every((r) => r.hostId === ids[1])).toBe(true);
    expect(one.rows.some((r) => r.name === VOLUME)).toBe(true);
  });

  it('a grant on one host shows that host only', async () => {
    const scoped: Actor = { ...viewer, role: 'none', grants: [{ role: 'viewer', scope: { type: 'host', id: ids[0] } }] };
    const list = await listResources(deps, scoped, 'volumes');
    expect(list.hosts.map((h) => h.hostId)).toEqual([ids[0]]);
    expect(list.rows.every((r) => r.hostId === ids[0])).toBe(true);
    // Asking for a host outside the grants gives nothing, not that host's rows.
    expect(await listResources(deps, scoped, 'volumes', { hostId: ids[1] })).toEqual({ rows: [], hosts: [] });
    // Nothing granted: nothing read.
    expect(await listResources(deps, { ...viewer, role: 'none', grants: [] }, 'images')).toEqual({ rows: [], hosts: [] });
  });
});
