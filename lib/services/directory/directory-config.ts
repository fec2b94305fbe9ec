// Directory settings as stored (DirectoryConfig): read and parsed again on every read (a row that
// no longer parses is treated as absent and logged), the secret opened only here and only for the
// server's own use. What the browser gets is the view: settings without the secret.
import 'server-only';
import { open } from '@/lib/crypto/secret-box.ts';
import type { DirectoryKind } from '@/lib/models/directory/directory-source.ts';
import type { DirectorySettingsView, SignInOptions } from '@/lib/models/directory/directory-view.ts';
import { ldapSettingsSchema, oidcSettingsSchema, type LdapSettings, type OidcSettings } from '@/lib/schemas/directory.ts';
import type { ServiceDeps } from '../deps.ts';
import { log } from '@/lib/observability/logger.ts';

export const directorySecretContext = (kind: string) => `directory:${kind}`;
export const DIRECTORY_REQUIRED_SETTING = 'auth.directory-required';

type Row = { kind: string; enabled: boolean; settings: unknown; secretSealed: string | null };

function parse<K extends DirectoryKind>(kind: K, row: Row | null): (K extends 'oidc' ? OidcSettings : LdapSettings) | null {
  if (!row) return null;
  const schema = kind === 'oidc' ? oidcSettingsSchema : ldapSettingsSchema;
  const parsed = schema.safeParse({ ...(row.settings as object), enabled: row.enabled });
  if (!parsed.success) {
    log('directory').error({ issues: parsed.error.issues }, `the stored ${kind} settings no longer parse; they are ignored until saved again`);
    return null;
  }
  return parsed.data as K extends 'oidc' ? OidcSettings : LdapSettings;
}

const readRow = (deps: Pick<ServiceDeps, 'db'>, kind: DirectoryKind) => deps.db.directoryConfig.findUnique({ where: { kind } });

/** The OIDC settings with the client secret, for signing in and testing. Null when none or disabled (unless `evenDisabled`). */
export async function readOidcConfig(deps: Pick<ServiceDeps, 'db' | 'keyring'>, options: { evenDisabled?: boolean } = {}): Promise<{ settings: OidcSettings; clientSecret: string } | null> {
  const row = await readRow(deps, 'oidc');
  const settings = parse('oidc', row);
  if (!settings || (!settings.enabled && !options.evenDisabled)) return null;
  return { settings, clientSecret: row!.secretSealed ? open(deps.keyring, row!.secretSealed, directorySecretContext('oidc')) : '' };
}

/** The LDAP settings with the bind password, for signing in and testing. Null when none or disabled (unless `evenDisabled`). */
export async function readLdapConfig(deps: Pick<ServiceDeps, 'db' | 'keyring'>, options: { evenDisabled?: boolean } = {}): Promise<{ settings: LdapSettings; bindPassword: string } | null> {
  const row = await readRow(deps, 'ldap');
  const settings = parse('ldap', row);
  if (!settings || (!settings.enabled && !options.evenDisabled)) return null;
  return { settings, bindPassword: row!.secretSealed ? open(deps.keyring, row!.secretSealed, directorySecretContext('ldap')) : '' };
}

export async function isDirectoryRequired(deps: Pick<ServiceDeps, 'db'>): Promise<boolean> {
  const row = await deps.db.setting.findUnique({ where: { key: DIRECTORY_REQUIRED_SETTING } });
  return (row?.value as { required?: unknown } | undefined)?.required === true;
}

/** What the sign-in page offers: a button per enabled provider, the LDAP path, and whether local sign-in is for break-glass administrators only. */
export async function readSignInOptions(deps: Pick<ServiceDeps, 'db'>): Promise<SignInOptions> {
  const [oidcRow, ldapRow, required] = await Promise.all([readRow(deps, 'oidc'), readRow(deps, 'ldap'), isDirectoryRequired(deps)]);
  const oidc = parse('oidc', oidcRow);
  const ldap = parse('ldap', ldapRow);
  return { oidc: oidc?.enabled ? { buttonLabel: oidc.buttonLabel } : null, ldap: !!ldap?.enabled, required };
}

/** Everything the directory settings page shows. No secret leaves: only whether one is saved. */
export async function readDirectorySettings(deps: Pick<ServiceDeps, 'db'>): Promise<DirectorySettingsView> {
  const [oidcRow, ldapRow, mappings, teams, required, administrators] = await Promise.all([
    readRow(deps, 'oidc'),
    readRow(deps, 'ldap'),
    deps.db.directoryGroupMapping.findMany({ include: { team: { select: { name: true } } }, orderBy: [{ source: 'asc' }, { groupName: 'asc' }] }),
    deps.db.team.findMany({ select: { id: true, name: true }, orderBy: { name: 'asc' } }),
    isDirectoryRequired(deps),
    deps.db.user.findMany({ where: { role: 'admin', source: 'local', disabled: false }, select: { id: true, username: true, breakGlass: true }, orderBy: { username: 'asc' } }),
  ]);
  const oidc = parse('oidc', oidcRow);
  const ldap = parse('ldap', ldapRow);
  return {
    oidc: oidc ? { ...withoutSecret(oidc, 'clientSecret'), hasSecret: !!oidcRow?.secretSealed } : null,
    ldap: ldap ? { ...withoutSecret(ldap, 'bindPassword'), hasSecret: !!ldapRow?.secretSealed } : null,
    mappings: mappings.map((m) => ({ id: m.id, source: m.source as 'oidc' | 'ldap', groupName: m.groupName, teamId: m.teamId, teamName: m.team.name })),
    teams,
    required,
    administrators,
  };
}

function withoutSecret<T extends object, K extends keyof T>(value: T, key: K): Omit<T, K> {
  const copy = { ...value };
  delete copy[key];
  return copy;
}
