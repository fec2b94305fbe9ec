import { describe, expect, it } from 'vitest';
import { explainAccess, explainDenial, targetOfAuditRow } from './explain-access.ts';
import type { Grant } from './permissions.ts';

const team = { kind: 'team' as const, grantId: 'g2', teamId: 't1', teamName: 'payments' };
const grants: Grant[] = [
  { role: 'viewer', roleName: 'Viewer', scope: { type: 'global' }, from: { kind: 'base' } },
  { role: 'operator', roleName: 'Operator', scope: { type: 'stack', swarmId: 'w', name: 'payments' }, from: team },
  { role: 'r1', roleName: 'restart only', permissions: new Set(['container.manage']), scope: { type: 'stack', swarmId: 'w', name: 'payments' }, from: { kind: 'user', grantId: 'g3' } },
  { role: 'none', roleName: 'No global access', scope: { type: 'host', id: 'h' }, from: { kind: 'user', grantId: 'g4' } },
];

describe('explainAccess', () => {
  it('lists permissions per scope, everything first, each with every grant it comes from', () => {
    const explained = explainAccess(grants);
    expect(explained.map((e) => e.scope)).toEqual([{ type: 'global' }, { type: 'stack', swarmId: 'w', name: 'payments' }]);
    expect(explained[0]!.permissions.map((p) => p.permission)).toEqual(['host.view', 'swarm.view', 'stack.view', 'service.view', 'container.view', 'container.logs', 'registry.view']);
    const manage = explained[1]!.permissions.find((p) => p.permission === 'container.manage');
    expect(manage?.sources).toEqual([{ roleName: 'Operator', from: team }, { roleName: 'restart only', from: { kind: 'user', grantId: 'g3' } }]);
  });

  it('is empty for no grants', () => {
    expect(explainAccess([])).toEqual([]);
  });
});

describe('explainDenial', () => {
  it('names the grants that reach the target and that none holds the permission', () => {
    const target = { type: 'swarm' as const, id: 'w', stack: 'payments' };
    const result = explainDenial(grants, 'stack.deploy', { type: 'swarm', id: 'w', stack: 'shop' });
    expect(result).toEqual({ permission: 'stack.deploy', allowedNow: false, reaching: [{ roleName: 'Viewer', from: { kind: 'base' }, holds: false }] });
    expect(explainDenial(grants, 'stack.deploy', target).allowedNow).toBe(true);
  });

  it('reads the target back from an audit row', () => {
    expect(targetOfAuditRow({ targetType: 'stack', targetId: 'w/payments' })).toEqual({ type: 'swarm', id: 'w', stack: 'payments' });
    expect(targetOfAuditRow({ targetType: 'host', targetId: 'h' })).toEqual({ type: 'host', id: 'h' });
    expect(targetOfAuditRow({ targetType: null, targetId: null })).toEqual({ type: 'global' });
    expect(targetOfAuditRow({ targetType: 'stack', targetId: 'nostack' })).toEqual({ type: 'global' });
  });
});
