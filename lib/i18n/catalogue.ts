// The message catalogues: one folder per language under messages/, one file per namespace (an area
// of the console). Both languages have exactly the same keys (lib/i18n/catalogue.test.ts); the
// English catalogue's shape is the type every translation call is checked against.
// A new namespace: add its two files and one line to each list below.
import enApiTokens from '@/messages/en/apiTokens.json' with { type: 'json' };
import enAuth from '@/messages/en/auth.json' with { type: 'json' };
import enCommon from '@/messages/en/common.json' with { type: 'json' };
import enErrors from '@/messages/en/errors.json' with { type: 'json' };
import enPermissions from '@/messages/en/permissions.json' with { type: 'json' };
import enScopes from '@/messages/en/scopes.json' with { type: 'json' };
import enShell from '@/messages/en/shell.json' with { type: 'json' };
import zhApiTokens from '@/messages/zh-CN/apiTokens.json' with { type: 'json' };
import zhAuth from '@/messages/zh-CN/auth.json' with { type: 'json' };
import zhCommon from '@/messages/zh-CN/common.json' with { type: 'json' };
import zhErrors from '@/messages/zh-CN/errors.json' with { type: 'json' };
import zhPermissions from '@/messages/zh-CN/permissions.json' with { type: 'json' };
import zhScopes from '@/messages/zh-CN/scopes.json' with { type: 'json' };
import zhShell from '@/messages/zh-CN/shell.json' with { type: 'json' };
import type { Locale } from './locales.ts';

const en = {
  apiTokens: enApiTokens,
  auth: enAuth,
  common: enCommon,
  errors: enErrors,
  permissions: enPermissions,
  scopes: enScopes,
  shell: enShell,
};

export type Messages = typeof en;

const zhCN: Messages = {
  apiTokens: zhApiTokens,
  auth: zhAuth,
  common: zhCommon,
  errors: zhErrors,
  permissions: zhPermissions,
  scopes: zhScopes,
  shell: zhShell,
};

const catalogues: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

export const messagesFor = (locale: Locale): Messages => catalogues[locale];
