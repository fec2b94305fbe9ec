// An API token as its owner's Account page lists it (never the token itself). Browser-safe.
export type ApiTokenView = {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  /** The owner's own rights, the role and scope it is narrowed to, or nothing (its narrowing names a deleted role or an unknown scope). */
  rights: { kind: 'own' } | { kind: 'narrowed'; role: string; scope: string } | { kind: 'invalid' };
};

/** What creating a token answers: the token, this once. */
export type CreatedApiToken = { id: string; name: string; token: string; expiresAt: string };
