import { describe, expect, it } from 'vitest';
import { grantOfRow, grantsOfRows, resolvePermissions, rowOfScope, scopeOfRow, type GrantRow } from './grant-rows.ts';
import type { GrantScope as Scope } from './permissions.ts';

const row = (over: Partial<GrantRow>): GrantRow => ({ id: 'g1', builtinRole: 'viewer', role: null, scopeType: 'global', hostId: null, swarmId: null, stackName: null, ...over });

describe('grant rows', () => {
  it('round-trips every kind of scope', () => {
    const scopes: Scope[] = [{ type: 'global' }, { type: 'host', id: 'h' }, { type: 'swarm', id: 's' }, { type: 'stack', swarmId: 's', name: 'payments' }];
    for (const scope of scopes) expect(scopeOfRow(rowOfScope(scope))).toEqual(scope);
  });

  it('never widens an incoherent row to global', () => {
    expect(scopeOfRow({ scopeType: 'host', hostId: null, swarmId: 's', stackName: null })).toBeNull();
    expect(scopeOfRow({ scopeType: 'stack', hostId: null, swarmId: 's', stackName: null })).toBeNull();
    expect(scopeOfRow({ scopeType: 'swarm', hostId: 'h', swarmId: null, stackName: null })).toBeNull();
    expect(scopeOfRow({ scopeType: 'everything', hostId: null, swarmId: null, stackName: null })).toBeNull();
    expect(grantOfRow(row({ scopeType: 'host' }), { kind: 'user', grantId: 'g1' })).toBeNull();
  });

  it('resolves a custom role to the catalogue permissions it lists, dropping unknown ones', () => {
    expect(resolvePermissions(['container.manage', 'root.everything', 'container.view'])).toEqual(new Set(['container.manage', 'container.view']));
    const grant = grantOfRow(row({ builtinRole: null, role: { id: 'r1', name: 'restart only', permissions: ['container.manage'] } }), { kind: 'user', grantId: 'g1' });
    expect(grant).toMatchObject({ role: 'r1', roleName: 'restart only', permissions: new Set(['container.manage']) });
  });

  it('drops a row whose built-in role is not known', () => {
    expect(grantOfRow(row({ builtinRole: 'superuser' }), { kind: 'user', grantId: 'g1' })).toBeNull();
    expect(grantOfRow(row({ builtinRole: '__proto__' }), { kind: 'user', grantId: 'g1' })).toBeNull();
  });

  it("gathers a user's own grants and their teams', naming the team each comes from", () => {
    const grants = grantsOfRows({
      grants: [row({ id: 'own' })],
      teams: [{ lead: false, team: { id: 't1', name: 'payments', grants: [row({ id: 'tg', builtinRole: 'operator', scopeType: 'stack', swarmId: 's', stackName: 'payments' })] } }],
    });
    expect(grants).toEqual([
      { role: 'viewer', roleName: 'Viewer', scope: { type: 'global' }, from: { kind: 'user', grantId: 'own' } },
      { role: 'operator', roleName: 'Operator', scope: { type: 'stack', swarmId: 's', name: 'payments' }, from: { kind: 'team', grantId: 'tg', teamId: 't1', teamName: 'payments' } },
    ]);
  });
});

describe('team leads', () => {
  it('a lead holds team.view and team.manage on their team only', async () => {
    const { isAllowed } = await import('./permissions.ts');
    const grants = grantsOfRows({ grants: [], teams: [{ lead: true, team: { id: 't1', name: 'payments', grants: [] } }, { lead: false, team: { id: 't2', name: 'shop', grants: [] } }] });
    expect(grants).toHaveLength(1);
    expect(isAllowed(grants, 'team.manage', { type: 'team', id: 't1' })).toBe(true);
    expect(isAllowed(grants, 'team.manage', { type: 'team', id: 't2' })).toBe(false);
    expect(isAllowed(grants, 'team.manage')).toBe(false);
    expect(isAllowed(grants, 'host.view', { type: 'host', id: 't1' })).toBe(false);
  });
});
