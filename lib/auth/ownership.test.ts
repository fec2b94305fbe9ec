// The ownership rule (lib/auth/ownership.ts) on its own and through isAllowed(): owned objects are
// reached through the owning team's grants on a containing scope, grants on everything and their
// creator; unowned and "visible to all" ones through any grant on a containing scope.
import { describe, expect, it } from 'vitest';
import { isAllowed, type Grant, type GrantOrigin, type Scope, type Target } from './permissions.ts';
import { isRestricted, ownerAdmits, UNREAD_OWNER, type Owner } from './ownership.ts';

const W = 'swarm-w';
const H = 'host-h';
const teamA: GrantOrigin = { kind: 'team', grantId: 'g-a', teamId: 'team-a', teamName: 'A' };
const teamB: GrantOrigin = { kind: 'team', grantId: 'g-b', teamId: 'team-b', teamName: 'B' };
const own: GrantOrigin = { kind: 'user', grantId: 'g-u' };
const base: GrantOrigin = { kind: 'base' };
const grant = (scope: Scope, from: GrantOrigin, role = 'operator'): Grant => ({ role, scope, from });

const HOST: Scope = { type: 'host', id: H };
const SWARM: Scope = { type: 'swarm', id: W };
const STACK: Scope = { type: 'stack', swarmId: W, name: 'payments' };
const GLOBAL_SCOPE: Scope = { type: 'global' };

const ownedByA: Owner = { team: 'team-a', creator: 'alice' };
const container = (owner?: Owner): Target => ({ type: 'host', id: H, ...(owner ? { owner } : {}) });
const service = (owner?: Owner): Target => ({ type: 'swarm', id: W, stack: 'payments', ...(owner ? { owner } : {}) });
const task = (owner?: Owner): Target => ({ type: 'host', id: H, in: { swarmId: W, stack: 'payments' }, ...(owner ? { owner } : {}) });

describe('ownerAdmits', () => {
  it('admits any grant for an object without an owner', () => {
    for (const from of [teamA, teamB, own, base]) {
      expect(ownerAdmits(grant(HOST, from), undefined)).toBe(true);
      expect(ownerAdmits(grant(HOST, from), null)).toBe(true);
      expect(ownerAdmits(grant(HOST, from), { team: null })).toBe(true);
      expect(ownerAdmits(grant(HOST, from), { team: null, creator: 'alice' })).toBe(true);
    }
  });

  it('admits any grant for an object visible to all', () => {
    for (const from of [teamA, teamB, own, base]) expect(ownerAdmits(grant(SWARM, from), { ...ownedByA, everyone: true })).toBe(true);
  });

  it('admits the owning team\'s grants and refuses other teams\' and the user\'s own', () => {
    expect(ownerAdmits(grant(HOST, teamA), ownedByA)).toBe(true);
    expect(ownerAdmits(grant(HOST, teamB), ownedByA)).toBe(false);
    expect(ownerAdmits(grant(HOST, own), ownedByA)).toBe(false);
    expect(ownerAdmits(grant(HOST, own), ownedByA, 'bob')).toBe(false);
  });

  it('admits grants on everything, whatever their origin', () => {
    for (const from of [teamB, own, base]) expect(ownerAdmits(grant(GLOBAL_SCOPE, from), ownedByA)).toBe(true);
  });

  it('admits every grant of the creator', () => {
    for (const from of [teamB, own]) expect(ownerAdmits(grant(HOST, from), ownedByA, 'alice')).toBe(true);
  });

  it('a grant without an origin (an API token narrowing that lost it) is not the team\'s', () => {
    expect(ownerAdmits({ scope: HOST }, ownedByA)).toBe(false);
  });

  it('an unread owner is reached only through grants on everything', () => {
    expect(ownerAdmits(grant(HOST, teamA), UNREAD_OWNER, 'alice')).toBe(false);
    expect(ownerAdmits(grant(HOST, own), UNREAD_OWNER, 'alice')).toBe(false);
    expect(ownerAdmits(grant(GLOBAL_SCOPE, own), UNREAD_OWNER)).toBe(true);
  });

  it('isRestricted: only an owning team not made visible to all', () => {
    expect(isRestricted(undefined)).toBe(false);
    expect(isRestricted({ team: null })).toBe(false);
    expect(isRestricted({ team: 'team-a', everyone: true })).toBe(false);
    expect(isRestricted({ team: 'team-a' })).toBe(true);
  });
});

describe('isAllowed with owned targets', () => {
  const memberOfA = [grant(HOST, teamA), grant(SWARM, teamA)];
  const memberOfB = [grant(HOST, teamB), grant(SWARM, teamB)];

  it('a member of team B does not reach team A\'s objects on scopes both teams hold', () => {
    for (const target of [container(ownedByA), service(ownedByA), task(ownedByA)]) {
      expect(isAllowed(memberOfA, 'container.view', target, 'carol')).toBe(true);
      expect(isAllowed(memberOfB, 'container.view', target, 'dave')).toBe(false);
    }
  });

  it('the owning team\'s grant must still cover the object: ownership never widens', () => {
    expect(isAllowed([grant(STACK, teamA)], 'service.view', { type: 'swarm', id: W, stack: 'shop', owner: ownedByA }, 'carol')).toBe(false);
    expect(isAllowed([grant({ type: 'host', id: 'other' }, teamA)], 'container.view', container(ownedByA), 'carol')).toBe(false);
    expect(isAllowed([grant(HOST, teamA, 'viewer')], 'container.manage', container(ownedByA), 'carol')).toBe(false);
    // The creator holds nothing there: being the creator gives nothing by itself.
    expect(isAllowed([grant({ type: 'host', id: 'other' }, own)], 'container.view', container(ownedByA), 'alice')).toBe(false);
  });

  it('the creator reaches it through any grant covering it', () => {
    expect(isAllowed([grant(HOST, own)], 'container.manage', container(ownedByA), 'alice')).toBe(true);
    expect(isAllowed([grant(HOST, own)], 'container.manage', container(ownedByA), 'bob')).toBe(false);
  });

  it('administrators and grants on everything reach it', () => {
    expect(isAllowed([grant(GLOBAL_SCOPE, base, 'admin')], 'container.manage', container(ownedByA), 'root')).toBe(true);
    expect(isAllowed([grant(GLOBAL_SCOPE, teamB, 'viewer')], 'container.view', container(ownedByA), 'dave')).toBe(true);
  });

  it('visible to all and unowned objects are reached by whoever holds the scope', () => {
    expect(isAllowed(memberOfB, 'container.view', container({ ...ownedByA, everyone: true }), 'dave')).toBe(true);
    expect(isAllowed(memberOfB, 'container.view', container(), 'dave')).toBe(true);
    expect(isAllowed([grant(HOST, own)], 'container.view', container({ team: null }), 'dave')).toBe(true);
  });

  it('list targets and other kinds of target are not affected', () => {
    expect(isAllowed(memberOfB, 'container.view', { type: 'anywhere' }, 'dave')).toBe(true);
    expect(isAllowed(memberOfB, 'service.view', { type: 'in-swarm', id: W }, 'dave')).toBe(true);
  });
});
