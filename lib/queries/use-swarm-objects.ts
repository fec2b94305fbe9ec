'use client';
// A swarm's secrets, configs, overlay networks and node volumes. Engine events for those kinds
// refresh them (they live under ['swarms', swarmId]).
import { useQuery } from '@tanstack/react-query';
import type { NetworkRow, SwarmObjectRow } from '@/lib/services/swarm-services/swarm-objects.ts';
import type { SwarmVolumes } from '@/lib/services/swarm-services/volume-views.ts';
import { fetchJson } from './fetch-json.ts';
import { queryKeys } from './keys.ts';

type Kinds = { secrets: SwarmObjectRow[]; configs: SwarmObjectRow[]; networks: NetworkRow[]; volumes: SwarmVolumes };

export function useSwarmObjects<K extends keyof Kinds>(swarmId: string, kind: K) {
  return useQuery({
    queryKey: queryKeys.swarmObjects(swarmId, kind),
    queryFn: ({ signal }) => fetchJson<Kinds[K]>(`/api/swarms/${encodeURIComponent(swarmId)}/${kind}`, signal),
    // Volumes come from each node's engine; a node that is not a registered host sends no events.
    refetchInterval: 15_000,
    retry: 0,
  });
}
