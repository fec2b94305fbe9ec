// The inventory against real engines: facts and events arrive, a stopped engine turns
// unreachable with a reason, and the host comes back by itself when the engine returns.
import Dockerode from 'dockerode';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { localizeText } from '@/lib/errors.ts';
import { messageOfIssue } from '@/lib/i18n/message.ts';
import { getHost } from '@/lib/services/hosts/read-hosts.ts';
import { removeHost } from '@/lib/services/hosts/remove-host.ts';
import type { InventoryUpdate } from '@/lib/services/inventory/host-watcher.ts';
import { Inventory } from '@/lib/services/inventory/inventory.ts';
import { startEngine, stopEngine } from '@/scripts/lab/index.ts';
import { createTestDeps, labState, registerLabHost, seedUser, type TestDeps } from '../support/integration.ts';
import { collector } from '../support/wait-for.ts';

const lab = labState();
const target = lab.hosts[2];
let deps: TestDeps;
let inventory: Inventory;
const updates = collector<InventoryUpdate>();
let hostId: string;

beforeAll(async () => {
  deps = await createTestDeps('inventory');
  // A unix socket on the console's machine: an administrator's to add (host.local).
  const admin = (await seedUser(deps.db, 'admin')).actor;
  inventory = new Inventory({ ...deps, timing: { heartbeatMs: 500, pingTimeoutMs: 1000, backoffBaseMs: 200, backoffCapMs: 1000 } });
  inventory.onUpdate(updates.push);
  await inventory.start();
  hostId = await registerLabHost(deps, admin, target, 'watched');
});

afterAll(async () => {
  inventory.stop();
  await startEngine(target.name);
  await deps.close();
});

describe('inventory', () => {
  it('starts watching a host as soon as it is added and reads its facts', async () => {
    const facts = await updates.waitFor((u) => u.kind === 'facts' && u.hostId === hostId, { what: 'facts' });
    expect(facts.kind === 'facts' && facts.facts.name).toBe(target.name);
    expect(inventory.watching()).toContain(hostId);
  });

  it('relays engine events and refreshes the counts they change', async () => {
    const docker = new Dockerode({ socketPath: target.socket });
    const before = (await docker.listVolumes()).Volumes?.length ?? 0;
    const name = `wharf-it-${Date.now()}`;
    await docker.createVolume({ Name: name });
    try {
      await updates.waitFor((u) => u.kind === 'event' && u.hostId === hostId && u.event.type === 'volume' && u.event.action === 'create', { what: 'volume create event' });
      await updates.waitFor((u) => u.kind === 'facts' && u.hostId === hostId && u.facts.volumes === before + 1, { what: 'facts with the new volume' });
      const row = await deps.db.host.findUniqueOrThrow({ where: { id: hostId } });
      expect((row.facts as { volumes: number }).volumes).toBe(before + 1);
    } finally {
      await docker.getVolume(name).remove();
    }
  });

  it('marks a stopped engine unreachable with a reason, then recovers when it returns', async () => {
    updates.items.length = 0;
    await stopEngine(target.name);
    const down = await updates.waitFor((u) => u.kind === 'status' && u.hostId === hostId && u.status === 'unreachable', { timeoutMs: 8000, what: 'unreachable' });
    expect(down.kind === 'status' && localizeText(down.reason ?? '', 'en')).toMatch(/closed|no socket|Nothing is accepting|stopped/i);
    const row = await deps.db.host.findUniqueOrThrow({ where: { id: hostId } });
    expect(row.status).toBe('unreachable');
    // Stored as a message, said in each reader's language: a Chinese reader reads Chinese.
    expect(messageOfIssue(row.statusReason ?? '')).not.toBeNull();
    expect((await getHost(deps, hostId, 'en')).statusReason).toMatch(/closed|no socket|Nothing is accepting|stopped/i);
    expect((await getHost(deps, hostId, 'zh-CN')).statusReason).toMatch(/[\u4e00-\u9fff]/);

    await startEngine(target.name);
    await updates.waitFor((u) => u.kind === 'status' && u.hostId === hostId && u.status === 'up', { timeoutMs: 20_000, what: 'up again' });
    const after = await deps.db.host.findUniqueOrThrow({ where: { id: hostId } });
    expect(after.status).toBe('up');
    expect(after.statusSince.getTime()).toBeGreaterThan(row.statusSince.getTime());
  });

  it('stops watching a removed host', async () => {
    const admin = (await seedUser(deps.db, 'admin')).actor;
    await removeHost(deps, admin, { id: hostId, confirmName: 'watched' });
    expect(inventory.watching()).not.toContain(hostId);
  });
});
