// What the stack page shows of a stack's git source (no token, only whether there is one), and
// when a source is due for its next check. Pure.

export type GitSourceView = {
  url: string;
  ref: string;
  composePath: string;
  hasToken: boolean;
  /** SSH: the deploy key's public half (to paste into the git host), the host key fingerprint required, and where it came from. */
  sshPublicKey: string | null;
  hostKey: string | null;
  hostKeyTrust: 'given' | 'first-use' | null;
  pollSeconds: number;
  paused: boolean;
  autoApply: boolean;
  /** The newest commit the last check found, and its compose file. */
  seenCommit: string | null;
  seenCompose: string | null;
  deployedCommit: string | null;
  /** The running revision: its number and compose file (what an apply is compared with). */
  deployedRevision: { number: number; composeText: string } | null;
  checkedAt: string | null;
  /** Why the last check or apply failed, in the reader's language. */
  lastError: string | null;
};

/** Whether a commit is waiting to be applied. */
export const hasNewCommit = (view: Pick<GitSourceView, 'seenCommit' | 'deployedCommit'>): boolean => view.seenCommit !== null && view.seenCommit !== view.deployedCommit;

/**
 * Whether a source is due: never checked, or its interval (stretched by up to `JITTER` of itself,
 * by `random` in [0, 1)) has passed since its last check. Sources checked at the same moment thus
 * drift apart instead of hitting their servers together.
 */
export const JITTER = 0.1;
export function dueForCheck(source: { paused: boolean; pollSeconds: number; checkedAt: Date | null }, now: Date, random: number): boolean {
  if (source.paused) return false;
  if (!source.checkedAt) return true;
  return now.getTime() - source.checkedAt.getTime() >= source.pollSeconds * 1000 * (1 + JITTER * random);
}

/**
 * When a source's next check is due: at once when never checked, otherwise its interval after
 * `from` (its last check), stretched by up to `JITTER` of itself as dueForCheck allows.
 */
export function nextCheckAt(source: { pollSeconds: number }, from: Date | null, now: Date, random: number): Date {
  if (!from) return now;
  return new Date(from.getTime() + source.pollSeconds * 1000 * (1 + JITTER * random));
}
