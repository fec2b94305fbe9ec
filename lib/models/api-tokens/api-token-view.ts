// An API token as its owner's Account page lists it (never the token itself). Browser-safe.
export type ApiTokenView = {
  id: string;
  name: string;
  createdAt: string;
  expiresAt: string;
  lastUsedAt: string | null;
  lastUsedIp: string | null;
  /** "Your own rights", or the role and scope it is narrowed to. */
  rights: string;
};

/** What creating a token answers: the token, this once. */
export type CreatedApiToken = { id: string; name: string; token: string; expiresAt: string };
