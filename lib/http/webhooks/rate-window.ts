// Counts calls per key within a sliding window: a key that made `limit` calls within the last
// `windowMs` waits until the oldest leaves it. Kept in memory (a webhook's limit protects the
// engines, not a secret: the secret is 256 random bits). At most `maxKeys` keys are remembered;
// the least recently seen goes first. Pure apart from its own state; the caller gives the time.
import 'server-only';

export type RateDecision = { allowed: true } | { allowed: false; retryAfterSeconds: number };

export class RateWindow {
  private readonly hits = new Map<string, number[]>();

  constructor(
    readonly limit: number,
    readonly windowMs: number,
    private readonly maxKeys = 10_000,
  ) {}

  take(key: string, now: number): RateDecision {
    const recent = (this.hits.get(key) ?? []).filter((at) => at > now - this.windowMs);
    this.hits.delete(key);
    if (recent.length >= this.limit) {
      this.hits.set(key, recent);
      return { allowed: false, retryAfterSeconds: Math.max(1, Math.ceil((recent[0]! + this.windowMs - now) / 1000)) };
    }
    this.hits.set(key, [...recent, now]);
    if (this.hits.size > this.maxKeys) this.hits.delete(this.hits.keys().next().value!);
    return { allowed: true };
  }
}
