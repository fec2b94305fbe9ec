import { describe, expect, it } from 'vitest';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { explainLdapError, transportSaid } from './explain-directory-error.ts';

const explainTransport = (error: unknown, where: string, seconds: number) => {
  const said = transportSaid(error, where, seconds);
  return said ? renderMessage(said, 'en') : null;
};
const said = (explained: { field: string; said: Parameters<typeof renderMessage>[0] }, locale: 'en' | 'zh-CN' = 'en') => ({ field: explained.field, message: renderMessage(explained.said, locale) });

const sys = (code: string, message = code) => Object.assign(new Error(message), { code });
const ldap = (name: string, code: number) => Object.assign(new Error(`${name} Code: 0x${code.toString(16)}`), { name, code });

describe('transportSaid', () => {
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
    expect(said(explainLdapError(sys('ECONNREFUSED'), 'starttls', 'ldap:389', 5)).message).toMatch(/^StartTLS with ldap:389 failed: Nothing answers/);
    expect(explainLdapError(sys('UNABLE_TO_VERIFY_LEAF_SIGNATURE'), 'starttls', 'ldap:389', 5).field).toBe('caCert');
    expect(explainLdapError(ldap('ProtocolError', 2), 'starttls', 'ldap:389', 5).field).toBe('startTls');
    expect(said(explainLdapError(ldap('ConfidentialityRequiredError', 13), 'bind', 'ldap:389', 5))).toEqual({ field: 'startTls', message: 'ldap:389 requires TLS: turn StartTLS on (or use an ldaps:// URL).' });
    expect(explainLdapError(ldap('InvalidCredentialsError', 49), 'bind', 'ldap:389', 5).field).toBe('bindPassword');
    expect(explainLdapError(ldap('InvalidDNSyntaxError', 34), 'bind', 'ldap:389', 5).field).toBe('bindDn');
    expect(said(explainLdapError(ldap('NoSuchObjectError', 32), 'search-users', 'ldap:389', 5))).toEqual({ field: 'userBase', message: 'ldap:389 has no entry at the user search base.' });
    expect(explainLdapError(ldap('NoSuchObjectError', 32), 'search-groups', 'ldap:389', 5).field).toBe('groupBase');
    expect(explainLdapError(ldap('InsufficientAccessError', 50), 'search-users', 'ldap:389', 5).field).toBe('userBase');
  });

  it('says each failure in the reader\'s language, the server\'s own words kept as they are', () => {
    expect(said(explainLdapError(ldap('InvalidCredentialsError', 49), 'bind', 'ldap:389', 5), 'zh-CN')).toEqual({ field: 'bindPassword', message: 'ldap:389 拒绝了绑定 DN 和密码（凭据无效）。' });
    expect(said(explainLdapError(sys('ECONNREFUSED'), 'starttls', 'ldap:389', 5), 'zh-CN').message).toMatch(/^与 ldap:389 的 StartTLS 失败：/);
    expect(said(explainLdapError(ldap('OtherError', 80), 'search-groups', 'ldap:389', 5), 'zh-CN').message).toBe('搜索 ldap:389 失败：OtherError Code: 0x50。');
    expect(said(explainLdapError(Object.assign(new Error(''), { name: 'X', code: 1 }), 'bind', 'ldap:389', 5)).message).toBe('ldap:389 refused the bind: no reason given.');
  });
});
