import { describe, expect, it } from 'vitest';
import { initialSteadyState, NO_QUORUM_GRACE_MS, observeRead, overviewToShow } from './steady-overview.ts';

type Read = { health: 'ok' | 'no-quorum'; n: number };
const ok = (n: number): Read => ({ health: 'ok', n });
const lost = (n: number): Read => ({ health: 'no-quorum', n });

describe('steady swarm overview', () => {
  it('shows good reads as they come', () => {
    let state = initialSteadyState<Read>();
    state = observeRead(state, ok(1), 0);
    expect(overviewToShow(state, ok(1), 0)).toEqual({ shown: ok(1), holdingSince: null });
  });

  it('holds the last good read through a short no-quorum spell, then recovers', () => {
    let state = observeRead(initialSteadyState<Read>(), ok(1), 0);
    state = observeRead(state, lost(2), 5_000);
    expect(overviewToShow(state, lost(2), 5_000)).toEqual({ shown: ok(1), holdingSince: 5_000 });
    state = observeRead(state, lost(3), 10_000);
    expect(overviewToShow(state, lost(3), 10_000)).toEqual({ shown: ok(1), holdingSince: 5_000 });
    state = observeRead(state, ok(4), 12_000);
    expect(overviewToShow(state, ok(4), 12_000)).toEqual({ shown: ok(4), holdingSince: null });
    expect(state.noQuorumSince).toBeNull();
  });

  it('shows the quorum-lost read once the spell outlasts the grace period', () => {
    let state = observeRead(initialSteadyState<Read>(), ok(1), 0);
    state = observeRead(state, lost(2), 1_000);
    state = observeRead(state, lost(3), 1_000 + NO_QUORUM_GRACE_MS);
    expect(overviewToShow(state, lost(3), 1_000 + NO_QUORUM_GRACE_MS)).toEqual({ shown: lost(3), holdingSince: null });
  });

  it('shows a no-quorum read at once when there was never a good one', () => {
    const state = observeRead(initialSteadyState<Read>(), lost(1), 0);
    expect(overviewToShow(state, lost(1), 0)).toEqual({ shown: lost(1), holdingSince: null });
  });
});
