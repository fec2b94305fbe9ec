// OpenID Connect sign-in, after next-auth finished the authorization code flow (PKCE and state
// checked, the ID token verified against the provider's keys and issuer): the claims become a
// directory identity (issuer + subject, preferred_username, name, the configured group claim), with
// the same throttle and audit as other sign-ins.
import 'server-only';
import { recordAudit } from '@/lib/audit/record-audit.ts';
import { markSucceeded, reserveAttempt } from '@/lib/auth/throttle.ts';
import { groupsFromClaims, wharfUsername } from '@/lib/models/directory/directory-identity.ts';
import type { OidcSettings } from '@/lib/schemas/directory.ts';
import type { ServiceDeps } from '../deps.ts';
import { SignInThrottled } from '../users/sign-in-with-password.ts';
import { completeDirectorySignIn, type DirectorySignedIn, type SignInRequest } from './complete-directory-sign-in.ts';

export async function signInWithOidc(
  deps: Pick<ServiceDeps, 'db' | 'changes' | 'sessionHours'>,
  settings: Pick<OidcSettings, 'issuerUrl' | 'groupClaim'>,
  claims: Record<string, unknown>,
  request: SignInRequest,
): Promise<DirectorySignedIn> {
  const { db } = deps;
  const claimedName = String(claims.preferred_username ?? claims.email ?? claims.sub ?? '').slice(0, 100);
  const attempt = await reserveAttempt(db, claimedName.toLowerCase(), request.ip ?? 'unknown');
  if (!attempt.allowed) {
    await recordAudit(db, { subject: { id: null, name: claimedName || '(empty)', ip: request.ip }, action: 'auth.sign-in', result: 'denied', message: 'oidc: throttled' });
    throw new SignInThrottled(attempt.retryAfterSeconds);
  }
  const signedIn = await completeDirectorySignIn(
    deps,
    {
      source: 'oidc',
      directoryId: `${settings.issuerUrl}#${String(claims.sub)}`,
      username: wharfUsername(claims.preferred_username),
      claimedName,
      displayName: typeof claims.name === 'string' ? claims.name : null,
      groups: groupsFromClaims(claims, settings.groupClaim),
    },
    request,
  );
  await markSucceeded(db, attempt.attemptId);
  return signedIn;
}
