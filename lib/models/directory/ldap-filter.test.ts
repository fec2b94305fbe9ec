import { describe, expect, it } from 'vitest';
import { escapeFilterValue, fillFilter } from './ldap-filter.ts';

describe('LDAP filters', () => {
  it('escapes the characters RFC 4515 reserves', () => {
    expect(escapeFilterValue('*)(uid=*')).toBe('\\2a\\29\\28uid=\\2a');
    expect(escapeFilterValue('a\\b')).toBe('a\\5cb');
    expect(escapeFilterValue('nul\0')).toBe('nul\\00');
    expect(escapeFilterValue('plain.name-1')).toBe('plain.name-1');
  });

  it('fills a template with escaped values and leaves unknown placeholders', () => {
    expect(fillFilter('(&(objectClass=person)(uid={username}))', { username: 'lars' })).toBe('(&(objectClass=person)(uid=lars))');
    expect(fillFilter('(uid={username})', { username: '*' })).toBe('(uid=\\2a)');
    expect(fillFilter('(member={dn})', { dn: 'uid=a(b),ou=people,dc=x' })).toBe('(member=uid=a\\28b\\29,ou=people,dc=x)');
    expect(fillFilter('(x={other})', { username: 'lars' })).toBe('(x={other})');
    expect(fillFilter('(x={constructor})', {})).toBe('(x={constructor})');
  });
});
