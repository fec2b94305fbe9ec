// Case 29: a team's lead cannot grant roles above their own, or on scopes they do not hold.
import { describe, expect, it } from 'vitest';
import { holdsScope, mayDelegate } from './delegation.ts';
import { ROLES, type Grant, type GrantScope } from './permissions.ts';

const W = 'swarm-w';
const STACK: GrantScope = { type: 'stack', swarmId: W, name: 'payments' };
const lead: Grant[] = [
  { role: 'operator', scope: STACK },
  { role: 'lead', permissions: new Set(['team.view', 'team.manage']), scope: { type: 'team', id: 't1' } },
];

describe('mayDelegate', () => {
  it('lets a lead give a role they hold, on the scope they hold it', () => {
    expect(mayDelegate(lead, ROLES.viewer.permissions, STACK)).toEqual({ ok: true });
    expect(mayDelegate(lead, ROLES.operator.permissions, STACK)).toEqual({ ok: true });
  });

  it('refuses a role above their own, naming what they lack', () => {
    const result = mayDelegate(lead, ROLES.admin.permissions, STACK);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.missing).toContain('user.manage');
      expect(result.missing).toContain('host.ssh');
      expect(result.missing).not.toContain('container.exec');
      expect(result.holdsScope).toBe(true);
    }
  });

  it('refuses their own role on a scope they do not hold: the swarm around their stack, another stack, a host, everything', () => {
    for (const scope of [{ type: 'swarm', id: W }, { type: 'stack', swarmId: W, name: 'shop' }, { type: 'host', id: 'h1' }, { type: 'global' }] as GrantScope[]) {
      const result = mayDelegate(lead, ROLES.viewer.permissions, scope);
      expect(result, JSON.stringify(scope)).toMatchObject({ ok: false, holdsScope: false });
    }
  });

  it('refuses an empty role on a scope they do not hold, allows it where they do', () => {
    expect(mayDelegate(lead, [], { type: 'host', id: 'h1' })).toEqual({ ok: false, missing: [], holdsScope: false });
    expect(mayDelegate(lead, [], STACK)).toEqual({ ok: true });
  });

  it('lets a holder of a swarm give a role on one of its stacks', () => {
    expect(mayDelegate([{ role: 'deployer', scope: { type: 'swarm', id: W } }], ROLES.deployer.permissions, STACK)).toEqual({ ok: true });
  });

  it('lets an administrator give anything anywhere', () => {
    const admin: Grant[] = [{ role: 'admin', scope: { type: 'global' } }];
    for (const scope of [{ type: 'global' }, { type: 'host', id: 'h' }, STACK] as GrantScope[]) expect(mayDelegate(admin, ROLES.admin.permissions, scope)).toEqual({ ok: true });
  });

  it('does not count a team-lead grant as holding a host, swarm or stack', () => {
    expect(holdsScope([lead[1]!], STACK)).toBe(false);
    expect(holdsScope([{ role: 'none', scope: { type: 'global' } }], { type: 'global' })).toBe(false);
  });
});
