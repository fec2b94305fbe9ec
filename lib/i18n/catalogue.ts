// The message catalogues: one folder per language under messages/, one file per namespace (an area
// of the console). Both languages have exactly the same keys (lib/i18n/catalogue.test.ts); the
// English catalogue's shape is the type every translation call is checked against.
// A new namespace: add its two files and one line to each list below.
import enAuth from '@/messages/en/auth.json' with { type: 'json' };
import enBackup from '@/messages/en/backup.json' with { type: 'json' };
import enCommon from '@/messages/en/common.json' with { type: 'json' };
import enErrors from '@/messages/en/errors.json' with { type: 'json' };
import enPermissions from '@/messages/en/permissions.json' with { type: 'json' };
import enShell from '@/messages/en/shell.json' with { type: 'json' };
import zhAuth from '@/messages/zh-CN/auth.json' with { type: 'json' };
import zhBackup from '@/messages/zh-CN/backup.json' with { type: 'json' };
import zhCommon from '@/messages/zh-CN/common.json' with { type: 'json' };
import zhErrors from '@/messages/zh-CN/errors.json' with { type: 'json' };
import zhPermissions from '@/messages/zh-CN/permissions.json' with { type: 'json' };
import zhShell from '@/messages/zh-CN/shell.json' with { type: 'json' };
import type { Locale } from './locales.ts';

const en = {
  auth: enAuth,
  backup: enBackup,
  common: enCommon,
  errors: enErrors,
  permissions: enPermissions,
  shell: enShell,
};

export type Messages = typeof en;

const zhCN: Messages = {
  auth: zhAuth,
  backup: zhBackup,
  common: zhCommon,
  errors: zhErrors,
  permissions: zhPermissions,
  shell: zhShell,
};

const catalogues: Record<Locale, Messages> = { en, 'zh-CN': zhCN };

export const messagesFor = (locale: Locale): Messages => catalogues[locale];
