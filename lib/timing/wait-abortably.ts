// Waiting between attempts: sleeps that end at once when the work is cancelled, and growing delays
// (polling a cloud API, restarting the console's own Postgres).
import 'server-only';

/** The error a cancelled wait ends with: the signal's reason (the runner's AppError) when it is an Error. */
export function abortError(signal: AbortSignal): Error {
  return signal.reason instanceof Error ? signal.reason : new Error('Cancelled');
}

/** Resolves after ms, or rejects with the abort reason as soon as signal aborts. */
export function sleepAbortably(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(abortError(signal));
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortError(signal!));
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

export interface Backoff {
  initialMs: number;
  factor: number;
  maxMs: number;
}

export const POLL_BACKOFF: Backoff = { initialMs: 1_000, factor: 1.5, maxMs: 10_000 };

/** Delay before poll number `attempt` (1 = the first wait): initialMs, growing by factor, capped at maxMs. */
export function backoffDelayMs(attempt: number, backoff: Backoff = POLL_BACKOFF): number {
  const n = Math.max(1, Math.floor(attempt));
  return Math.min(backoff.maxMs, Math.round(backoff.initialMs * backoff.factor ** (n - 1)));
}
