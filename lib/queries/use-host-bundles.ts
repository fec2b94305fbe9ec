'use client';
// The docker CLI bundles issued for one provisioned host (never a key), for those who manage it.
import { useQuery } from '@tanstack/react-query';
import type { HostBundles } from '@/lib/services/hosts/lifecycle/read-cli-bundles.ts';
import { fetchJson } from './fetch-json.ts';
import { queryKeys } from './keys.ts';

export function useHostBundles(hostId: string) {
  return useQuery({
    queryKey: queryKeys.hostBundles(hostId),
    queryFn: ({ signal }) => fetchJson<HostBundles>(`/api/hosts/${encodeURIComponent(hostId)}/cli-bundles`, signal),
  });
}
