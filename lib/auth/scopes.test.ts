// Grants on stacks, swarms and hosts against targets that carry what contains them, custom roles'
// resolved permissions, and the one visibility function lists use.
import { describe, expect, it } from 'vitest';
import { isAllowed, meetsAll, reachesHost, reachesSwarm, scopeCovers, visibleHosts, visibleScopes, type Grant, type Permission, type Scope, type Target } from './permissions.ts';

const W = 'swarm-w';
const on = (scope: Scope, role = 'operator'): Grant => ({ role, scope });
const custom = (permissions: Permission[], scope: Scope): Grant => ({ role: 'role-1', roleName: 'restart only', permissions: new Set(permissions), scope });

const STACK_S: Scope = { type: 'stack', swarmId: W, name: 'payments' };
const SWARM_W: Scope = { type: 'swarm', id: W };
const HOST_H: Scope = { type: 'host', id: 'host-h' };

const stackTarget: Target = { type: 'swarm', id: W, stack: 'payments' };
const serviceOfS: Target = { type: 'swarm', id: W, stack: 'payments' };
const serviceOutsideStacks: Target = { type: 'swarm', id: W };
const taskOfS: Target = { type: 'host', id: 'host-h', in: { swarmId: W, stack: 'payments' } };
const taskOfOtherStack: Target = { type: 'host', id: 'host-h', in: { swarmId: W, stack: 'shop' } };
const taskOutsideStacks: Target = { type: 'host', id: 'host-h', in: { swarmId: W } };
const standalone: Target = { type: 'host', id: 'host-h' };

describe('scopeCovers', () => {
  it('global covers every target', () => {
    for (const target of [stackTarget, taskOfS, standalone, { type: 'global' } as Target, { type: 'user', id: 'u' } as Target]) expect(scopeCovers({ type: 'global' }, target)).toBe(true);
  });

  it('a stack scope covers the stack, its services and its task containers, nothing else', () => {
    expect(scopeCovers(STACK_S, stackTarget)).toBe(true);
    expect(scopeCovers(STACK_S, serviceOfS)).toBe(true);
    expect(scopeCovers(STACK_S, taskOfS)).toBe(true);
    expect(scopeCovers(STACK_S, taskOfOtherStack)).toBe(false);
    expect(scopeCovers(STACK_S, taskOutsideStacks)).toBe(false);
    expect(scopeCovers(STACK_S, serviceOutsideStacks)).toBe(false);
    expect(scopeCovers(STACK_S, standalone)).toBe(false);
    expect(scopeCovers(STACK_S, { type: 'swarm', id: W })).toBe(false);
    expect(scopeCovers(STACK_S, { type: 'global' })).toBe(false);
  });

  it('a stack scope does not cover a stack of the same name on another swarm', () => {
    expect(scopeCovers(STACK_S, { type: 'swarm', id: 'swarm-x', stack: 'payments' })).toBe(false);
    expect(scopeCovers(STACK_S, { type: 'host', id: 'host-h', in: { swarmId: 'swarm-x', stack: 'payments' } })).toBe(false);
  });

  it('a swarm scope covers the swarm, its stacks, services and task containers, not a standalone container', () => {
    for (const target of [stackTarget, serviceOfS, serviceOutsideStacks, taskOfS, taskOfOtherStack, taskOutsideStacks]) expect(scopeCovers(SWARM_W, target)).toBe(true);
    expect(scopeCovers(SWARM_W, standalone)).toBe(false);
    expect(scopeCovers(SWARM_W, { type: 'swarm', id: 'swarm-x' })).toBe(false);
    expect(scopeCovers(SWARM_W, { type: 'host', id: W })).toBe(false);
  });

  it('a host scope covers every container on the host, task or not, never a swarm or a stack', () => {
    for (const target of [taskOfS, taskOfOtherStack, taskOutsideStacks, standalone]) expect(scopeCovers(HOST_H, target)).toBe(true);
    expect(scopeCovers(HOST_H, stackTarget)).toBe(false);
    expect(scopeCovers(HOST_H, { type: 'host', id: 'host-i', in: { swarmId: W } })).toBe(false);
    expect(scopeCovers(HOST_H, { type: 'user', id: 'host-h' })).toBe(false);
  });
});

