// Amazon ECR's authorization tokens, read (pure): GetAuthorizationToken answers a base64 token of
// `AWS:<password>`, the moment it expires (12 hours on) and the registry it is good at (the proxy
// endpoint). The token is used as Basic credentials there, as `docker login` does with
// `aws ecr get-login-password`; it is asked for again some minutes before it expires.
/** An AWS region name: us-east-1, eu-central-2, cn-north-1, us-gov-west-1, ap-southeast-4. */
export const AWS_REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,2}$/;

/** An AWS access key id: AKIA… (long-term) or ASIA… (temporary), upper-case letters and digits. */
export const AWS_ACCESS_KEY_ID = /^[A-Z0-9]{16,128}$/;

/** A token is asked for again when less than this is left of it. */
export const ECR_REFRESH_MARGIN_MS = 15 * 60_000;

export type EcrLogin = { username: string; password: string; expiresAt: number; proxyEndpoint: URL };

/** The user name and password a token carries (null when it is not `user:password` in base64). */
export function decodeEcrToken(token: string): { username: string; password: string } | null {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(token)) return null;
  const text = Buffer.from(token, 'base64').toString('utf8');
  const colon = text.indexOf(':');
  if (colon <= 0 || colon === text.length - 1) return null;
  return { username: text.slice(0, colon), password: text.slice(colon + 1) };
}

/**
 * The login an authorizationData entry gives, or null when the answer lacks a part of it: a token
 * that decodes, an expiry, and an http(s) proxy endpoint with no path.
 */
export function ecrLoginOf(data: { authorizationToken?: string; expiresAt?: Date; proxyEndpoint?: string } | undefined): EcrLogin | null {
  if (!data?.authorizationToken || !data.expiresAt || !data.proxyEndpoint) return null;
  const credentials = decodeEcrToken(data.authorizationToken);
  if (!credentials) return null;
  let proxyEndpoint: URL;
  try {
    proxyEndpoint = new URL(data.proxyEndpoint);
  } catch {
    return null;
  }
  if (!['https:', 'http:'].includes(proxyEndpoint.protocol) || proxyEndpoint.pathname.replace(/\/+$/, '') !== '' || proxyEndpoint.username || proxyEndpoint.search) return null;
  const expiresAt = data.expiresAt.getTime();
  if (!Number.isFinite(expiresAt)) return null;
  return { ...credentials, expiresAt, proxyEndpoint };
}

/** Whether a login may still be used at `now` (not within the refresh margin of its expiry). */
export const ecrLoginFresh = (login: Pick<EcrLogin, 'expiresAt'>, now: number): boolean => login.expiresAt - now > ECR_REFRESH_MARGIN_MS;

/** The registry address a login is good at, as image references name it (host[:port]). */
export const ecrAddress = (login: Pick<EcrLogin, 'proxyEndpoint'>): string => login.proxyEndpoint.host.toLowerCase();
