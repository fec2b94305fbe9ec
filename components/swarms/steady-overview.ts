// During a manager election a single read can come back as "no quorum" although the swarm is
// fine a second later. Swapping the whole page for the quorum-lost view on such a read unmounts
// the nodes table and any dialog the user has open. So a no-quorum read that follows a good one
// is held back for a grace period (the last good read stays, marked as such); if the swarm still
// has no quorum after it, the quorum-lost view is shown. Pure.

export const NO_QUORUM_GRACE_MS = 10_000;

export type Health = { health: 'ok' | 'no-quorum' };

export type SteadyState<T extends Health> = {
  /** The last read with a quorum. */
  lastOk: T | null;
  /** When the current run of no-quorum reads began (ms), or null while reads are good. */
  noQuorumSince: number | null;
};

export const initialSteadyState = <T extends Health>(): SteadyState<T> => ({ lastOk: null, noQuorumSince: null });

/** Folds a new read (made at `at`) into the state. */
export function observeRead<T extends Health>(state: SteadyState<T>, read: T, at: number): SteadyState<T> {
  if (read.health === 'ok') return { lastOk: read, noQuorumSince: null };
  return { lastOk: state.lastOk, noQuorumSince: state.noQuorumSince ?? at };
}

/** What to show at `now` (wall-clock ms; the caller re-renders when the grace period ends): the read itself, or the last good one while a no-quorum run is younger than the grace period. */
export function overviewToShow<T extends Health>(state: SteadyState<T>, read: T, now: number, graceMs = NO_QUORUM_GRACE_MS): { shown: T; holdingSince: number | null } {
  if (read.health === 'ok' || !state.lastOk || state.noQuorumSince === null) return { shown: read, holdingSince: null };
  if (now - state.noQuorumSince >= graceMs) return { shown: read, holdingSince: null };
  return { shown: state.lastOk, holdingSince: state.noQuorumSince };
}
