'use client';
// One host's view, kept live by the socket.
import { useQuery } from '@tanstack/react-query';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import { fetchJson } from './fetch-json.ts';
import { queryKeys } from './keys.ts';

export function useHost(hostId: string, initialData?: HostView) {
  return useQuery({
    queryKey: queryKeys.hostDetail(hostId),
    queryFn: ({ signal }) => fetchJson<HostView>(`/api/hosts/${encodeURIComponent(hostId)}`, signal),
    initialData,
  });
}
