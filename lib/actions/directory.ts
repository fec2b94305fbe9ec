'use server';
// Server actions for directory sign-in settings (administrators: user.manage): thin wrappers over
// lib/services/directory.
import { authedAction } from './action-client.ts';
import { addGroupMappingSchema, breakGlassSchema, directoryRequiredSchema, ldapSettingsSchema, oidcSettingsSchema, removeDirectorySchema, removeGroupMappingSchema } from '@/lib/schemas/directory.ts';
import { setBreakGlass, setDirectoryRequired } from '@/lib/services/directory/directory-required.ts';
import { addGroupMapping, removeGroupMapping } from '@/lib/services/directory/group-mappings.ts';
import { removeDirectoryConfig, saveLdapSettings, saveOidcSettings, testLdapSettings, testOidcSettings } from '@/lib/services/directory/save-directory-config.ts';

export const testOidcSettingsAction = authedAction('directory.oidc.test', oidcSettingsSchema, 'user.manage', ({ rt, actor, input }) => testOidcSettings(rt, actor, input));
export const saveOidcSettingsAction = authedAction('directory.oidc.save', oidcSettingsSchema, 'user.manage', ({ rt, actor, input }) => saveOidcSettings(rt, actor, input));
export const testLdapSettingsAction = authedAction('directory.ldap.test', ldapSettingsSchema, 'user.manage', ({ rt, actor, input }) => testLdapSettings(rt, actor, input));
export const saveLdapSettingsAction = authedAction('directory.ldap.save', ldapSettingsSchema, 'user.manage', ({ rt, actor, input }) => saveLdapSettings(rt, actor, input));
export const removeDirectoryAction = authedAction('directory.remove', removeDirectorySchema, 'user.manage', ({ rt, actor, input }) => removeDirectoryConfig(rt, actor, input.kind));

export const addGroupMappingAction = authedAction('directory.mapping.add', addGroupMappingSchema, 'user.manage', ({ rt, actor, input }) => addGroupMapping(rt, actor, input));
export const removeGroupMappingAction = authedAction('directory.mapping.remove', removeGroupMappingSchema, 'user.manage', ({ rt, actor, input }) => removeGroupMapping(rt, actor, input.mappingId));

export const setDirectoryRequiredAction = authedAction('directory.require', directoryRequiredSchema, 'user.manage', ({ rt, actor, input }) => setDirectoryRequired(rt, actor, input.required));
export const setBreakGlassAction = authedAction('user.break-glass', breakGlassSchema, (input) => ({ permission: 'user.manage', target: { type: 'user', id: input.userId } }), ({ rt, actor, input }) =>
  setBreakGlass(rt, actor, input.userId, input.breakGlass),
);
