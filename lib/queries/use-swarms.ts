'use client';
// The swarms the user may see (from the facts of their registered managers).
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { SwarmSummary } from '@/lib/services/swarms/list-swarms.ts';
import { fetchJson } from './fetch-json.ts';
import { queryKeys } from './keys.ts';

export function useSwarms(initialData?: SwarmSummary[]) {
  return useQuery({
    queryKey: queryKeys.swarmList,
    queryFn: ({ signal }) => fetchJson<SwarmSummary[]>('/api/swarms', signal),
    initialData,
    // Manager hosts' facts drive this list; they change with host events, which the socket reports.
    refetchInterval: 15_000,
  });
}

/** Swarm names by id (the engine's cluster id), to name a swarm where a host's facts give its id. */
export function useSwarmNames(): ReadonlyMap<string, string> {
  const { data } = useSwarms();
  return useMemo(() => new Map((data ?? []).map((s) => [s.id, s.name])), [data]);
}
