// A signed-in user changes their own password. The current password is required (a session left
// open on a shared machine is not enough), and guesses at it are throttled like sign-in attempts
// (the same LoginAttempt rows, by username and address). The new password follows the policy of
// lib/auth/password-policy.ts. Every other session of the user ends; this one stays. Accounts kept
// by a directory have no Wharf password: their password is changed in the directory.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { issueText, msg } from '@/lib/i18n/message.ts';
import { audited, recordAudit } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import { hashPassword, verifyPassword } from '@/lib/auth/password.ts';
import { markSucceeded, reserveAttempt, throttled } from '@/lib/auth/throttle.ts';
import type { ChangeOwnPasswordInput } from '@/lib/schemas/users.ts';
import type { ServiceDeps } from '../deps.ts';

export const WRONG_CURRENT_PASSWORD = 'That is not your current password.';

export async function changeOwnPassword(deps: Pick<ServiceDeps, 'db' | 'changes'>, actor: Actor, input: ChangeOwnPasswordInput): Promise<void> {
  const { db } = deps;
  const target = { type: 'user', id: actor.id, name: actor.username };
  const user = await db.user.findUnique({ where: { id: actor.id } });
  if (!user) throw new AppError('UNAUTHENTICATED', msg('users.errors.sessionEnded'));
  if (user.source !== 'local') {
    throw new AppError('PRECONDITION', msg('users.errors.keptByDirectory', { source: user.source }));
  }

  const attempt = await reserveAttempt(db, user.username, actor.ip ?? 'unknown');
  if (!attempt.allowed) {
    await recordAudit(db, { subject: subjectOf(actor), action: 'user.change-own-password', target, result: 'denied', message: 'Throttled' });
    throw new AppError('RATE_LIMITED', throttled(attempt.retryAfterSeconds));
  }
  if (!(await verifyPassword(user.passwordHash, input.currentPassword))) {
    await recordAudit(db, { subject: subjectOf(actor), action: 'user.change-own-password', target, result: 'denied', message: WRONG_CURRENT_PASSWORD });
    throw new AppError('UNAUTHENTICATED', msg('users.errors.wrongCurrentPassword'), { fieldErrors: { currentPassword: [issueText('users.errors.wrongCurrentPassword')] } });
  }
  await markSucceeded(db, attempt.attemptId);

  const passwordHash = await hashPassword(input.password);
  await audited(db, subjectOf(actor), 'user.change-own-password', target, async () => {
    await db.$transaction([
      db.user.update({ where: { id: actor.id }, data: { passwordHash, passwordChangedAt: new Date() } }),
      // Whoever else is signed in as this user (another browser, a stolen cookie) is signed out.
      db.session.deleteMany({ where: { userId: actor.id, id: { not: actor.sessionId } } }),
    ]);
  });
  // Open sockets of the ended sessions are cut off at once.
  deps.changes.publish({ type: 'user.access-changed', userId: actor.id });
}
