import { describe, expect, it } from 'vitest';
import { ldapSettingsSchema, oidcSettingsSchema } from './directory.ts';
import { localizeText } from '@/lib/errors.ts';

const issues = (result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) => (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${localizeText(i.message, 'en')}`);

describe('OpenID Connect settings', () => {
  const base = { issuerUrl: 'https://login.example.com/realms/ops/', clientId: 'wharf' };
  it('fills the defaults and drops a trailing slash of the issuer', () => {
    expect(oidcSettingsSchema.parse(base)).toEqual({ enabled: true, issuerUrl: 'https://login.example.com/realms/ops', clientId: 'wharf', clientSecret: '', scopes: 'openid profile email groups', groupClaim: 'groups', buttonLabel: 'Sign in with single sign-on' });
  });
  it('refuses issuers with credentials, queries, other schemes, metadata addresses; scopes without openid', () => {
    for (const issuerUrl of ['https://u:p@idp.example', 'https://idp.example/?x=1', 'ftp://idp.example', 'http://169.254.169.254/latest', 'not a url']) {
      expect(oidcSettingsSchema.safeParse({ ...base, issuerUrl }).success, issuerUrl).toBe(false);
    }
    expect(issues(oidcSettingsSchema.safeParse({ ...base, scopes: 'profile email' }))).toEqual(['scopes: The scopes must include openid.']);
  });
});

describe('LDAP settings', () => {
  const base = { url: 'ldap://ldap.example.com:389', bindDn: 'cn=wharf,dc=example,dc=com', userBase: 'ou=people,dc=example,dc=com', groupBase: 'ou=groups,dc=example,dc=com' };
  it('accepts the common shape with its defaults', () => {
    expect(ldapSettingsSchema.parse(base)).toMatchObject({ startTls: true, userFilter: '(uid={username})', groupMode: 'search', groupFilter: '(member={dn})', groupAttribute: 'cn' });
  });
  it('names what is wrong', () => {
    expect(issues(ldapSettingsSchema.safeParse({ ...base, url: 'ldaps://ldap.example.com' }))).toEqual(['startTls: StartTLS is for ldap:// URLs; an ldaps:// URL is TLS from the start. Turn StartTLS off or use ldap://.']);
    expect(ldapSettingsSchema.safeParse({ ...base, url: 'ldaps://ldap.example.com', startTls: false }).success).toBe(true);
    expect(issues(ldapSettingsSchema.safeParse({ ...base, groupBase: '' }))).toEqual(['groupBase: Enter where groups are searched, e.g. ou=groups,dc=example,dc=com.']);
    expect(ldapSettingsSchema.safeParse({ ...base, groupBase: '', groupMode: 'memberOf' }).success).toBe(true);
    expect(issues(ldapSettingsSchema.safeParse({ ...base, userFilter: '(uid=alice)' }))[0]).toMatch(/^userFilter: The filter must contain \{username\}/);
    expect(issues(ldapSettingsSchema.safeParse({ ...base, userFilter: 'uid={username}' }))[0]).toMatch(/^userFilter: An LDAP filter is wrapped in parentheses/);
    expect(ldapSettingsSchema.safeParse({ ...base, url: 'http://ldap.example.com' }).success).toBe(false);
    expect(ldapSettingsSchema.safeParse({ ...base, url: 'ldap://ldap.example.com/dc=x' }).success).toBe(false);
    expect(ldapSettingsSchema.safeParse({ ...base, caCert: 'not a pem' }).success).toBe(false);
  });
});
