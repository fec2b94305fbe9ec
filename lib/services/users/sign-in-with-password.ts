// Checks a username and password, throttled, and opens a session. Every failure looks the same
// from outside: unknown user, wrong password and disabled account give one message. The attempt
// is counted before its password is checked (reserveAttempt), so concurrent guesses past the
// limit are refused unevaluated; a refused one says when to try again (SignInThrottled). Accounts
// made by a directory have no Wharf password; while directory sign-in is required, only
// break-glass administrators may use theirs (told so only once their password was right).
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { msg } from '@/lib/i18n/message.ts';
import { recordAudit } from '@/lib/audit/record-audit.ts';
import { verifyPassword } from '@/lib/auth/password.ts';
import { PASSWORD_MAX } from '@/lib/auth/password-policy.ts';
import { createSession } from '@/lib/auth/session-store.ts';
import { markSucceeded, reserveAttempt, throttled } from '@/lib/auth/throttle.ts';
import type { ServiceDeps } from '../deps.ts';
import { isDirectoryRequired } from '../directory/directory-config.ts';

export type SignInInput = { username: string; password: string; ip: string | null; userAgent: string | null };
export type SignedIn = { userId: string; username: string; token: string; expiresAt: Date };

export const WRONG_CREDENTIALS = 'Wrong username or password.';
export const DIRECTORY_REQUIRED_MESSAGE = 'Sign in through your organisation\'s directory: Wharf passwords are kept only for break-glass administrators.';

/** A throttled attempt: answered HTTP 429 with Retry-After by the sign-in route. */
export class SignInThrottled extends AppError {
  constructor(readonly retryAfterSeconds: number) {
    super('RATE_LIMITED', throttled(retryAfterSeconds));
  }
}

export async function signInWithPassword(deps: Pick<ServiceDeps, 'db' | 'sessionHours'>, input: SignInInput): Promise<SignedIn> {
  const { db } = deps;
  const username = String(input.username ?? '').trim().toLowerCase().slice(0, 100);
  const password = String(input.password ?? '');
  const ip = input.ip ?? 'unknown';
  const subject = { id: null, name: username || '(empty)', ip: input.ip };

  const attempt = await reserveAttempt(db, username, ip);
  if (!attempt.allowed) {
    await recordAudit(db, { subject, action: 'auth.sign-in', result: 'denied', message: 'Throttled' });
    throw new SignInThrottled(attempt.retryAfterSeconds);
  }

  const found = username && password.length <= PASSWORD_MAX ? await db.user.findUnique({ where: { username } }) : null;
  // A directory's account has no Wharf password: it is checked like an unknown name (the same time, the same answer).
  const user = found?.source === 'local' ? found : null;
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password.slice(0, PASSWORD_MAX));
  if (!user || !passwordOk || user.disabled) {
    await recordAudit(db, { subject, action: 'auth.sign-in', result: 'denied', message: WRONG_CREDENTIALS });
    throw new AppError('UNAUTHENTICATED', msg('auth.signIn.wrongCredentials'));
  }

  await markSucceeded(db, attempt.attemptId);
  if (!user.breakGlass && (await isDirectoryRequired(deps))) {
    await recordAudit(db, { subject: { ...subject, id: user.id }, action: 'auth.sign-in', target: { type: 'user', id: user.id, name: user.username }, result: 'denied', message: 'Directory sign-in is required' });
    throw new AppError('FORBIDDEN', DIRECTORY_REQUIRED_MESSAGE);
  }
  const session = await createSession(db, user.id, { hours: deps.sessionHours, ip: input.ip, userAgent: input.userAgent });
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await recordAudit(db, { subject: { ...subject, id: user.id }, action: 'auth.sign-in', target: { type: 'user', id: user.id, name: user.username }, result: 'succeeded' });
  return { userId: user.id, username: user.username, token: session.token, expiresAt: session.expiresAt };
}
