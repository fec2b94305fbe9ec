// What directory sign-in settings accept: OpenID Connect and LDAP, the group → team mappings and
// the "directory sign-in required" switch. Shared by the forms and the server; every stored
// settings row is parsed with these again when read (a row that no longer parses is not used).
import { z } from 'zod';
import { isLinkLocalOrMetadata } from './audit.ts';
import { recordId, userIdSchema } from './ids.ts';
import { DIRECTORY_KINDS } from '@/lib/models/directory/directory-source.ts';

const NO_CONTROL = /^[^\p{Cc}]*$/u;
const text = (max: number, empty: string) => z.string().trim().min(1, empty).max(max, `At most ${max} characters.`).regex(NO_CONTROL, 'No control characters.');
const NOT_METADATA = 'Link-local and cloud metadata addresses cannot be a directory.';

/** A secret field: empty means "keep the one saved" when settings already exist. */
const secretField = (max: number) => z.string().max(max, `At most ${max} characters.`).regex(NO_CONTROL, 'No control characters.').default('');

export const issuerUrlSchema = z
  .string()
  .trim()
  .min(1, 'Enter the issuer URL of your OpenID Connect provider.')
  .max(500, 'At most 500 characters.')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !url.search && !url.hash;
    } catch {
      return false;
    }
  }, 'Enter an http(s) URL without credentials, query or fragment, e.g. https://login.example.com/realms/ops.')
  .refine((value) => !isLinkLocalOrMetadata(URL.parse(value)?.hostname ?? ''), NOT_METADATA)
  .transform((value) => value.replace(/\/+$/, ''));

export const oidcSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  issuerUrl: issuerUrlSchema,
  clientId: text(200, 'Enter the client id Wharf was registered with.'),
  clientSecret: secretField(500),
  scopes: z
    .string()
    .trim()
    .max(300, 'At most 300 characters.')
    .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, 'Scopes are words separated by single spaces.')
    .refine((s) => s.split(' ').includes('openid'), 'The scopes must include openid.')
    .default('openid profile email groups'),
  groupClaim: text(100, 'Enter the claim that lists a user\'s groups (often "groups").')
    .regex(/^[A-Za-z0-9_:./-]+$/, 'Letters, digits and _ : . / - only (a dot goes into a nested claim).')
    .default('groups'),
  buttonLabel: text(60, 'Enter the text of the sign-in button.').default('Sign in with single sign-on'),
});
export type OidcSettingsInput = z.input<typeof oidcSettingsSchema>;
export type OidcSettings = z.output<typeof oidcSettingsSchema>;

const ldapUrlSchema = z
  .string()
  .trim()
  .min(1, 'Enter the LDAP server\'s URL, e.g. ldap://ldap.example.com:389.')
  .max(300, 'At most 300 characters.')
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'ldap:' || url.protocol === 'ldaps:') && !!url.hostname && (url.pathname === '' || url.pathname === '/') && !url.username && !url.search;
    } catch {
      return false;
    }
  }, 'Enter ldap://host[:port] or ldaps://host[:port], nothing after the port.')
  .refine((value) => !isLinkLocalOrMetadata(URL.parse(value)?.hostname ?? ''), NOT_METADATA)
  .transform((value) => value.replace(/\/+$/, ''));

const pemSchema = z
  .string()
  .trim()
  .max(32_768, 'That is too long for CA certificates.')
  .refine((pem) => pem === '' || /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/.test(pem), 'Paste the CA certificate in PEM form (-----BEGIN CERTIFICATE----- …).')
  .default('');

const dnSchema = (empty: string) => text(500, empty);
const filterSchema = (placeholder: '{username}' | '{dn}', empty: string) =>
  text(500, empty)
    .refine((f) => f.startsWith('(') && f.endsWith(')'), 'An LDAP filter is wrapped in parentheses, e.g. (uid={username}).')
    .refine((f) => f.includes(placeholder) || (placeholder === '{dn}' && f.includes('{username}')), `The filter must contain ${placeholder}, where Wharf puts the ${placeholder === '{dn}' ? 'user\'s DN' : 'name typed at sign-in'}.`);
const attributeSchema = (empty: string) => text(100, empty).regex(/^[A-Za-z][A-Za-z0-9-]*$/, 'An attribute name: letters, digits and dashes.');

export const ldapSettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    url: ldapUrlSchema,
    startTls: z.boolean().default(true),
    caCert: pemSchema,
    bindDn: dnSchema('Enter the DN Wharf binds as to search, e.g. cn=wharf,ou=services,dc=example,dc=com.'),
    bindPassword: secretField(500),
    userBase: dnSchema('Enter where users are searched, e.g. ou=people,dc=example,dc=com.'),
    userFilter: filterSchema('{username}', 'Enter the filter that finds a user, e.g. (uid={username}).').default('(uid={username})'),
    usernameAttribute: attributeSchema('Enter the attribute holding the username.').default('uid'),
    displayNameAttribute: attributeSchema('Enter the attribute holding the display name.').default('displayName'),
    groupMode: z.enum(['search', 'memberOf'], { error: 'Choose how groups are found.' }).default('search'),
    groupBase: z.string().trim().max(500, 'At most 500 characters.').regex(NO_CONTROL, 'No control characters.').default(''),
    groupFilter: z.string().trim().max(500, 'At most 500 characters.').regex(NO_CONTROL, 'No control characters.').default('(member={dn})'),
    groupAttribute: attributeSchema('Enter the attribute that names a group (often cn).').default('cn'),
  })
  .superRefine((value, ctx) => {
    if (value.url.startsWith('ldaps:') && value.startTls) ctx.addIssue({ code: 'custom', path: ['startTls'], message: 'StartTLS is for ldap:// URLs; an ldaps:// URL is TLS from the start. Turn StartTLS off or use ldap://.' });
    if (value.groupMode !== 'search') return;
    if (!value.groupBase) ctx.addIssue({ code: 'custom', path: ['groupBase'], message: 'Enter where groups are searched, e.g. ou=groups,dc=example,dc=com.' });
    const filter = filterSchema('{dn}', 'Enter the filter that finds a user\'s groups, e.g. (member={dn}).').safeParse(value.groupFilter);
    if (!filter.success) ctx.addIssue({ code: 'custom', path: ['groupFilter'], message: filter.error.issues[0]!.message });
  });
export type LdapSettingsInput = z.input<typeof ldapSettingsSchema>;
export type LdapSettings = z.output<typeof ldapSettingsSchema>;

export const directoryKindSchema = z.enum(DIRECTORY_KINDS, { error: 'Choose OpenID Connect or LDAP.' });

export const groupNameSchema = text(500, 'Enter the group as the directory names it.');

export const addGroupMappingSchema = z.object({ source: directoryKindSchema, groupName: groupNameSchema, teamId: recordId('a team') });
export const removeGroupMappingSchema = z.object({ mappingId: recordId('a mapping') });
export const removeDirectorySchema = z.object({ kind: directoryKindSchema });
export const directoryRequiredSchema = z.object({ required: z.boolean() });
export const breakGlassSchema = z.object({ userId: userIdSchema, breakGlass: z.boolean() });

/** The LDAP sign-in form's input (next-auth's credentials provider "ldap"). */
export const ldapSignInSchema = z.object({ username: z.string().trim().min(1).max(256), password: z.string().max(256) });
