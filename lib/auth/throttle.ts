// Sign-in throttling. The policy is pure; the counts come from LoginAttempt rows, so limits
// survive restarts and the answer never depends on whether a username exists. Deciding and
// recording are one step under a lock (reserveAttempt), so concurrent attempts cannot all pass.
import 'server-only';
import type { Db } from '@/lib/db/client.ts';
import { msg, type Message } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';

export const THROTTLE = {
  windowMs: 15 * 60_000,
  /** failures for one username, since its last success, within the window */
  perUsername: 5,
  /** failures from one address within the window */
  perIp: 30,
} as const;

export type ThrottleDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

/** `failures` are the times of counted failures, newest first. */
export function decide(failures: { byUsername: Date[]; byIp: Date[] }, now: Date): ThrottleDecision {
  const waits: number[] = [];
  const check = (times: Date[], limit: number) => {
    if (times.length < limit) return;
    // Locked until the limit-th newest failure leaves the window.
    const pivot = times[limit - 1];
    waits.push(pivot.getTime() + THROTTLE.windowMs - now.getTime());
  };
  check(failures.byUsername, THROTTLE.perUsername);
  check(failures.byIp, THROTTLE.perIp);
  const wait = Math.max(0, ...waits);
  return wait > 0 ? { allowed: false, retryAfterSeconds: Math.ceil(wait / 1000) } : { allowed: true };
}

/** Advisory lock classes (the first key of pg_advisory_xact_lock(int, int)): one lock per username, one per address. */
const LOCK_USERNAME = 0x57_48_01;
const LOCK_ADDRESS = 0x57_48_02;

export type Reservation = { allowed: true; attemptId: bigint } | { allowed: false; retryAfterSeconds: number };

/**
 * Decides whether an attempt may be evaluated and, when it may, records it as a failure in the
 * same transaction, under an advisory lock per username and per address (always taken in that
 * order). Concurrent attempts are therefore counted one after another: however many arrive at
 * once, no more than the limit are let through to have their password checked. The caller marks
 * the attempt as succeeded when the password was right (`markSucceeded`). Unknown usernames are
 * counted like known ones, so the answer never says whether a username exists.
 */
export async function reserveAttempt(db: Db, rawUsername: string, rawIp: string, clock: () => Date = () => new Date()): Promise<Reservation> {
  const username = rawUsername.slice(0, 100);
  const ip = rawIp.slice(0, 64);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_USERNAME}::int, hashtext(${username}))`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(${LOCK_ADDRESS}::int, hashtext(${ip}))`;
    // One clock for the decision and the row it writes, read once the locks are held.
    const now = clock();
    const since = new Date(now.getTime() - THROTTLE.windowMs);
    const lastSuccess = await tx.loginAttempt.findFirst({
      where: { username, succeeded: true, createdAt: { gt: since } },
      orderBy: { createdAt: 'desc' },
      select: { createdAt: true },
    });
    const [byUsername, byIp] = await Promise.all([
      tx.loginAttempt.findMany({
        where: { username, succeeded: false, createdAt: { gt: lastSuccess?.createdAt ?? since } },
        orderBy: { createdAt: 'desc' },
        take: THROTTLE.perUsername,
        select: { createdAt: true },
      }),
      tx.loginAttempt.findMany({
        where: { ip, succeeded: false, createdAt: { gt: since } },
        orderBy: { createdAt: 'desc' },
        take: THROTTLE.perIp,
        select: { createdAt: true },
      }),
    ]);
    const decision = decide({ byUsername: byUsername.map((r) => r.createdAt), byIp: byIp.map((r) => r.createdAt) }, now);
    if (!decision.allowed) return decision;
    const attempt = await tx.loginAttempt.create({ data: { username, ip, succeeded: false, createdAt: now }, select: { id: true } });
    return { allowed: true, attemptId: attempt.id };
  });
}

/** The reserved attempt had the right password: it ends the username's run of failures. */
export async function markSucceeded(db: Db, attemptId: bigint): Promise<void> {
  await db.loginAttempt.update({ where: { id: attemptId }, data: { succeeded: true } });
}

/** What the sign-in form shows when throttled: when to try again, never why (no username is confirmed). */
export function throttled(retryAfterSeconds: number): Message {
  return msg('users.errors.throttled', { minutes: Math.max(1, Math.ceil(retryAfterSeconds / 60)) });
}

/** The same in English (logs, and what tests compare). */
export const throttledMessage = (retryAfterSeconds: number): string => renderMessage(throttled(retryAfterSeconds));

export async function pruneAttempts(db: Db, now = new Date()): Promise<void> {
  await db.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 24 * 3600_000) } } });
}
