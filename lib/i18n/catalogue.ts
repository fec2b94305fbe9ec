// The message catalogues: one folder per language under messages/, one file per namespace (an area
// of the console). Both languages have exactly the same keys (lib/i18n/catalogue.test.ts); the
// English catalogue's shape is the type every translation call is checked against.
// A new namespace: add its two files and one line to each list below.
import enAccess from '@/messages/en/access.json' with { type: 'json' };
import enAccesstext from '@/messages/en/accessText.json' with { type: 'json' };
import enAccount from '@/messages/en/account.json' with { type: 'json' };
import enApitokens from '@/messages/en/apiTokens.json' with { type: 'json' };
import enAudit from '@/messages/en/audit.json' with { type: 'json' };
import enAuth from '@/messages/en/auth.json' with { type: 'json' };
import enBackup from '@/messages/en/backup.json' with { type: 'json' };
import enCloud from '@/messages/en/cloud.json' with { type: 'json' };
import enCommon from '@/messages/en/common.json' with { type: 'json' };
import enCompose from '@/messages/en/compose.json' with { type: 'json' };
import enComposechecks from '@/messages/en/composeChecks.json' with { type: 'json' };
import enContainers from '@/messages/en/containers.json' with { type: 'json' };
import enDashboard from '@/messages/en/dashboard.json' with { type: 'json' };
import enDirectory from '@/messages/en/directory.json' with { type: 'json' };
import enDirectorytext from '@/messages/en/directoryText.json' with { type: 'json' };
import enDrivertext from '@/messages/en/driverText.json' with { type: 'json' };
import enEnginetext from '@/messages/en/engineText.json' with { type: 'json' };
import enErrors from '@/messages/en/errors.json' with { type: 'json' };
import enGuardtext from '@/messages/en/guardText.json' with { type: 'json' };
import enHosttext from '@/messages/en/hostText.json' with { type: 'json' };
import enHosts from '@/messages/en/hosts.json' with { type: 'json' };
import enImageupdates from '@/messages/en/imageUpdates.json' with { type: 'json' };
import enModeltext from '@/messages/en/modelText.json' with { type: 'json' };
import enNotifications from '@/messages/en/notifications.json' with { type: 'json' };
import enPermissions from '@/messages/en/permissions.json' with { type: 'json' };
import enPolicytext from '@/messages/en/policyText.json' with { type: 'json' };
import enProvisioning from '@/messages/en/provisioning.json' with { type: 'json' };
import enRegistries from '@/messages/en/registries.json' with { type: 'json' };
import enRegistrytext from '@/messages/en/registryText.json' with { type: 'json' };
import enRevisiontext from '@/messages/en/revisionText.json' with { type: 'json' };
import enScopes from '@/messages/en/scopes.json' with { type: 'json' };
import enSections from '@/messages/en/sections.json' with { type: 'json' };
import enServices from '@/messages/en/services.json' with { type: 'json' };
import enShell from '@/messages/en/shell.json' with { type: 'json' };
import enStacks from '@/messages/en/stacks.json' with { type: 'json' };
import enStreamtext from '@/messages/en/streamText.json' with { type: 'json' };
import enStreams from '@/messages/en/streams.json' with { type: 'json' };
import enSwarms from '@/messages/en/swarms.json' with { type: 'json' };
import enTransporttext from '@/messages/en/transportText.json' with { type: 'json' };
import enUsers from '@/messages/en/users.json' with { type: 'json' };
import enWebhooks from '@/messages/en/webhooks.json' with { type: 'json' };
import enGitStacks from '@/messages/en/gitStacks.json' with { type: 'json' };
import zhAccess from '@/messages/zh-CN/access.json' with { type: 'json' };
import zhAccesstext from '@/messages/zh-CN/accessText.json' with { type: 'json' };
import zhAccount from '@/messages/zh-CN/account.json' with { type: 'json' };
import zhApitokens from '@/messages/zh-CN/apiTokens.json' with { type: 'json' };
import zhAudit from '@/messages/zh-CN/audit.json' with { type: 'json' };
import zhAuth from '@/messages/zh-CN/auth.json' with { type: 'json' };
import zhBackup from '@/messages/zh-CN/backup.json' with { type: 'json' };
import zhCloud from '@/messages/zh-CN/cloud.json' with { type: 'json' };
import zhCommon from '@/messages/zh-CN/common.json' with { type: 'json' };
import zhCompose from '@/messages/zh-CN/compose.json' with { type: 'json' };
import zhComposechecks from '@/messages/zh-CN/composeChecks.json' with { type: 'json' };
import zhContainers from '@/messages/zh-CN/containers.json' with { type: 'json' };
import zhDashboard from '@/messages/zh-CN/dashboard.json' with { type: 'json' };
import zhDirectory from '@/messages/zh-CN/directory.json' with { type: 'json' };
import zhDirectorytext from '@/messages/zh-CN/directoryText.json' with { type: 'json' };
import zhDrivertext from '@/messages/zh-CN/driverText.json' with { type: 'json' };
import zhEnginetext from '@/messages/zh-CN/engineText.json' with { type: 'json' };
import zhErrors from '@/messages/zh-CN/errors.json' with { type: 'json' };
import zhGuardtext from '@/messages/zh-CN/guardText.json' with { type: 'json' };
import zhHosttext from '@/messages/zh-CN/hostText.json' with { type: 'json' };
import zhHosts from '@/messages/zh-CN/hosts.json' with { type: 'json' };
import zhImageupdates from '@/messages/zh-CN/imageUpdates.json' with { type: 'json' };
import zhModeltext from '@/messages/zh-CN/modelText.json' with { type: 'json' };
import zhNotifications from '@/messages/zh-CN/notifications.json' with { type: 'json' };
import zhPermissions from '@/messages/zh-CN/permissions.json' with { type: 'json' };
import zhPolicytext from '@/messages/zh-CN/policyText.json' with { type: 'json' };
import zhProvisioning from '@/messages/zh-CN/provisioning.json' with { type: 'json' };
import zhRegistries from '@/messages/zh-CN/registries.json' with { type: 'json' };
import zhRegistrytext from '@/messages/zh-CN/registryText.json' with { type: 'json' };
import zhRevisiontext from '@/messages/zh-CN/revisionText.json' with { type: 'json' };
import zhScopes from '@/messages/zh-CN/scopes.json' with { type: 'json' };
import zhSections from '@/messages/zh-CN/sections.json' with { type: 'json' };
import zhServices from '@/messages/zh-CN/services.json' with { type: 'json' };
import zhShell from '@/messages/zh-CN/shell.json' with { type: 'json' };
import zhStacks from '@/messages/zh-CN/stacks.json' with { type: 'json' };
import zhStreamtext from '@/messages/zh-CN/streamText.json' with { type: 'json' };
import zhStreams from '@/messages/zh-CN/streams.json' with { type: 'json' };
import zhSwarms from '@/messages/zh-CN/swarms.json' with { type: 'json' };
import zhTransporttext from '@/messages/zh-CN/transportText.json' with { type: 'json' };
import zhUsers from '@/messages/zh-CN/users.json' with { type: 'json' };
import zhWebhooks from '@/messages/zh-CN/webhooks.json' with { type: 'json' };
import zhGitStacks from '@/messages/zh-CN/gitStacks.json' with { type: 'json' };
import type { Locale } from './locales.ts';

