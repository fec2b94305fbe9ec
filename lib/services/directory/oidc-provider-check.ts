// Reaching an OpenID Connect provider: its discovery document (checked: the issuer it names is the
// one configured, the endpoints Wharf needs are there, S256 PKCE is offered when it lists methods),
// and whether it accepts Wharf's client id and secret (a token request with a code that cannot
// exist: a provider authenticates the client first, so "invalid_client" means the credentials
// and "invalid_grant" means they were accepted). Failures name the field they concern.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import type { OidcSettings } from '@/lib/schemas/directory.ts';
import { issueText, msg, type Message } from '@/lib/i18n/message.ts';
import { transportSaid } from './explain-directory-error.ts';

const TIMEOUT_MS = 5_000;

export type OidcDiscovery = { issuer: string; authorization_endpoint: string; token_endpoint: string; jwks_uri: string; userinfo_endpoint?: string; code_challenge_methods_supported?: string[] };

const refuse = (field: string, said: Message, cause?: unknown): never => {
  throw new AppError('PRECONDITION', said, { fieldErrors: { [field]: [issueText(said.key, said.values)] }, cause });
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
    const why = transportSaid(error, whereOf(issuerUrl), TIMEOUT_MS / 1000) ?? msg('directoryText.oidc.noFetch', { url });
    return refuse('issuerUrl', msg('directoryText.oidc.unreachable', { why }), error);
  }
  if (!response.ok) return refuse('issuerUrl', msg('directoryText.oidc.discoveryStatus', { status: String(response.status), url }));
  const document = (await response.json().catch(() => null)) as Partial<OidcDiscovery> | null;
  if (!document || typeof document !== 'object') return refuse('issuerUrl', msg('directoryText.oidc.notDiscovery', { url }));
  if (document.issuer !== issuerUrl) return refuse('issuerUrl', msg('directoryText.oidc.otherIssuer', { said: String(document.issuer), issuer: issuerUrl }));
  for (const key of ['authorization_endpoint', 'token_endpoint', 'jwks_uri'] as const) {
    if (typeof document[key] !== 'string') return refuse('issuerUrl', msg('directoryText.oidc.missingEndpoint', { key }));
  }
  const methods = document.code_challenge_methods_supported;
  if (Array.isArray(methods) && !methods.includes('S256')) return refuse('issuerUrl', msg('directoryText.oidc.noPkce'));
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
    const why = transportSaid(error, whereOf(discovery.token_endpoint), TIMEOUT_MS / 1000) ?? msg('directoryText.oidc.noAnswer');
    return refuse('issuerUrl', msg('directoryText.oidc.tokenUnreachable', { why }), error);
  }
  const body = (await response.json().catch(() => ({}))) as { error?: string };
  if (body.error === 'invalid_client' || response.status === 401) return refuse('clientSecret', msg('directoryText.oidc.badClient'));
  if (body.error === 'unauthorized_client') return refuse('clientId', msg('directoryText.oidc.noCodeFlow'));
}
