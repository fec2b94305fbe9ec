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
