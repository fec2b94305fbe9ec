// The audit page names swarm and host targets stored by id (issue 18), on a real Postgres: a reader
// sees the names of the swarms and hosts their grants reach, and only the ids of the others, so a
// refusal recorded on a swarm they cannot see does not tell them its name (case 23).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authorize } from '@/lib/auth/authorize.ts';
import { grantsForUser } from '@/lib/auth/permissions.ts';
import { listAuditEntries } from '@/lib/services/audit/list-audit-entries.ts';
import { nameAuditTargets } from '@/lib/services/audit/name-audit-targets.ts';
import { createTestDeps, seedUser, type TestDeps } from '../support/integration.ts';

let deps: TestDeps;

beforeAll(async () => {
  deps = await createTestDeps('audit_target_names');
  await deps.db.swarm.create({ data: { id: 'swarmmine0001', name: 'mine' } });
  await deps.db.swarm.create({ data: { id: 'swarmhidden01', name: 'hidden-payroll' } });
  await deps.db.host.create({ data: { id: 'hostmine00001', name: 'web-mine', transport: 'unix', address: '/nowhere.sock' } });
});

afterAll(async () => {
  await deps?.close();
});

describe('audit targets named for their reader', () => {
  it('names the swarms and hosts the reader may see, and leaves a refused swarm the reader cannot see as its id', async () => {
    const user = await seedUser(deps.db, 'none');
    const actor = { ...user.actor, grants: grantsForUser({ role: 'none' }, [{ role: 'viewer', scope: { type: 'swarm', id: 'swarmmine0001' } }, { role: 'viewer', scope: { type: 'host', id: 'hostmine00001' } }]) };
    // Refusals the user met, recorded by the one function every door calls.
    await expect(authorize(deps.db, actor, 'swarm.manage', { type: 'swarm', id: 'swarmmine0001' })).rejects.toThrow();
    await expect(authorize(deps.db, actor, 'swarm.view', { type: 'swarm', id: 'swarmhidden01' })).rejects.toThrow();
    await expect(authorize(deps.db, actor, 'container.manage', { type: 'host', id: 'hostmine00001' })).rejects.toThrow();

    const { entries } = await listAuditEntries(deps, { actorIds: [user.id] });
    expect(entries).toHaveLength(3);
    const named = await nameAuditTargets(deps, actor, entries);
    const byId = new Map(named.map((e) => [e.targetId, e]));
    expect(byId.get('swarmmine0001')?.targetName).toBe('mine');
    expect(byId.get('hostmine00001')?.targetName).toBe('web-mine');
    expect(byId.get('swarmhidden01')?.targetName).toBeNull();
    expect(JSON.stringify(named)).not.toContain('hidden-payroll');

    // An administrator reading the same rows sees every name.
    const admin = await seedUser(deps.db, 'admin');
    const forAdmin = await nameAuditTargets(deps, admin.actor, entries);
    expect(forAdmin.find((e) => e.targetId === 'swarmhidden01')?.targetName).toBe('hidden-payroll');
  });
});
