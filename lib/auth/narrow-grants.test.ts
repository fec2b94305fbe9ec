import { describe, expect, it } from 'vitest';
import { narrowGrants, scopeWithin } from './narrow-grants.ts';
import { isAllowed, visibleScopes, type Grant } from './permissions.ts';

const admin: Grant = { role: 'admin', scope: { type: 'global' } };
const operatorOnSwarm: Grant = { role: 'operator', scope: { type: 'swarm', id: 's1' } };
const viewerOnHost: Grant = { role: 'viewer', scope: { type: 'host', id: 'h1' } };

describe('scopeWithin', () => {
  it('keeps the narrower scope when one contains the other', () => {
    expect(scopeWithin({ type: 'global' }, { type: 'host', id: 'h1' })).toEqual({ type: 'host', id: 'h1' });
    expect(scopeWithin({ type: 'stack', swarmId: 's1', name: 'web' }, { type: 'swarm', id: 's1' })).toEqual({ type: 'stack', swarmId: 's1', name: 'web' });
  });
  it('keeps nothing for scopes that only overlap or do not meet', () => {
    expect(scopeWithin({ type: 'host', id: 'h1' }, { type: 'swarm', id: 's1' })).toBeNull();
    expect(scopeWithin({ type: 'host', id: 'h1' }, { type: 'host', id: 'h2' })).toBeNull();
    expect(scopeWithin({ type: 'stack', swarmId: 's1', name: 'a' }, { type: 'stack', swarmId: 's1', name: 'b' })).toBeNull();
  });
});

describe('narrowGrants', () => {
  it('an administrator narrowed to viewer on one host sees that host and changes nothing', () => {
    const grants = narrowGrants([admin], { role: 'viewer', scope: { type: 'host', id: 'h1' } });
    expect(isAllowed(grants, 'host.view', { type: 'host', id: 'h1' })).toBe(true);
    expect(isAllowed(grants, 'host.view', { type: 'host', id: 'h2' })).toBe(false);
    expect(isAllowed(grants, 'container.manage', { type: 'host', id: 'h1' })).toBe(false);
    expect(isAllowed(grants, 'user.manage')).toBe(false);
    expect(visibleScopes(grants, 'host.view')).toEqual({ hosts: new Set(['h1']), swarms: new Set(), stacks: new Map(), projects: new Map() });
  });

  it('never gives more than the owner holds: a wide narrowing keeps the owner\'s own limits', () => {
    const grants = narrowGrants([operatorOnSwarm, viewerOnHost], { role: 'admin', scope: { type: 'global' } });
    expect(isAllowed(grants, 'service.manage', { type: 'swarm', id: 's1' })).toBe(true);
    expect(isAllowed(grants, 'service.manage', { type: 'swarm', id: 's2' })).toBe(false);
    expect(isAllowed(grants, 'container.manage', { type: 'host', id: 'h1' })).toBe(false);
    expect(isAllowed(grants, 'user.manage')).toBe(false);
  });

  it('a stack narrowing inside a swarm grant reaches that stack and its task containers only', () => {
    const grants = narrowGrants([operatorOnSwarm], { role: 'deployer', scope: { type: 'stack', swarmId: 's1', name: 'web' } });
    expect(isAllowed(grants, 'stack.deploy', { type: 'swarm', id: 's1', stack: 'web' })).toBe(true);
    expect(isAllowed(grants, 'stack.deploy', { type: 'swarm', id: 's1', stack: 'db' })).toBe(false);
    expect(isAllowed(grants, 'swarm.manage', { type: 'swarm', id: 's1' })).toBe(false);
    expect(isAllowed(grants, 'container.logs', { type: 'host', id: 'hx', in: { swarmId: 's1', stack: 'web' } })).toBe(true);
  });

  it('a narrowing on a scope the owner does not reach leaves nothing', () => {
    expect(narrowGrants([viewerOnHost], { role: 'viewer', scope: { type: 'swarm', id: 's1' } })).toEqual([]);
  });

  it('a custom role narrowing keeps only its permissions', () => {
    const grants = narrowGrants([admin], { role: 'r1', permissions: new Set(['stack.view', 'stack.deploy']), scope: { type: 'swarm', id: 's1' } });
    expect(isAllowed(grants, 'stack.deploy', { type: 'swarm', id: 's1', stack: 'x' })).toBe(true);
    expect(isAllowed(grants, 'service.manage', { type: 'swarm', id: 's1' })).toBe(false);
  });
});
