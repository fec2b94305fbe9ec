// LDAP sign-in: the same throttle and audit as a Wharf password (the attempt is counted before the
// password is checked), then the service account finds the user by the user filter and the
// password is checked by binding as them (StartTLS as configured). A wrong password, an unknown
// user and an ambiguous name get the same answer as a wrong Wharf password. A directory that
// cannot be reached is said so in a sentence (the detail goes to the audit log and the server log).
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { recordAudit } from '@/lib/audit/record-audit.ts';
import { PASSWORD_MAX } from '@/lib/auth/password-policy.ts';
import { markSucceeded, reserveAttempt } from '@/lib/auth/throttle.ts';
import { wharfUsername } from '@/lib/models/directory/directory-identity.ts';
import type { ServiceDeps } from '../deps.ts';
import { SignInThrottled, WRONG_CREDENTIALS } from '../users/sign-in-with-password.ts';
import { completeDirectorySignIn, type DirectorySignedIn, type SignInRequest } from './complete-directory-sign-in.ts';
import { readLdapConfig } from './directory-config.ts';
import { findLdapUser, passwordMatches, withServiceBind } from './ldap-directory.ts';
import { log } from '@/lib/observability/logger.ts';

export const LDAP_UNREACHABLE = 'The LDAP directory cannot be reached right now, so Wharf cannot check your password. Try again shortly; if it persists, tell an administrator.';
export const LDAP_NOT_SET_UP = 'LDAP sign-in is not set up on this Wharf.';

export async function signInWithLdap(
  deps: Pick<ServiceDeps, 'db' | 'keyring' | 'changes' | 'sessionHours'>,
  input: { username: string; password: string } & SignInRequest,
): Promise<DirectorySignedIn> {
  const { db } = deps;
  const username = String(input.username ?? '').trim().slice(0, 100);
  const password = String(input.password ?? '');
  const subject = { id: null, name: username.toLowerCase() || '(empty)', ip: input.ip };
  const config = await readLdapConfig(deps);
  if (!config) throw new AppError('PRECONDITION', LDAP_NOT_SET_UP);

  const attempt = await reserveAttempt(db, username.toLowerCase(), input.ip ?? 'unknown');
  if (!attempt.allowed) {
    await recordAudit(db, { subject, action: 'auth.sign-in', result: 'denied', message: 'ldap: throttled' });
    throw new SignInThrottled(attempt.retryAfterSeconds);
  }
  const wrong = async (why: string): Promise<never> => {
    await recordAudit(db, { subject, action: 'auth.sign-in', result: 'denied', message: `ldap: ${WRONG_CREDENTIALS} (${why})` });
    throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  };
  // An empty password would be an anonymous bind, which LDAP servers accept.
  if (!username || password.length === 0 || password.length > PASSWORD_MAX) return wrong('empty or overlong input');

  let found;
  let matches: boolean;
  try {
    found = await withServiceBind(config.settings, config.bindPassword, (client) => findLdapUser(client, config.settings, username));
    // An unknown name costs a bind too (to a DN that does not exist), so it answers in about the same time.
    matches = await passwordMatches(config.settings, found?.dn ?? `cn=wharf-no-such-user,${config.settings.userBase}`, password);
  } catch (error) {
    const detail = error instanceof AppError ? error.message : String(error);
    log('auth').error({ detail }, 'LDAP sign-in could not reach the directory');
    await recordAudit(db, { subject, action: 'auth.sign-in', result: 'denied', message: `ldap: directory unreachable: ${detail}`.slice(0, 500) });
    throw new AppError('PRECONDITION', LDAP_UNREACHABLE, { cause: error });
  }
  if (!found) return wrong('no such user');
  if (!matches) return wrong('wrong password');

  const signedIn = await completeDirectorySignIn(
    deps,
    { source: 'ldap', directoryId: found.dn, username: wharfUsername(found.username), claimedName: found.username, displayName: found.displayName, groups: found.groups },
    input,
  );
  await markSucceeded(db, attempt.attemptId);
  return signedIn;
}
