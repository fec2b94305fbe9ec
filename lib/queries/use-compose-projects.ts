'use client';
// Compose projects on one host: the list and one project. Under ['hosts', hostId, …], so the
// host's container events refresh them; a slow poll covers health changes (no event for those).
import { useQuery } from '@tanstack/react-query';
import type { ProjectDetail, ProjectRevisionFile, ProjectSummary } from '@/lib/models/compose-projects/project-status.ts';
import { fetchJson } from './fetch-json.ts';
import { queryKeys } from './keys.ts';

const POLL_MS = 5000;
const base = (hostId: string) => `/api/hosts/${encodeURIComponent(hostId)}/projects`;

export function useProjectList(hostId: string) {
  return useQuery({ queryKey: queryKeys.hostProjects(hostId), queryFn: ({ signal }) => fetchJson<ProjectSummary[]>(base(hostId), signal), refetchInterval: POLL_MS, retry: 0 });
}

export function useProject(hostId: string, name: string) {
  return useQuery({ queryKey: queryKeys.project(hostId, name), queryFn: ({ signal }) => fetchJson<ProjectDetail>(`${base(hostId)}/${encodeURIComponent(name)}`, signal), refetchInterval: POLL_MS, retry: 0 });
}

/** One revision's file (revisions never change once kept). */
export function useProjectRevision(hostId: string, name: string, revision: number) {
  return useQuery({
    queryKey: queryKeys.projectRevision(hostId, name, revision),
    queryFn: ({ signal }) => fetchJson<ProjectRevisionFile>(`${base(hostId)}/${encodeURIComponent(name)}/revisions/${revision}`, signal),
    enabled: revision > 0,
    staleTime: Infinity,
  });
}
