// Amazon ECR's key pair exchanged for what a registry login needs: GetAuthorizationToken (through
// the AWS SDK, which signs with Signature Version 4) gives a token of AWS:<password>, good at the
// account's registry (the proxy endpoint) for 12 hours. Logins are kept per region and key pair
// (the secret key's hash in the key, never the key) and asked for again before they expire
// (ECR_REFRESH_MARGIN_MS). A refusal is said on the part that failed: the access key id AWS does
// not know, the secret key (a signature that does not match), the region, or an API that cannot be
// reached. WHARF_ECR_API_URL points the SDK at another endpoint (the lab's stand-in).
import 'server-only';
import { createHash } from 'node:crypto';
import { ECRClient, GetAuthorizationTokenCommand } from '@aws-sdk/client-ecr';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg, type MessageKey, type MessageValues } from '@/lib/i18n/message.ts';
import { ecrLoginFresh, ecrLoginOf, type EcrLogin } from '@/lib/models/registries/ecr-token.ts';

export type EcrKeys = { region: string; accessKeyId: string; secretAccessKey: string };

/** How long one call to the ECR API may take (connecting, then answering). */
const CONNECT_TIMEOUT_MS = 5_000;
const REQUEST_TIMEOUT_MS = 10_000;

/** Where the ECR API answers for a region (WHARF_ECR_API_URL when set). */
export const ecrEndpoint = (region: string): string => process.env.WHARF_ECR_API_URL?.trim() || `https://api.ecr.${region}.amazonaws.com`;

type Kept = { login: Promise<EcrLogin>; expiresAt: number | null };
const STATE = Symbol.for('wharf.ecr-logins');
function keptOf(owner: object): Map<string, Kept> {
  const holder = owner as { [STATE]?: Map<string, Kept> };
  return (holder[STATE] ??= new Map());
}

const keyOf = (keys: EcrKeys) => createHash('sha256').update(`${keys.region}\0${keys.accessKeyId}\0${keys.secretAccessKey}`).digest('hex');

function refusal(key: MessageKey, values: MessageValues, field: 'username' | 'secret' | 'region' | null, cause: unknown): AppError {
  return new AppError('PRECONDITION', msg(key, values), { ...(field ? { fieldErrors: { [field]: [issueText(key, values)] } } : {}), cause });
}

/** The AppError for a failed GetAuthorizationToken, on the field it concerns. */
function explainEcrFailure(error: unknown, keys: EcrKeys): AppError {
  const e = error as { name?: string; message?: string; code?: string; $metadata?: { httpStatusCode?: number } };
  const detail = e.message || e.code || e.name || String(error);
  const status = e.$metadata?.httpStatusCode;
  const endpoint = ecrEndpoint(keys.region);
  if (status === undefined) return refusal('registryText.ecr.unreachable', { endpoint, detail }, 'region', error);
  if (e.name === 'UnrecognizedClientException') return refusal('registryText.ecr.unknownKey', { keyId: keys.accessKeyId }, 'username', error);
  if (e.name === 'InvalidSignatureException' && /region/i.test(detail)) return refusal('registryText.ecr.wrongRegion', { region: keys.region, detail }, 'region', error);
  if (e.name === 'InvalidSignatureException' || e.name === 'SignatureDoesNotMatch') return refusal('registryText.ecr.wrongSecret', { keyId: keys.accessKeyId }, 'secret', error);
  if (e.name === 'AccessDeniedException') return refusal('registryText.ecr.denied', { keyId: keys.accessKeyId, detail }, 'username', error);
  return refusal('registryText.ecr.refused', { endpoint, type: e.name ?? String(status), detail }, null, error);
}

async function askEcr(keys: EcrKeys): Promise<EcrLogin> {
  const client = new ECRClient({
    region: keys.region,
    endpoint: process.env.WHARF_ECR_API_URL?.trim() || undefined,
    credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
    maxAttempts: 2,
    requestHandler: { connectionTimeout: CONNECT_TIMEOUT_MS, requestTimeout: REQUEST_TIMEOUT_MS },
  });
  try {
    const answer = await client.send(new GetAuthorizationTokenCommand({})).catch((error: unknown) => {
      throw explainEcrFailure(error, keys);
    });
    const login = ecrLoginOf(answer.authorizationData?.[0]);
    if (!login) throw refusal('registryText.ecr.noToken', { endpoint: ecrEndpoint(keys.region) }, 'region', null);
    return login;
  } finally {
    client.destroy();
  }
}

/**
 * A login for these keys: the one kept while it is fresh, otherwise a new token. `owner` keeps the
 * logins (the runtime's service deps, so they live as long as the console). A failure is not kept.
 */
export async function ecrLogin(owner: object, keys: EcrKeys, now = Date.now()): Promise<EcrLogin> {
  const kept = keptOf(owner);
  const key = keyOf(keys);
  const have = kept.get(key);
  if (have && (have.expiresAt === null || ecrLoginFresh({ expiresAt: have.expiresAt }, now))) return have.login;
  const entry: Kept = { login: askEcr(keys), expiresAt: null };
  kept.set(key, entry);
  entry.login.then(
    (login) => {
      entry.expiresAt = login.expiresAt;
    },
    () => {
      if (kept.get(key) === entry) kept.delete(key);
    },
  );
  return entry.login;
}
