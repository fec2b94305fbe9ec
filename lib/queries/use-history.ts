'use client';
// A history chart's points, read again every sampling interval so new points append while the
// page is open. Keys live outside ['hosts', …] and ['swarms', …]: engine events do not refetch history.
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { HistoryAnswer, HistoryRange } from '@/lib/models/history/history-math.ts';
import { fetchJson } from './fetch-json.ts';
import { queryKeys } from './keys.ts';

/** Which history: a host's, a swarm node's (its host's) or a swarm service's. */
export type HistorySubject = { kind: 'host'; hostId: string } | { kind: 'node'; swarmId: string; nodeId: string } | { kind: 'service'; swarmId: string; serviceId: string };

const e = encodeURIComponent;
function urlOf(subject: HistorySubject, range: HistoryRange): string {
  if (subject.kind === 'host') return `/api/hosts/${e(subject.hostId)}/history?range=${range}`;
  if (subject.kind === 'node') return `/api/swarms/${e(subject.swarmId)}/nodes/${e(subject.nodeId)}/history?range=${range}`;
  return `/api/swarms/${e(subject.swarmId)}/services/${e(subject.serviceId)}/history?range=${range}`;
}
const idOf = (s: HistorySubject) => (s.kind === 'host' ? s.hostId : s.kind === 'node' ? `${s.swarmId}/${s.nodeId}` : `${s.swarmId}/${s.serviceId}`);

const every = (answer: { intervalSeconds: number } | null | undefined) => Math.max(1, answer?.intervalSeconds ?? 10) * 1000;

export function useHistory(subject: HistorySubject, range: HistoryRange) {
  return useQuery({
    queryKey: queryKeys.history(subject.kind, idOf(subject), range),
    // A node no registered host runs has no history (null).
    queryFn: ({ signal }) => fetchJson<HistoryAnswer | null>(urlOf(subject, range), signal),
    refetchInterval: (query) => every(query.state.data),
    placeholderData: keepPreviousData,
  });
}

/** The dashboard's last hour over every host the reader may see. */
export function useOverviewHistory() {
  return useQuery({
    queryKey: queryKeys.historyOverview,
    queryFn: ({ signal }) => fetchJson<HistoryAnswer & { hosts: number }>('/api/history', signal),
    refetchInterval: (query) => every(query.state.data),
  });
}
