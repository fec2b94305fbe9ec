// Talking to an LDAP server with ldapts: connect, StartTLS (or ldaps://), bind as the service
// account, find a user by the user filter, read their groups (a group search, or memberOf), and
// check a user's password by binding as them on a connection of its own. Every failure is an
// AppError naming the settings field it concerns (explain-directory-error.ts). An empty password
// is refused before any bind: LDAP treats a simple bind without a password as an anonymous bind,
// which succeeds.
import 'server-only';
import { Client, type Entry } from 'ldapts';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { groupNameFromDn, uniqueGroups } from '@/lib/models/directory/directory-identity.ts';
import { fillFilter } from '@/lib/models/directory/ldap-filter.ts';
import type { LdapSettings } from '@/lib/schemas/directory.ts';
import { explainLdapError } from './explain-directory-error.ts';

const TIMEOUT_MS = 5_000;

export type LdapUser = { dn: string; username: string; displayName: string | null; groups: string[] };

const whereOf = (settings: LdapSettings) => {
  const url = new URL(settings.url);
  return `${url.hostname}:${url.port || (url.protocol === 'ldaps:' ? 636 : 389)}`;
};

function tlsOptions(settings: LdapSettings) {
  const { hostname } = new URL(settings.url);
  const ip = /^[\d.]+$|:/.test(hostname);
  return { ...(settings.caCert ? { ca: [settings.caCert] } : {}), ...(ip ? {} : { servername: hostname }), minVersion: 'TLSv1.2' as const };
}

function fail(error: unknown, step: Parameters<typeof explainLdapError>[1], settings: LdapSettings): never {
  if (error instanceof AppError) throw error;
  const { field, said } = explainLdapError(error, step, whereOf(settings), TIMEOUT_MS / 1000);
  throw new AppError('PRECONDITION', said, { fieldErrors: { [field]: [issueText(said.key, said.values)] }, cause: error });
}

/** A connection, with TLS as the settings say, not yet bound. */
async function connect(settings: LdapSettings): Promise<Client> {
  // ldapts speaks TLS from the first byte whenever it is given tlsOptions: only for ldaps://.
  const ldaps = settings.url.startsWith('ldaps:');
  const client = new Client({ url: settings.url, timeout: TIMEOUT_MS, connectTimeout: TIMEOUT_MS, ...(ldaps ? { tlsOptions: tlsOptions(settings) } : {}) });
  if (!settings.startTls) return client;
  try {
    await client.startTLS(tlsOptions(settings));
  } catch (error) {
    await client.unbind().catch(() => {});
    fail(error, 'starttls', settings);
  }
  return client;
}

/** Runs `work` on a connection bound as the service account, then closes it. */
export async function withServiceBind<T>(settings: LdapSettings, bindPassword: string, work: (client: Client) => Promise<T>): Promise<T> {
  if (!bindPassword) throw new AppError('PRECONDITION', msg('directory.errors.bindPassword'), { fieldErrors: { bindPassword: [issueText('directory.errors.bindPassword')] } });
  const client = await connect(settings);
  try {
    try {
      await client.bind(settings.bindDn, bindPassword);
    } catch (error) {
      fail(error, 'bind', settings);
    }
    return await work(client);
  } finally {
    await client.unbind().catch(() => {});
  }
}

const first = (entry: Entry, attribute: string): string | null => {
  const value = Object.entries(entry).find(([key]) => key.toLowerCase() === attribute.toLowerCase())?.[1];
  const one = Array.isArray(value) ? value[0] : value;
  return one === undefined || one === null ? null : Buffer.isBuffer(one) ? one.toString('utf8') : String(one);
};
const all = (entry: Entry, attribute: string): string[] => {
  const value = Object.entries(entry).find(([key]) => key.toLowerCase() === attribute.toLowerCase())?.[1];
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.map((v) => (Buffer.isBuffer(v) ? v.toString('utf8') : String(v)));
};

/** The one user the filter finds for `username`, with their groups; null when none or several match. */
export async function findLdapUser(client: Client, settings: LdapSettings, username: string): Promise<LdapUser | null> {
  let entries: Entry[];
  try {
    ({ searchEntries: entries } = await client.search(settings.userBase, {
      scope: 'sub',
      filter: fillFilter(settings.userFilter, { username }),
      attributes: [settings.usernameAttribute, settings.displayNameAttribute, 'memberOf'],
      sizeLimit: 2,
    }));
  } catch (error) {
    if ((error as { code?: unknown }).code === 4) return null; // more than one entry: ambiguous, never guess
    fail(error, 'search-users', settings);
  }
  if (entries.length !== 1) return null;
  const entry = entries[0]!;
  return { dn: entry.dn, username: first(entry, settings.usernameAttribute) ?? username, displayName: first(entry, settings.displayNameAttribute), groups: await groupsOf(client, settings, entry, username) };
}

async function groupsOf(client: Client, settings: LdapSettings, entry: Entry, username: string): Promise<string[]> {
  if (settings.groupMode === 'memberOf') {
    return uniqueGroups(all(entry, 'memberOf').map((dn) => groupNameFromDn(dn, settings.groupAttribute)));
  }
  try {
    const { searchEntries } = await client.search(settings.groupBase, {
      scope: 'sub',
      filter: fillFilter(settings.groupFilter, { dn: entry.dn, username }),
      attributes: [settings.groupAttribute],
      sizeLimit: 500,
    });
    return uniqueGroups(searchEntries.flatMap((group) => all(group, settings.groupAttribute)));
  } catch (error) {
    fail(error, 'search-groups', settings);
  }
}

/** Whether `password` is the user's: a bind as their DN on a connection of its own. */
export async function passwordMatches(settings: LdapSettings, dn: string, password: string): Promise<boolean> {
  if (password.length === 0) return false;
  const client = await connect(settings);
  try {
    await client.bind(dn, password);
    return true;
  } catch (error) {
    if ((error as { code?: unknown }).code === 49) return false;
    fail(error, 'bind', settings);
  } finally {
    await client.unbind().catch(() => {});
  }
}

/** The test before saving: TLS, the service bind, the user base searchable, and the group base when groups are searched. */
export async function checkLdapSettings(settings: LdapSettings, bindPassword: string): Promise<void> {
  await withServiceBind(settings, bindPassword, async (client) => {
    try {
      await client.search(settings.userBase, { scope: 'base', filter: '(objectClass=*)', attributes: ['1.1'] });
    } catch (error) {
      fail(error, 'search-users', settings);
    }
    if (settings.groupMode !== 'search') return;
    try {
      await client.search(settings.groupBase, { scope: 'base', filter: '(objectClass=*)', attributes: ['1.1'] });
    } catch (error) {
      fail(error, 'search-groups', settings);
    }
  });
}
