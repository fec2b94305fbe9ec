'use client';
// Running a container action from any view: the server action, a toast with its result, and a
// refresh of the views that show the container (engine events refresh them too).
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useState } from 'react';
import { toast } from 'sonner';
import { containerStateAction } from '@/lib/actions/containers.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import type { ContainerVerb } from '@/lib/models/containers/container-views.ts';

export type ContainerTarget = { hostId: string; id: string; name: string; hostName: string };

export function useRefreshContainers() {
  const queryClient = useQueryClient();
  return useCallback(
    async (hostId: string) => {
      await Promise.all([queryClient.invalidateQueries({ queryKey: queryKeys.hostContainers(hostId) }), queryClient.invalidateQueries({ queryKey: queryKeys.containersAll })]);
    },
    [queryClient],
  );
}

export function useContainerCommands() {
  const refresh = useRefreshContainers();
  const [busy, setBusy] = useState<ReadonlySet<string>>(new Set());
  const run = useCallback(
    async (verb: ContainerVerb, target: ContainerTarget) => {
      const key = `${target.hostId}/${target.id}`;
      setBusy((b) => new Set(b).add(key));
      try {
        const result = await containerStateAction({ hostId: target.hostId, containerId: target.id, verb });
        if (result.ok) toast.success(result.data.message);
        else toast.error(result.error.message);
        await refresh(target.hostId);
      } finally {
        setBusy((b) => {
          const next = new Set(b);
          next.delete(key);
          return next;
        });
      }
    },
    [refresh],
  );
  return { run, busy };
}
