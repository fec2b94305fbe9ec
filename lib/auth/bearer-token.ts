// The shape of a Wharf API token and of the header that carries it. Pure: the door decides from
// this whether a request brought no token, a malformed one, or one worth looking up.
export const API_TOKEN_PREFIX = 'wharf_pat_';
const TOKEN_SHAPE = /^wharf_pat_[A-Za-z0-9_-]{43}$/;

export type BearerRead = { kind: 'none' } | { kind: 'malformed' } | { kind: 'token'; token: string };

export const isApiTokenShape = (value: string): boolean => TOKEN_SHAPE.test(value);

/** Reads `Authorization: Bearer <token>`; anything else in the header is malformed. */
export function readBearer(header: string | null | undefined): BearerRead {
  if (header == null || header === '') return { kind: 'none' };
  const match = /^Bearer +(\S+)\s*$/i.exec(header);
  if (!match || !isApiTokenShape(match[1])) return { kind: 'malformed' };
  return { kind: 'token', token: match[1] };
}
