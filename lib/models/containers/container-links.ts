// Where a container belongs, as links: its host, its swarm service and stack (when its host is in
// a swarm Wharf knows), or the Compose project it was started from. Pure: built from the engine's
// labels, which the list and the detail page both read.
import type { Belonging } from './container-views.ts';

export type ContainerLinks = { host: string; stack: string | null; service: string | null };

const seg = encodeURIComponent;

/** `swarmId`: the swarm of the container's host, when known (a stack and a service are pages of their swarm). */
export function containerLinks(b: Belonging & { hostId: string; swarmId: string | null }): ContainerLinks {
  const stack =
    b.stack && b.stackKind === 'project' ? `/containers/projects/${seg(b.hostId)}/${seg(b.stack)}` : b.stack && b.stackKind === 'stack' && b.swarmId ? `/stacks/${seg(b.swarmId)}/${seg(b.stack)}` : null;
  const service = b.swarmId && b.serviceId ? `/services/${seg(b.swarmId)}/${seg(b.serviceId)}` : null;
  return { host: `/hosts/${seg(b.hostId)}`, stack, service };
}
