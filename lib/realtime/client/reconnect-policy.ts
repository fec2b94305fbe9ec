// When a browser socket tries again, and after how long: pure, so the browser's live updates, its
// stream views and the tests that play a browser follow one rule. socket.io's client retries a
// lost connection by itself, but not a refusal at the server's door (a middleware error) nor a
// disconnect the server made: those are decided here.
//
// The server refuses or drops a socket without ending the session when it cannot check the
// session (its database did not answer): it says so (`retry` on the refusal, `session:suspended`
// before a drop), and the socket tries again with growing delays until the database answers. A
// refusal for a missing or ended session, or a drop after `session:ended`, is final.

/** What the server attaches to a door refusal the client may retry. */
export type RefusalData = { retry?: boolean };

export const RETRY_FIRST_MS = 1_000;
export const RETRY_MAX_MS = 15_000;

/** Whether a refusal at the door (a connect_error the client will not retry itself) is worth trying again. */
export function retriesRefusal(error: { data?: unknown }): boolean {
  const data = error.data as RefusalData | undefined;
  return typeof data === 'object' && data !== null && data.retry === true;
}

/** Whether a disconnect should be followed by a connect of our own: the server dropped the socket
 * (socket.io does not retry that) and did not end the session. Other reasons socket.io retries itself. */
export function reconnectsAfterDrop(reason: string, sessionEnded: boolean): boolean {
  return reason === 'io server disconnect' && !sessionEnded;
}

/** The delay before try `attempt` (0 first): doubling from 1 s up to 15 s, with ±20 % jitter so a
 * console's browsers do not all come back in the same instant. */
export function retryDelayMs(attempt: number, random: () => number = Math.random): number {
  const base = Math.min(RETRY_MAX_MS, RETRY_FIRST_MS * 2 ** Math.max(0, Math.min(attempt, 10)));
  return Math.round(base * (0.8 + 0.4 * random()));
}
