// What directory sign-in settings accept: OpenID Connect and LDAP, the group → team mappings and
// the "directory sign-in required" switch. Shared by the forms and the server; every stored
// settings row is parsed with these again when read (a row that no longer parses is not used).
import { z } from 'zod';
import { issueText } from '@/lib/i18n/message.ts';
import { isLinkLocalOrMetadata } from './audit.ts';
import { recordId, userIdSchema } from './ids.ts';
import { DIRECTORY_KINDS } from '@/lib/models/directory/directory-source.ts';

const NO_CONTROL = /^[^\p{Cc}]*$/u;
const atMost = (max: number) => issueText('directory.errors.atMost', { max: String(max) });
const text = (max: number, empty: string) => z.string().trim().min(1, empty).max(max, atMost(max)).regex(NO_CONTROL, issueText('directory.errors.noControl'));
const NOT_METADATA = issueText('directory.errors.notMetadata');

/** A secret field: empty means "keep the one saved" when settings already exist. */
const secretField = (max: number) => z.string().max(max, atMost(max)).regex(NO_CONTROL, issueText('directory.errors.noControl')).default('');

export const issuerUrlSchema = z
  .string()
  .trim()
  .min(1, issueText('directory.errors.issuerRequired'))
  .max(500, atMost(500))
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'https:' || url.protocol === 'http:') && !url.username && !url.password && !url.search && !url.hash;
    } catch {
      return false;
    }
  }, issueText('directory.errors.issuerForm'))
  .refine((value) => !isLinkLocalOrMetadata(URL.parse(value)?.hostname ?? ''), NOT_METADATA)
  .transform((value) => value.replace(/\/+$/, ''));

export const oidcSettingsSchema = z.object({
  enabled: z.boolean().default(true),
  issuerUrl: issuerUrlSchema,
  clientId: text(200, issueText('directory.errors.clientIdRequired')),
  clientSecret: secretField(500),
  scopes: z
    .string()
    .trim()
    .max(300, atMost(300))
    .regex(/^[\x21\x23-\x5b\x5d-\x7e]+( [\x21\x23-\x5b\x5d-\x7e]+)*$/, issueText('directory.errors.scopesForm'))
    .refine((s) => s.split(' ').includes('openid'), issueText('directory.errors.scopesOpenid'))
    .default('openid profile email groups'),
  groupClaim: text(100, issueText('directory.errors.groupClaimRequired'))
    .regex(/^[A-Za-z0-9_:./-]+$/, issueText('directory.errors.groupClaimForm'))
    .default('groups'),
  buttonLabel: text(60, issueText('directory.errors.buttonRequired')).default('Sign in with single sign-on'),
});
export type OidcSettingsInput = z.input<typeof oidcSettingsSchema>;
export type OidcSettings = z.output<typeof oidcSettingsSchema>;

const ldapUrlSchema = z
  .string()
  .trim()
  .min(1, issueText('directory.errors.ldapUrlRequired'))
  .max(300, atMost(300))
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'ldap:' || url.protocol === 'ldaps:') && !!url.hostname && (url.pathname === '' || url.pathname === '/') && !url.username && !url.search;
    } catch {
      return false;
    }
  }, issueText('directory.errors.ldapUrlForm'))
  .refine((value) => !isLinkLocalOrMetadata(URL.parse(value)?.hostname ?? ''), NOT_METADATA)
  .transform((value) => value.replace(/\/+$/, ''));

const pemSchema = z
  .string()
  .trim()
  .max(32_768, issueText('directory.errors.caTooLong'))
  .refine((pem) => pem === '' || /^-----BEGIN CERTIFICATE-----[\s\S]+-----END CERTIFICATE-----$/.test(pem), issueText('directory.errors.caPem'))
  .default('');

const dnSchema = (empty: string) => text(500, empty);
const filterSchema = (placeholder: '{username}' | '{dn}', empty: string) =>
  text(500, empty)
    .refine((f) => f.startsWith('(') && f.endsWith(')'), issueText('directory.errors.filterParentheses', { example: '(uid={username})' }))
    .refine((f) => f.includes(placeholder) || (placeholder === '{dn}' && f.includes('{username}')), issueText(placeholder === '{dn}' ? 'directory.errors.filterDn' : 'directory.errors.filterUsername', { placeholder }));
const attributeSchema = (empty: string) => text(100, empty).regex(/^[A-Za-z][A-Za-z0-9-]*$/, issueText('directory.errors.attributeForm'));

export const ldapSettingsSchema = z
  .object({
    enabled: z.boolean().default(true),
    url: ldapUrlSchema,
    startTls: z.boolean().default(true),
    caCert: pemSchema,
    bindDn: dnSchema(issueText('directory.errors.bindDnRequired')),
    bindPassword: secretField(500),
    userBase: dnSchema(issueText('directory.errors.userBaseRequired')),
    userFilter: filterSchema('{username}', issueText('directory.errors.userFilterRequired', { example: '(uid={username})' })).default('(uid={username})'),
    usernameAttribute: attributeSchema(issueText('directory.errors.usernameAttributeRequired')).default('uid'),
    displayNameAttribute: attributeSchema(issueText('directory.errors.displayNameAttributeRequired')).default('displayName'),
    groupMode: z.enum(['search', 'memberOf'], { error: issueText('directory.errors.groupModeRequired') }).default('search'),
    groupBase: z.string().trim().max(500, atMost(500)).regex(NO_CONTROL, issueText('directory.errors.noControl')).default(''),
    groupFilter: z.string().trim().max(500, atMost(500)).regex(NO_CONTROL, issueText('directory.errors.noControl')).default('(member={dn})'),
    groupAttribute: attributeSchema(issueText('directory.errors.groupAttributeRequired')).default('cn'),
  })
  .superRefine((value, ctx) => {
    if (value.url.startsWith('ldaps:') && value.startTls) ctx.addIssue({ code: 'custom', path: ['startTls'], message: issueText('directory.errors.startTlsLdaps') });
    if (value.groupMode !== 'search') return;
    if (!value.groupBase) ctx.addIssue({ code: 'custom', path: ['groupBase'], message: issueText('directory.errors.groupBaseRequired') });
    const filter = filterSchema('{dn}', issueText('directory.errors.groupFilterRequired', { example: '(member={dn})' })).safeParse(value.groupFilter);
    if (!filter.success) ctx.addIssue({ code: 'custom', path: ['groupFilter'], message: filter.error.issues[0]!.message });
  });
export type LdapSettingsInput = z.input<typeof ldapSettingsSchema>;
export type LdapSettings = z.output<typeof ldapSettingsSchema>;

export const directoryKindSchema = z.enum(DIRECTORY_KINDS, { error: issueText('directory.errors.kindRequired') });

export const groupNameSchema = text(500, issueText('directory.errors.groupNameRequired'));

export const addGroupMappingSchema = z.object({ source: directoryKindSchema, groupName: groupNameSchema, teamId: recordId('a team') });
export const removeGroupMappingSchema = z.object({ mappingId: recordId('a mapping') });
export const removeDirectorySchema = z.object({ kind: directoryKindSchema });
export const directoryRequiredSchema = z.object({ required: z.boolean() });
export const breakGlassSchema = z.object({ userId: userIdSchema, breakGlass: z.boolean() });

/** The LDAP sign-in form's input (next-auth's credentials provider "ldap"). */
export const ldapSignInSchema = z.object({ username: z.string().trim().min(1).max(256), password: z.string().max(256) });
