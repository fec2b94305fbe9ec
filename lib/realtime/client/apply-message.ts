// How a live message changes cached data. Pure functions over the cached views.
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import type { HostFactsMessage, HostStatusMessage } from '../protocol.ts';

export function withStatus(host: HostView, message: HostStatusMessage): HostView {
  return { ...host, status: message.status, statusReason: message.reason, statusSince: message.since };
}

export function withFacts(host: HostView, message: HostFactsMessage): HostView {
  return { ...host, facts: message.facts, factsAt: message.at };
}

export function patchList(list: HostView[] | undefined, hostId: string, patch: (host: HostView) => HostView): HostView[] | undefined {
  return list?.map((host) => (host.id === hostId ? patch(host) : host));
}

/**
 * What a live message does to one cached entry. A read under way may have left the server before
 * the change: its answer would overwrite a patch with the old state and nothing would correct it,
 * so the entry is read once more after it lands. An entry marked out of date (invalidated, or its
 * last read failed) is read again: a patch would mark it fresh and hide what invalidated it.
 */
export type LiveStep = 'patch' | 'read-after-current' | 'read-again';

export function liveStep(entry: { fetchStatus: 'fetching' | 'paused' | 'idle'; isInvalidated: boolean }): LiveStep {
  if (entry.fetchStatus === 'fetching') return 'read-after-current';
  if (entry.isInvalidated) return 'read-again';
  return 'patch';
}
