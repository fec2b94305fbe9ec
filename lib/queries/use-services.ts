'use client';
// A swarm's services, and one service with its tasks. Engine events refresh them (they live under
// ['swarms', swarmId]); a rolling update is also polled closely, because tasks on nodes that are
// not registered hosts send Wharf no events.
import { useQuery } from '@tanstack/react-query';
import type { ServiceDetail } from '@/lib/services/swarm-services/manage-services.ts';
import type { ServiceRow } from '@/lib/services/swarm-services/service-views.ts';
import { fetchJson } from './fetch-json.ts';
import { queryKeys } from './keys.ts';

export const SERVICES_POLL_MS = 10_000;
export const UPDATING_POLL_MS = 1500;

/** `manageable`: the ids of the services the reader may change. */
export type ServiceList = { services: ServiceRow[]; via: string; manageable: string[] };

/** Update states during which the tasks are still changing. */
const MOVING = new Set(['updating', 'rollback_started']);
export const isMoving = (row: ServiceRow | undefined) => !!row?.update && MOVING.has(row.update.state);

const path = (swarmId: string, rest = '') => `/api/swarms/${encodeURIComponent(swarmId)}/services${rest}`;

export function useServiceList(swarmId: string) {
  return useQuery({
    queryKey: queryKeys.serviceList(swarmId),
    queryFn: ({ signal }) => fetchJson<ServiceList>(path(swarmId), signal),
    refetchInterval: (query) => (query.state.data?.services.some(isMoving) ? UPDATING_POLL_MS : SERVICES_POLL_MS),
    retry: 0,
  });
}

export function useService(swarmId: string, serviceId: string) {
  return useQuery({
    queryKey: queryKeys.service(swarmId, serviceId),
    queryFn: ({ signal }) => fetchJson<ServiceDetail>(path(swarmId, `/${encodeURIComponent(serviceId)}`), signal),
    refetchInterval: (query) => (isMoving(query.state.data?.service) ? UPDATING_POLL_MS : SERVICES_POLL_MS),
    retry: (count, error) => count < 1 && !('status' in error && (error as { status: number }).status === 404),
  });
}
