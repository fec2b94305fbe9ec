'use client';
// All hosts the user may see, kept live by the socket (lib/realtime/client).
import { useQuery } from '@tanstack/react-query';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import { fetchJson } from './fetch-json.ts';
import { queryKeys } from './keys.ts';

export function useHostList(initialData?: HostView[]) {
  return useQuery({
    queryKey: queryKeys.hostList,
    queryFn: ({ signal }) => fetchJson<HostView[]>('/api/hosts', signal),
    initialData,
  });
}
