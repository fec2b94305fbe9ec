// Who keeps an account: Wharf itself, or a directory it signs users in through. Browser-safe.

export const USER_SOURCES = ['local', 'oidc', 'ldap'] as const;
export type UserSource = (typeof USER_SOURCES)[number];
export type DirectoryKind = Exclude<UserSource, 'local'>;
export const DIRECTORY_KINDS = ['oidc', 'ldap'] as const satisfies readonly DirectoryKind[];

export const isDirectoryKind = (value: string): value is DirectoryKind => (DIRECTORY_KINDS as readonly string[]).includes(value);

/** "the OpenID Connect provider", "the LDAP directory" or "Wharf", for sentences. */
export function directoryLabel(source: string): string {
  if (source === 'oidc') return 'your organisation\'s OpenID Connect provider';
  if (source === 'ldap') return 'your organisation\'s LDAP directory';
  return 'Wharf';
}

/** The short name of a source, for tables and badges. */
export function sourceName(source: string): string {
  return source === 'oidc' ? 'OpenID Connect' : source === 'ldap' ? 'LDAP' : 'Wharf';
}
