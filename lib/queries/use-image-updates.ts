'use client';
// Whether the registry has a newer image for a host's containers or a swarm's services: asked
// after the list renders (never holding it), again every minute (the server keeps a registry's
// answer for that long), and right after an update is applied (the keys are invalidated).
import { useQuery } from '@tanstack/react-query';
import type { UpdateCheck } from '@/lib/models/registries/image-updates.ts';
import { fetchJson } from './fetch-json.ts';
import { queryKeys } from './keys.ts';

export const IMAGE_UPDATES_POLL_MS = 60_000;

export type UpdateChecks = Record<string, UpdateCheck>;

export function useHostImageUpdates(hostId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.imageUpdatesOfHost(hostId),
    queryFn: ({ signal }) => fetchJson<UpdateChecks>(`/api/hosts/${encodeURIComponent(hostId)}/image-updates`, signal),
    refetchInterval: IMAGE_UPDATES_POLL_MS,
    staleTime: 10_000,
    retry: 0,
    enabled,
  });
}

export function useSwarmImageUpdates(swarmId: string, enabled = true) {
  return useQuery({
    queryKey: queryKeys.imageUpdatesOfSwarm(swarmId),
    queryFn: ({ signal }) => fetchJson<UpdateChecks>(`/api/swarms/${encodeURIComponent(swarmId)}/image-updates`, signal),
    refetchInterval: IMAGE_UPDATES_POLL_MS,
    staleTime: 10_000,
    retry: 0,
    enabled,
  });
}
