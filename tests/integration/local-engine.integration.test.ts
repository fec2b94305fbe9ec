// First start: the machine's own engine becomes the host "local", once.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { offerLocalEngine } from '@/lib/services/hosts/offer-local-engine.ts';
import { removeHost } from '@/lib/services/hosts/remove-host.ts';
import { createTestDeps, labState, seedUser, type TestDeps } from '../support/integration.ts';

let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps('local_engine');
});
afterAll(async () => {
  await deps.close();
});

describe('offering the local engine', () => {
  it('does nothing when switched off or when there is no engine, and remembers it asked', async () => {
    expect(await offerLocalEngine(deps, null)).toBe('disabled');
    expect(await offerLocalEngine(deps, '/tmp/no-docker-here.sock')).toBe('no-engine');
    expect(await offerLocalEngine(deps, labState().hosts[0].socket)).toBe('offered-before');
    expect(await deps.db.host.count()).toBe(0);
  });

  it('registers an engine that answers as "local", audited as done by Wharf, and only once', async () => {
    await deps.db.setting.deleteMany();
    const socket = labState().hosts[0].socket;
    expect(await offerLocalEngine(deps, socket)).toBe('registered');
    const host = await deps.db.host.findFirstOrThrow();
    expect(host).toMatchObject({ name: 'local', transport: 'unix', address: socket, status: 'up', createdById: null });
    expect(await deps.db.auditEntry.count({ where: { action: 'host.create', actorName: 'wharf', result: 'succeeded' } })).toBe(1);

    const admin = (await seedUser(deps.db, 'admin')).actor;
    await removeHost(deps, admin, { id: host.id, confirmName: 'local' });
    expect(await offerLocalEngine(deps, socket)).toBe('offered-before');
    expect(await deps.db.host.count()).toBe(0);
  });
});
