import { describe, expect, it } from 'vitest';
import { groupNameFromDn, groupsFromClaims, mappedTeamIds, planTeamSync, uniqueGroups, wharfUsername } from './directory-identity.ts';

describe('wharfUsername', () => {
  it('keeps a name that follows Wharf\'s rules, lowercased', () => {
    expect(wharfUsername('Olivia')).toBe('olivia');
    expect(wharfUsername(' lars.ops-1 ')).toBe('lars.ops-1');
  });
  it('refuses what cannot be a Wharf username', () => {
    for (const bad of ['', 'a', 'o@example.com', '-lead', 'x'.repeat(33), 'with space', 42, null, undefined]) expect(wharfUsername(bad)).toBeNull();
  });
});

describe('groupsFromClaims', () => {
  it('reads a list claim', () => {
    expect(groupsFromClaims({ groups: ['payments-devs', 'everyone'] }, 'groups')).toEqual(['payments-devs', 'everyone']);
  });
  it('reads a single string, drops non-strings, blanks and repeats', () => {
    expect(groupsFromClaims({ groups: 'ops' }, 'groups')).toEqual(['ops']);
    expect(groupsFromClaims({ groups: ['a', 1, null, ' a ', '', { x: 1 }, 'b'] }, 'groups')).toEqual(['a', 'b']);
  });
  it('goes into nested claims with a dotted path, and prefers a claim named with the dots', () => {
    expect(groupsFromClaims({ realm_access: { roles: ['admin'] } }, 'realm_access.roles')).toEqual(['admin']);
    expect(groupsFromClaims({ 'https://wharf/groups': ['x'] }, 'https://wharf/groups')).toEqual(['x']);
  });
  it('gives no groups for a missing or odd claim, and never follows the prototype', () => {
    expect(groupsFromClaims({}, 'groups')).toEqual([]);
    expect(groupsFromClaims({ groups: { a: 1 } }, 'groups')).toEqual([]);
    expect(groupsFromClaims({}, 'constructor.name')).toEqual([]);
    expect(groupsFromClaims({}, '__proto__')).toEqual([]);
  });
  it('keeps at most 500 groups', () => {
    expect(uniqueGroups(Array.from({ length: 600 }, (_, i) => `g${i}`))).toHaveLength(500);
  });
});

describe('groupNameFromDn', () => {
  it('takes the first RDN value when its attribute is the group attribute', () => {
    expect(groupNameFromDn('cn=payments-ops,ou=groups,dc=wharf,dc=lab', 'cn')).toBe('payments-ops');
    expect(groupNameFromDn('CN=Domain Admins,CN=Users,DC=corp', 'cn')).toBe('Domain Admins');
    expect(groupNameFromDn('cn=a\\,b,ou=groups', 'cn')).toBe('a,b');
  });
  it('gives null when the first RDN is another attribute', () => {
    expect(groupNameFromDn('ou=groups,dc=x', 'cn')).toBeNull();
    expect(groupNameFromDn('', 'cn')).toBeNull();
  });
});

describe('mappedTeamIds', () => {
  const mappings = [
    { source: 'oidc', groupName: 'payments-devs', teamId: 't-pay' },
    { source: 'oidc', groupName: 'Payments-Devs', teamId: 't-case' },
    { source: 'ldap', groupName: 'payments-devs', teamId: 't-ldap' },
    { source: 'oidc', groupName: 'everyone', teamId: 't-pay' },
  ];
  it('maps the groups of this source only, exactly as spelled, each team once', () => {
    expect(mappedTeamIds(mappings, 'oidc', ['payments-devs', 'everyone'])).toEqual(['t-pay']);
    expect(mappedTeamIds(mappings, 'ldap', ['payments-devs'])).toEqual(['t-ldap']);
    expect(mappedTeamIds(mappings, 'oidc', ['unmapped'])).toEqual([]);
  });
});

describe('planTeamSync', () => {
  it('adds the mapped teams the user is not in, and removes those of this source no longer mapped', () => {
    const current = [
      { teamId: 'keep', source: 'oidc' },
      { teamId: 'gone', source: 'oidc' },
    ];
    expect(planTeamSync(current, 'oidc', ['keep', 'new'])).toEqual({ add: ['new'], remove: ['gone'] });
  });
  it('never touches local memberships or the other directory\'s, and does not add a team the user is already in', () => {
    const current = [
      { teamId: 'by-hand', source: 'local' },
      { teamId: 'from-ldap', source: 'ldap' },
    ];
    expect(planTeamSync(current, 'oidc', ['by-hand'])).toEqual({ add: [], remove: [] });
    expect(planTeamSync(current, 'oidc', [])).toEqual({ add: [], remove: [] });
  });
  it('removes every membership of this source when no group maps any more', () => {
    expect(planTeamSync([{ teamId: 'a', source: 'ldap' }, { teamId: 'b', source: 'ldap' }], 'ldap', [])).toEqual({ add: [], remove: ['a', 'b'] });
  });
});
