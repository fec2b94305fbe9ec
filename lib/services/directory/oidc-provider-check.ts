// Reaching an OpenID Connect provider: its discovery document (checked: the issuer it names is the
// one configured, the endpoints Wharf needs are there, S256 PKCE is offered when it lists methods),
// and whether it accepts Wharf's client id and secret (a token request with a code that cannot
// exist: a provider authenticates the client first, so "invalid_client" means the credentials
// and "invalid_grant" means they were accepted). Failures name the field they concern.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import type { OidcSettings } from '@/lib/schemas/directory.ts';
import { explainTransport } from './explain-directory-error.ts';

const TIMEOUT_MS = 5_000;

export type OidcDiscovery = { issuer: string; authorization_endpoint: string; token_endpoint: string; jwks_uri: string; userinfo_endpoint?: string; code_challenge_methods_supported?: string[] };

const refuse = (field: string, message: string, cause?: unknown): never => {
  throw new AppError('PRECONDITION', message, { fieldErrors: { [field]: [message] }, cause });
};

const whereOf = (url: string) => {
  const u = new URL(url);
  return u.host;
};

/** The provider's discovery document, checked. The sentence of a failure says what was wrong. */
export async function discoverOidcProvider(issuerUrl: string): Promise<OidcDiscovery> {
  const url = `${issuerUrl}/.well-known/openid-configuration`;
  let response: Response;
  try {
    response = await fetch(url, { redirect: 'error', signal: AbortSignal.timeout(TIMEOUT_MS), headers: { accept: 'application/json' } });
  } catch (error) {
    const why = explainTransport(error, whereOf(issuerUrl), TIMEOUT_MS / 1000) ?? `Could not fetch ${url}.`;
    return refuse('issuerUrl', `The OpenID Connect provider cannot be reached: ${why}`, error);
  }
  if (!response.ok) return refuse('issuerUrl', `The provider answered HTTP ${response.status} for its discovery document (${url}): check the issuer URL.`);
  const document = (await response.json().catch(() => null)) as Partial<OidcDiscovery> | null;
  if (!document || typeof document !== 'object') return refuse('issuerUrl', `${url} is not a discovery document (not JSON).`);
  if (document.issuer !== issuerUrl) return refuse('issuerUrl', `The provider says its issuer is "${String(document.issuer)}", not "${issuerUrl}": enter exactly the issuer it names.`);
  for (const key of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
    if (typeof document[key] !== 'string') return refuse('issuerUrl', `The provider's discovery document has no ${key}.`);
  }
  const methods = document.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes('S256')) return refuse('issuerUrl', 'The provider does not offer PKCE with S256, which Wharf requires.');
  return document as OidcDiscovery;
}

/** Form-encoding of a client id or secret in HTTP Basic, as RFC 6749 §2.3.1 says. */
const formEncode = (value: string) => encodeURIComponent(value).replace(/%20/g, '+');

/** Whether the token endpoint accepts the client id and secret. */
export async function checkOidcClient(discovery: OidcDiscovery, settings: Pick<OidcSettings, 'clientId'>, clientSecret: string): Promise<void> {
  let response: Response;
  try {
    response = await fetch(discovery.token_endpoint, {
      method: 'POST',
      redirect: 'error',
      signal: AbortSignal.timeout(TIMEOUT_MS),
      headers: {
        'content-type': 'application/x-www-form-urlencoded',
        accept: 'application/json',
        authorization: `Basic ${Buffer.from(`${formEncode(settings.clientId)}:${formEncode(clientSecret)}`).toString('base64')}`,
      },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'wharf-connection-check', code_verifier: 'wharf-connection-check-wharf-connection-check-0' }),
    });
  } catch (error) {
    const why = explainTransport(error, whereOf(discovery.token_endpoint), TIMEOUT_MS / 1000) ?? 'no answer.';
    return refuse('issuerUrl', `The provider's token endpoint cannot be reached: ${why}`, error);
  }
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  if (body.error === 'invalid_client' || response.status === 401) return refuse('clientSecret', 'The provider does not accept this client id and secret.');
  if (body.error === 'unauthorized_client') return refuse('clientId', 'The provider does not let this client use the authorization code flow.');
}
