'use client';
// One node of a swarm: readable and raw, with its tasks.
import { useQuery } from '@tanstack/react-query';
import type { NodeDetail } from '@/lib/services/swarms/read-swarm.ts';
import { fetchJson } from './fetch-json.ts';
import { queryKeys } from './keys.ts';
import { DRAIN_POLL_MS, NORMAL_POLL_MS } from './use-swarm-overview.ts';

export function useSwarmNode(swarmId: string, nodeId: string) {
  return useQuery({
    queryKey: queryKeys.swarmNode(swarmId, nodeId),
    queryFn: ({ signal }) => fetchJson<NodeDetail>(`/api/swarms/${encodeURIComponent(swarmId)}/nodes/${encodeURIComponent(nodeId)}`, signal),
    refetchInterval: (query) => {
      const data = query.state.data;
      const draining = data?.node.availability === 'drain' && data.tasks.some((t) => t.desiredState === 'running');
      return draining ? DRAIN_POLL_MS : NORMAL_POLL_MS;
    },
    retry: 0,
  });
}
