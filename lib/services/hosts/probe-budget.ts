// How many connection tests one user may run: a sliding window per user, in memory, owned by the
// runtime (one console process answers every request). Pure apart from the clock it is given.
import 'server-only';

export const PROBE_LIMIT = { perWindow: 10, windowMs: 60_000 } as const;

export type BudgetDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class ProbeBudget {
  private readonly used = new Map<string, number[]>();

  constructor(
    private readonly limit: { perWindow: number; windowMs: number } = PROBE_LIMIT,
    private readonly now: () => number = Date.now,
  ) {}

  /** Spends one probe of `userId`'s, or says when the oldest one in the window leaves it. */
  take(userId: string): BudgetDecision {
    const now = this.now();
    const recent = (this.used.get(userId) ?? []).filter((at) => at > now - this.limit.windowMs);
    if (recent.length >= this.limit.perWindow) {
      this.used.set(userId, recent);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0] + this.limit.windowMs - now) / 1000)) };
    }
    recent.push(now);
    this.used.set(userId, recent);
    for (const [user, times] of this.used) if (user !== userId && times.every((at) => at <= now - this.limit.windowMs)) this.used.delete(user);
    return { allowed: true };
  }
}
