import { describe, expect, it } from 'vitest';
import { explainLdapError, explainTransport } from './explain-directory-error.ts';

const sys = (code: string, message = code) => Object.assign(new Error(message), { code });
const ldap = (name: string, code: number) => Object.assign(new Error(`${name} Code: 0x${code.toString(16)}`), { name, code });

describe('explainTransport', () => {
  it('says what each socket failure means, looking through fetch\'s wrapping', () => {
    expect(explainTransport(new TypeError('fetch failed', { cause: sys('ECONNREFUSED') }), 'idp:443', 5)).toBe('Nothing answers at idp:443: the server is down, or the address or port is wrong.');
    expect(explainTransport(sys('ENOTFOUND'), 'idp:443', 5)).toBe('The name in idp:443 does not resolve from the console\'s machine.');
    expect(explainTransport(Object.assign(new Error('The operation was aborted due to timeout'), { name: 'TimeoutError' }), 'idp:443', 5)).toBe('idp:443 did not answer within 5 s.');
    expect(explainTransport(sys('SELF_SIGNED_CERT_IN_CHAIN'), 'ldap:636', 5)).toMatch(/^The TLS certificate of ldap:636 is not trusted \(SELF_SIGNED_CERT_IN_CHAIN\)/);
    expect(explainTransport(new Error('something else'), 'x:1', 5)).toBeNull();
  });
});

describe('explainLdapError', () => {
  it('puts each failure on the field it concerns', () => {
    expect(explainLdapError(sys('ECONNREFUSED'), 'connect', 'ldap:389', 5).field).toBe('url');
    expect(explainLdapError(sys('ECONNREFUSED'), 'starttls', 'ldap:389', 5).message).toMatch(/^StartTLS with ldap:389 failed: Nothing answers/);
    expect(explainLdapError(sys('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'starttls', 'ldap:389', 5).field).toBe('caCert');
    expect(explainLdapError(ldap('ProtocolError', 2), 'starttls', 'ldap:389', 5).field).toBe('startTls');
    expect(explainLdapError(ldap('ConfidentialityRequiredError', 13), 'bind', 'ldap:389', 5)).toEqual({ field: 'startTls', message: 'ldap:389 requires TLS: turn StartTLS on (or use an ldaps:// URL).' });
    expect(explainLdapError(ldap('InvalidCredentialsError', 49), 'bind', 'ldap:389', 5).field).toBe('bindPassword');
    expect(explainLdapError(ldap('InvalidDNSyntaxError', 34), 'bind', 'ldap:389', 5).field).toBe('bindDn');
    expect(explainLdapError(ldap('NoSuchObjectError', 32), 'search-users', 'ldap:389', 5)).toEqual({ field: 'userBase', message: 'ldap:389 has no entry at the user search base.' });
    expect(explainLdapError(ldap('NoSuchObjectError', 32), 'search-groups', 'ldap:389', 5).field).toBe('groupBase');
    expect(explainLdapError(ldap('InsufficientAccessError', 50), 'search-users', 'ldap:389', 5).field).toBe('userBase');
  });
});
