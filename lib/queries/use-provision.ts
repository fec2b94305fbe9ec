'use client';
// Provisioning runs, cloud accounts and DigitalOcean's catalogue. Runs are kept live by the socket
// ('provision:updated' invalidates their keys); while a run is under way a slow poll covers a
// socket that is down.
import { useQuery } from '@tanstack/react-query';
import type { CloudCredentialView } from '@/lib/services/hosts/cloud/cloud-credentials.ts';
import type { DigitalOceanImage, DigitalOceanRegion, DigitalOceanSize } from '@/lib/services/hosts/drivers/digitalocean/digitalocean-types.ts';
import type { ProvisionJobSummary, ProvisionJobView } from '@/lib/services/hosts/provision/provision-job-view.ts';
import { isActive } from '@/lib/models/hosts/provision-plan.ts';
import { fetchJson } from './fetch-json.ts';
import { queryKeys } from './keys.ts';

export const ACTIVE_RUN_POLL_MS = 3000;

export type DigitalOceanCatalogue = { regions: DigitalOceanRegion[]; sizes: DigitalOceanSize[]; images: DigitalOceanImage[] };

export function useProvisionJobs(initialData?: ProvisionJobSummary[]) {
  return useQuery({
    queryKey: queryKeys.provisionJobs,
    queryFn: ({ signal }) => fetchJson<ProvisionJobSummary[]>('/api/provision/jobs', signal),
    initialData,
    refetchInterval: (query) => (query.state.data?.some((job) => isActive(job.status)) ? ACTIVE_RUN_POLL_MS : false),
  });
}

export function useProvisionJob(jobId: string, initialData?: ProvisionJobView) {
  return useQuery({
    queryKey: queryKeys.provisionJob(jobId),
    queryFn: ({ signal }) => fetchJson<ProvisionJobView>(`/api/provision/jobs/${encodeURIComponent(jobId)}`, signal),
    initialData,
    // A clean-up runs while the run itself stays stopped: poll while any step is running too.
    refetchInterval: (query) => {
      const job = query.state.data;
      return job && (isActive(job.status) || job.steps.some((s) => s.status === 'running')) ? ACTIVE_RUN_POLL_MS : false;
    },
    retry: (count, error) => count < 1 && !('status' in error && (error as { status: number }).status === 404),
  });
}

export function useCloudCredentials(initialData?: CloudCredentialView[]) {
  return useQuery({
    queryKey: queryKeys.cloudCredentials,
    queryFn: ({ signal }) => fetchJson<CloudCredentialView[]>('/api/cloud/credentials', signal),
    initialData,
  });
}

/** Read from DigitalOcean's API with the account's token: slow-ish, and it changes rarely. */
export function useDigitalOceanCatalogue(credentialId: string | null) {
  return useQuery({
    queryKey: queryKeys.digitalOceanCatalogue(credentialId ?? ''),
    queryFn: ({ signal }) => fetchJson<DigitalOceanCatalogue>(`/api/cloud/digitalocean/${encodeURIComponent(credentialId ?? '')}/catalogue`, signal),
    enabled: !!credentialId,
    staleTime: 5 * 60_000,
    retry: 0,
  });
}
