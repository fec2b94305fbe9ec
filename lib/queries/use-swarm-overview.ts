'use client';
// One swarm's cluster, nodes and quorum. Polled as well as invalidated by engine events: nodes
// that are not registered hosts send Wharf no events, and a drain is followed closely.
import { useQuery } from '@tanstack/react-query';
import type { NoQuorumOverview, SwarmOverview } from '@/lib/services/swarms/read-swarm.ts';
import { fetchJson } from './fetch-json.ts';
import { queryKeys } from './keys.ts';

export type SwarmOverviewData = SwarmOverview | NoQuorumOverview;

export const NORMAL_POLL_MS = 5000;
export const DRAIN_POLL_MS = 1500;

/** A node being drained that still runs tasks: worth watching closely until it is empty. */
export const isDraining = (data: SwarmOverviewData | undefined): boolean =>
  data?.health === 'ok' && data.nodes.some((n) => n.availability === 'drain' && n.runningTasks > 0);

export function useSwarmOverview(swarmId: string) {
  return useQuery({
    queryKey: queryKeys.swarmOverview(swarmId),
    queryFn: ({ signal }) => fetchJson<SwarmOverviewData>(`/api/swarms/${encodeURIComponent(swarmId)}`, signal),
    refetchInterval: (query) => (isDraining(query.state.data) ? DRAIN_POLL_MS : NORMAL_POLL_MS),
    // A swarm that lost quorum answers with an error for a while: keep showing the last answer.
    retry: 0,
  });
}