describe('isAllowed with stack grants and custom roles', () => {
  it('a stack-scoped member may exec in its stack task and nowhere else', () => {
    const grants = [on(STACK_S, 'operator')];
    expect(isAllowed(grants, 'container.exec', taskOfS)).toBe(true);
    expect(isAllowed(grants, 'container.exec', taskOfOtherStack)).toBe(false);
    expect(isAllowed(grants, 'container.exec', standalone)).toBe(false);
    expect(isAllowed(grants, 'host.update', { type: 'host', id: 'host-h' })).toBe(false);
  });

  it('a custom role allows exactly its permissions', () => {
    const grants = [custom(['container.view', 'container.manage'], { type: 'global' })];
    expect(isAllowed(grants, 'container.manage', standalone)).toBe(true);
    expect(isAllowed(grants, 'container.exec', standalone)).toBe(false);
    expect(isAllowed(grants, 'host.view', standalone)).toBe(false);
  });

  it('a custom role with resolved permissions ignores the built-in meaning of its key', () => {
    expect(isAllowed([{ role: 'admin', permissions: new Set<Permission>(), scope: { type: 'global' } }], 'host.view')).toBe(false);
  });

  it('grants add up across scopes', () => {
    const grants = [on(STACK_S, 'viewer'), custom(['container.manage'], HOST_H)];
    expect(meetsAll(grants, [{ permission: 'container.view', target: taskOfS }, { permission: 'container.manage', target: taskOfS }])).toBe(true);
    expect(meetsAll(grants, [{ permission: 'container.view', target: standalone }, { permission: 'container.manage', target: standalone }])).toBe(false);
  });

  it('answers among 1,000 grants as among one', () => {
    const many = Array.from({ length: 999 }, (_, i) => on({ type: 'stack', swarmId: W, name: `stack-${i}` }, 'viewer'));
    expect(isAllowed([...many, on(HOST_H, 'operator')], 'container.exec', standalone)).toBe(true);
    expect(isAllowed(many, 'container.exec', taskOfS)).toBe(false);
    expect(isAllowed(many, 'container.view', { type: 'host', id: 'host-h', in: { swarmId: W, stack: 'stack-500' } })).toBe(true);
  });
});

describe('visibleScopes', () => {
  it("is 'all' with a global grant holding the permission", () => {
    expect(visibleScopes([on({ type: 'global' }, 'viewer')], 'container.view')).toBe('all');
  });

  it('collects hosts, swarms and stacks by swarm, only for grants holding the permission', () => {
    const visible = visibleScopes([on(HOST_H, 'viewer'), on(SWARM_W, 'none'), on(STACK_S, 'viewer'), on({ type: 'stack', swarmId: W, name: 'shop' }, 'viewer'), on({ type: 'global' }, 'none')], 'container.view');
    expect(visible).toEqual({ hosts: new Set(['host-h']), swarms: new Set(), stacks: new Map([[W, new Set(['payments', 'shop'])]]), projects: new Map() });
  });

  it('a Compose project scope covers that project\'s containers on its host, nothing else, and makes its host listed', () => {
    const PROJECT: Scope = { type: 'project', hostId: 'host-h', name: 'web' };
    expect(scopeCovers(PROJECT, { type: 'host', id: 'host-h', project: 'web' })).toBe(true);
    expect(scopeCovers(PROJECT, { type: 'host', id: 'host-h', project: 'api' })).toBe(false);
    expect(scopeCovers(PROJECT, { type: 'host', id: 'host-x', project: 'web' })).toBe(false);
    expect(scopeCovers(PROJECT, standalone)).toBe(false);
    expect(scopeCovers(PROJECT, taskOfS)).toBe(false);
    expect(scopeCovers(PROJECT, { type: 'swarm', id: W })).toBe(false);
    // A host grant reaches the host's projects.
    expect(scopeCovers(HOST_H, { type: 'host', id: 'host-h', project: 'web' })).toBe(true);
    const visible = visibleScopes([on(PROJECT, 'viewer')], 'container.view');
    expect(visible).toEqual({ hosts: new Set(), swarms: new Set(), stacks: new Map(), projects: new Map([['host-h', new Set(['web'])]]) });
    expect(reachesHost(visible, 'host-h', null)).toBe(true);
    expect(reachesHost(visible, 'host-x', null)).toBe(false);
  });

  it('tells which hosts and swarms a list must read', () => {
    const visible = visibleScopes([on(STACK_S, 'viewer')], 'container.view');
    expect(reachesHost(visible, 'host-h', W)).toBe(true);
    expect(reachesHost(visible, 'host-h', null)).toBe(false);
    expect(reachesHost(visible, 'host-h', 'swarm-x')).toBe(false);
    expect(reachesSwarm(visible, W)).toBe(true);
    expect(reachesSwarm(visible, 'swarm-x')).toBe(false);
    expect(reachesHost('all', 'anything', null)).toBe(true);
  });

  it('visibleHosts stays the hosts granted as themselves', () => {
    expect(visibleHosts([on(STACK_S, 'viewer'), on(HOST_H, 'viewer')], 'host.view')).toEqual(new Set(['host-h']));
  });
});
