'use client';
// Stacks on one swarm: the list, one stack's detail, and one revision's file. All live under
// ['swarms', swarmId, …], which the socket invalidates on service, task and object events; a slow
// poll covers nodes that are not registered hosts (they send Wharf no events).
import { useQuery } from '@tanstack/react-query';
import type { StackDetail, StackSummary } from '@/lib/services/stacks/read-stacks.ts';
import type { RevisionView } from '@/lib/services/stacks/stack-revisions.ts';
import type { StackDeployView } from '@/lib/services/stacks/read-stack-deploy.ts';
import { fetchJson } from './fetch-json.ts';
import { queryKeys } from './keys.ts';

const POLL_MS = 5000;
const base = (swarmId: string) => `/api/swarms/${encodeURIComponent(swarmId)}/stacks`;

export type StackList = { stacks: StackSummary[]; via: string };

export function useStackList(swarmId: string | null) {
  return useQuery({
    queryKey: queryKeys.stackList(swarmId ?? ''),
    queryFn: ({ signal }) => fetchJson<StackList>(base(swarmId!), signal),
    enabled: !!swarmId,
    refetchInterval: POLL_MS,
    retry: 0,
  });
}

export function useStack(swarmId: string, stackName: string) {
  return useQuery({
    queryKey: queryKeys.stack(swarmId, stackName),
    queryFn: ({ signal }) => fetchJson<StackDetail>(`${base(swarmId)}/${encodeURIComponent(stackName)}`, signal),
    refetchInterval: POLL_MS,
    retry: 0,
  });
}

/** The stack's deploy under way or interrupted (null: none): read every second while one runs. */
export function useStackDeploy(swarmId: string, stackName: string) {
  return useQuery({
    queryKey: queryKeys.stackDeploy(swarmId, stackName),
    queryFn: ({ signal }) => fetchJson<StackDeployView>(`${base(swarmId)}/${encodeURIComponent(stackName)}/deploy`, signal),
    refetchInterval: (query) => (query.state.data?.state === 'running' ? 1000 : POLL_MS),
    retry: 0,
  });
}

/** A revision never changes once written: read it once. */
export function useStackRevision(swarmId: string, stackName: string, revision: number | null) {
  return useQuery({
    queryKey: queryKeys.stackRevision(swarmId, stackName, revision ?? 0),
    queryFn: ({ signal }) => fetchJson<RevisionView>(`${base(swarmId)}/${encodeURIComponent(stackName)}/revisions/${revision}`, signal),
    enabled: revision !== null && revision > 0,
    staleTime: Infinity,
  });
}
