'use client';
// Sends a planned node change and reports it: success and the guard's warnings as toasts, the
// swarm's views refreshed at once (not waiting for the engine's events).
import { useQueryClient } from '@tanstack/react-query';
import { toast } from 'sonner';
import { leaveSwarmAction, removeNodeAction, updateNodeAction } from '@/lib/actions/swarms.ts';
import { queryKeys } from '@/lib/queries/keys.ts';
import { describeError } from './format.ts';
import type { ChangePlan } from './node-change.ts';
import { useSay } from './use-say.ts';

export function useRefreshSwarm() {
  const queryClient = useQueryClient();
  return async (options: { hosts?: boolean } = {}) => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: queryKeys.swarmList }),
      ...(options.hosts ? [queryClient.invalidateQueries({ queryKey: queryKeys.hostList })] : []),
    ]);
  };
}

export function useNodeCall(swarmId: string) {
  const refresh = useRefreshSwarm();
  const say = useSay();
  /** Returns the error message, or null when the change was made. */
  return async (nodeId: string, plan: ChangePlan, force: boolean): Promise<string | null> => {
    const { call } = plan;
    const result =
      call.action === 'update'
        ? await updateNodeAction({ swarmId, nodeId, change: call.change, force })
        : call.action === 'remove'
          ? await removeNodeAction({ swarmId, nodeId, force })
          : await leaveSwarmAction({ hostId: call.hostId, force });
    if (!result.ok) {
      const message = describeError(result.error);
      toast.error(message);
      return message;
    }
    toast.success(plan.done);
    for (const warning of result.data.warnings) toast.warning(say(warning));
    await refresh({ hosts: call.action === 'leave' || (call.action === 'update' && call.change.kind === 'role') });
    return null;
  };
}
