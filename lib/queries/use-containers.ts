'use client';
// Containers, images, volumes and networks. Everything of one host lives under ['hosts', hostId, …]
// (an engine event of that host refreshes it); the cross-host table under ['containers-all'],
// refreshed on any host's container event.
import { useQuery, type QueryClient } from '@tanstack/react-query';
import type { ContainerDetail, ContainerList } from '@/lib/models/containers/container-views.ts';
import { PULL_JOB_WAIT_MS } from '@/lib/schemas/containers.ts';
import type { PullJob } from '@/lib/services/containers/pull-image.ts';
import type { ResourcesAcrossHosts } from '@/lib/services/containers/list-resources.ts';
import type { ResourceKind } from '@/lib/services/containers/read-host-resources.ts';
import { fetchJson } from './fetch-json.ts';
import { queryKeys } from './keys.ts';

const host = (hostId: string) => `/api/hosts/${encodeURIComponent(hostId)}`;

/** Every visible host's containers, or one host's (?host=). */
export function useContainerList(hostId: string | null) {
  return useQuery({
    queryKey: hostId ? queryKeys.hostContainers(hostId) : queryKeys.containersAll,
    queryFn: ({ signal }) => fetchJson<ContainerList>(hostId ? `/api/containers?host=${encodeURIComponent(hostId)}` : '/api/containers', signal),
    // A host that did not answer sends no events either: look again now and then.
    refetchInterval: (query) => (query.state.data?.hosts.some((h) => !h.ok) ? 15_000 : false),
    retry: 0,
  });
}

export function useContainer(hostId: string, containerId: string) {
  return useQuery({
    queryKey: queryKeys.container(hostId, containerId),
    queryFn: ({ signal }) => fetchJson<ContainerDetail>(`${host(hostId)}/containers/${encodeURIComponent(containerId)}`, signal),
    retry: 0,
  });
}

/** Images, volumes or networks of every visible host, or one host's (?host=), each host's outcome beside them. */
export function useResources<K extends ResourceKind>(kind: K, hostId: string | null) {
  return useQuery({
    queryKey: hostId ? queryKeys.hostResources(hostId, kind) : queryKeys.resourcesAll(kind),
    queryFn: ({ signal }) => fetchJson<ResourcesAcrossHosts<K>>(`/api/resources/${kind}${hostId ? `?host=${encodeURIComponent(hostId)}` : ''}`, signal),
    // A host that did not answer sends no events either: look again now and then.
    refetchInterval: (query) => (query.state.data?.hosts.some((h) => !h.ok) ? 15_000 : false),
    retry: 0,
  });
}

/** One read of a pull job: waits up to PULL_JOB_WAIT_MS for the job's end (progress twice a second, the end when it comes). */
const readPullJob = (hostId: string, jobId: string, signal?: AbortSignal) => fetchJson<PullJob>(`${host(hostId)}/images/pulls/${encodeURIComponent(jobId)}?wait=${PULL_JOB_WAIT_MS}`, signal);

export function usePullJob(hostId: string, jobId: string | null) {
  return useQuery({
    queryKey: queryKeys.pullJob(hostId, jobId ?? ''),
    queryFn: ({ signal }) => readPullJob(hostId, jobId ?? '', signal),
    enabled: !!jobId,
    refetchInterval: (query) => (query.state.data && query.state.data.progress.state !== 'running' ? false : PULL_JOB_WAIT_MS),
    retry: 0,
  });
}

/** Reads a pull job until it has ended, through the cache its progress bar (usePullJob) reads too. */
export async function untilPullEnded(queryClient: QueryClient, hostId: string, jobId: string): Promise<PullJob> {
  for (;;) {
    const job = await queryClient.fetchQuery({ queryKey: queryKeys.pullJob(hostId, jobId), queryFn: ({ signal }) => readPullJob(hostId, jobId, signal), staleTime: 0, retry: 0 });
    if (job.progress.state !== 'running') return job;
  }
}
