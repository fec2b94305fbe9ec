// Sign-in throttling. The policy is pure; the counts come from LoginAttempt rows, so limits
// survive restarts and the answer never depends on whether a username exists.
import 'server-only';
import type { Db } from '@/lib/db/client.ts';

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

export async function checkThrottle(db: Db, username: string, ip: string, now = new Date()): Promise<ThrottleDecision> {
  const since = new Date(now.getTime() - THROTTLE.windowMs);
  const lastSuccess = await db.loginAttempt.findFirst({
    where: { username, succeeded: true, createdAt: { gt: since } },
    orderBy: { createdAt: 'desc' },
    select: { createdAt: true },
  });
  const [byUsername, byIp] = await Promise.all([
    db.loginAttempt.findMany({
      where: { username, succeeded: false, createdAt: { gt: lastSuccess?.createdAt ?? since } },
      orderBy: { createdAt: 'desc' },
      take: THROTTLE.perUsername,
      select: { createdAt: true },
    }),
    db.loginAttempt.findMany({
      where: { ip, succeeded: false, createdAt: { gt: since } },
      orderBy: { createdAt: 'desc' },
      take: THROTTLE.perIp,
      select: { createdAt: true },
    }),
  ]);
  return decide({ byUsername: byUsername.map((r) => r.createdAt), byIp: byIp.map((r) => r.createdAt) }, now);
}

export async function recordAttempt(db: Db, username: string, ip: string, succeeded: boolean): Promise<void> {
  await db.loginAttempt.create({ data: { username: username.slice(0, 100), ip: ip.slice(0, 64), succeeded } });
}

export async function pruneAttempts(db: Db, now = new Date()): Promise<void> {
  await db.loginAttempt.deleteMany({ where: { createdAt: { lt: new Date(now.getTime() - 24 * 3600_000) } } });
}
