// What the browser is shown of directory sign-in. Secrets never: only whether one is saved.
import type { LdapSettings, OidcSettings } from '@/lib/schemas/directory.ts';

export type OidcSettingsView = Omit<OidcSettings, 'clientSecret'> & { hasSecret: boolean };
export type LdapSettingsView = Omit<LdapSettings, 'bindPassword'> & { hasSecret: boolean };
export type GroupMappingView = { id: string; source: 'oidc' | 'ldap'; groupName: string; teamId: string; teamName: string };

export type DirectorySettingsView = {
  oidc: OidcSettingsView | null;
  ldap: LdapSettingsView | null;
  mappings: GroupMappingView[];
  teams: { id: string; name: string }[];
  /** Directory sign-in is required for everyone but break-glass administrators. */
  required: boolean;
  /** Local administrators, who may be marked break-glass. */
  administrators: { id: string; username: string; breakGlass: boolean }[];
};

/** What the sign-in page offers. */
export type SignInOptions = { oidc: { buttonLabel: string } | null; ldap: boolean; required: boolean };
