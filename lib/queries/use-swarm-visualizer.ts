'use client';
// The visualizer's columns (nodes) and cards (tasks), polled like the overview.
import { useQuery } from '@tanstack/react-query';
import type { VisualizerData } from '@/lib/services/swarms/read-swarm.ts';
import { fetchJson } from './fetch-json.ts';
import { queryKeys } from './keys.ts';
import { DRAIN_POLL_MS, NORMAL_POLL_MS } from './use-swarm-overview.ts';

const draining = (data: VisualizerData | undefined) =>
  !!data?.columns.some((c) => c.availability === 'drain' && c.cards.some((card) => card.tone === 'running' || card.tone === 'stopping'));

export function useSwarmVisualizer(swarmId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.swarmVisualizer(swarmId),
    queryFn: ({ signal }) => fetchJson<VisualizerData>(`/api/swarms/${encodeURIComponent(swarmId)}/visualizer`, signal),
    refetchInterval: (query) => (draining(query.state.data) ? DRAIN_POLL_MS : NORMAL_POLL_MS),
    retry: 0,
    enabled,
  });
}
