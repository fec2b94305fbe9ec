// Checks a username and password, throttled, and opens a session. Every failure looks the same
// from outside: unknown user, wrong password and disabled account give one message.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { recordAudit } from '@/lib/audit/record-audit.ts';
import { verifyPassword } from '@/lib/auth/password.ts';
import { PASSWORD_MAX } from '@/lib/auth/password-policy.ts';
import { createSession } from '@/lib/auth/session-store.ts';
import { checkThrottle, recordAttempt } from '@/lib/auth/throttle.ts';
import type { ServiceDeps } from '../deps.ts';

export type SignInInput = { username: string; password: string; ip: string | null; userAgent: string | null };
export type SignedIn = { userId: string; username: string; token: string; expiresAt: Date };

export const WRONG_CREDENTIALS = 'Wrong username or password.';

export async function signInWithPassword(deps: Pick<ServiceDeps, 'db' | 'sessionHours'>, input: SignInInput): Promise<SignedIn> {
  const { db } = deps;
  const username = String(input.username ?? '').trim().toLowerCase().slice(0, 100);
  const password = String(input.password ?? '');
  const ip = input.ip ?? 'unknown';
  const subject = { id: null, name: username || '(empty)', ip: input.ip };

  const throttle = await checkThrottle(db, username, ip);
  if (!throttle.allowed) {
    const minutes = Math.max(1, Math.ceil(throttle.retryAfterSeconds / 60));
    await recordAudit(db, { subject, action: 'auth.sign-in', result: 'denied', message: 'Throttled' });
    throw new AppError('RATE_LIMITED', `Too many sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`);
  }

  const user = username && password.length <= PASSWORD_MAX ? await db.user.findUnique({ where: { username } }) : null;
  const passwordOk = await verifyPassword(user?.passwordHash ?? null, password.slice(0, PASSWORD_MAX));
  if (!user || !passwordOk || user.disabled) {
    await recordAttempt(db, username, ip, false);
    await recordAudit(db, { subject, action: 'auth.sign-in', result: 'denied', message: WRONG_CREDENTIALS });
    throw new AppError('UNAUTHENTICATED', WRONG_CREDENTIALS);
  }

  await recordAttempt(db, username, ip, true);
  const session = await createSession(db, user.id, { hours: deps.sessionHours, ip: input.ip, userAgent: input.userAgent });
  await db.user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  await recordAudit(db, { subject: { ...subject, id: user.id }, action: 'auth.sign-in', target: { type: 'user', id: user.id, name: user.username }, result: 'succeeded' });
  return { userId: user.id, username: user.username, token: session.token, expiresAt: session.expiresAt };
}