const en = {
  access: enAccess,
  accessText: enAccesstext,
  account: enAccount,
  apiTokens: enApitokens,
  audit: enAudit,
  auth: enAuth,
  backup: enBackup,
  cloud: enCloud,
  common: enCommon,
  compose: enCompose,
  composeChecks: enComposechecks,
  containers: enContainers,
  dashboard: enDashboard,
  directory: enDirectory,
  directoryText: enDirectorytext,
  driverText: enDrivertext,
  engineText: enEnginetext,
  errors: enErrors,
  guardText: enGuardtext,
  hostText: enHosttext,
  hosts: enHosts,
  imageUpdates: enImageupdates,
  modelText: enModeltext,
  notifications: enNotifications,
  permissions: enPermissions,
  policyText: enPolicytext,
  provisioning: enProvisioning,
  registries: enRegistries,
  registryText: enRegistrytext,
  revisionText: enRevisiontext,
  scopes: enScopes,
  sections: enSections,
  services: enServices,
  shell: enShell,
  stacks: enStacks,
  streamText: enStreamtext,
  streams: enStreams,
  swarms: enSwarms,
  transportText: enTransporttext,
  users: enUsers,
  webhooks: enWebhooks,
  gitStacks: enGitStacks,
};

export type Messages = typeof en;

const zhCN: Messages = {
  access: zhAccess,
  accessText: zhAccesstext,
  account: zhAccount,
  apiTokens: zhApitokens,
  audit: zhAudit,
  auth: zhAuth,
  backup: zhBackup,
  cloud: zhCloud,
  common: zhCommon,
  compose: zhCompose,
  composeChecks: zhComposechecks,
  containers: zhContainers,
  dashboard: zhDashboard,
  directory: zhDirectory,
  directoryText: zhDirectorytext,
  driverText: zhDrivertext,
  engineText: zhEnginetext,
  errors: zhErrors,
  guardText: zhGuardtext,
  hostText: zhHosttext,
  hosts: zhHosts,
  imageUpdates: zhImageupdates,
  modelText: zhModeltext,
  notifications: zhNotifications,
  permissions: zhPermissions,
  policyText: zhPolicytext,
  provisioning: zhProvisioning,
  registries: zhRegistries,
  registryText: zhRegistrytext,
  revisionText: zhRevisiontext,
  scopes: zhScopes,
  sections: zhSections,
  services: zhServices,
  shell: zhShell,
  stacks: zhStacks,
  streamText: zhStreamtext,
  streams: zhStreams,
  swarms: zhSwarms,
  transportText: zhTransporttext,
  users: zhUsers,
  webhooks: zhWebhooks,
  gitStacks: zhGitStacks,
};

const catalogues: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

export const messagesFor = (locale: Locale): Messages => catalogues[locale];
