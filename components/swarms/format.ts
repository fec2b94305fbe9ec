// Formatting and small mappings for the swarm views. Pure (types only from the services).
import type { ErrorPayload } from '@/lib/errors.ts';
import type { HostView } from '@/lib/services/hosts/host-view.ts';
import type { GuardNode } from '@/lib/models/swarms/quorum.ts';
import type { NodeView } from '@/lib/services/swarms/swarm-views.ts';

/** The shape the quorum guard judges: the same mapping the server makes from the raw node. */
export function toGuardNode(node: NodeView): GuardNode {
  return {
    nodeId: node.id,
    hostname: node.hostname,
    role: node.role,
    // The leader is a reachable manager; NodeView folds that into managerStatus.
    reachable: node.role === 'manager' ? node.managerStatus === 'reachable' || node.managerStatus === 'leader' : node.state === 'ready',
    leader: node.managerStatus === 'leader',
    availability: node.availability,
    state: node.state,
  };
}

export const formatCpus = (cpus: number) => (Number.isInteger(cpus) ? String(cpus) : cpus.toFixed(2).replace(/0+$/, ''));

export const labelText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([key, value]) => (value === '' ? key : `${key}=${value}`))
    .join(' ');

/** Comma- or space-separated CIDRs as the schema wants them. */
export const splitList = (text: string) =>
  text
    .split(/[\s,]+/)
    .map((part) => part.trim())
    .filter(Boolean);

const IPV4 = /^(\d{1,3})(\.\d{1,3}){3}$/;
const IPV6 = /^[0-9a-f:]+$/i;

/** The IP a host was registered at, for tcp and ssh hosts whose address is an IP (a DNS name cannot be advertised). */
export function hostIp(host: Pick<HostView, 'transport' | 'address'>): string {
  if (host.transport === 'unix') return '';
  const match = /^(?:[^@]+@)?(\[[^\]]+\]|[^:]+):\d+$/.exec(host.address);
  const ip = match ? match[1].replace(/^\[|\]$/g, '') : '';
  return IPV4.test(ip) || (ip.includes(':') && IPV6.test(ip)) ? ip : '';
}

/** Registered hosts that could start or join a swarm: up, in none, and not another registration of an engine that is in one. */
export function hostsOutsideSwarms(hosts: HostView[]): HostView[] {
  const busyEngines = new Set(hosts.filter((h) => h.facts && h.facts.swarm.state !== 'inactive').map((h) => h.facts!.engineId));
  return hosts.filter((h) => h.status === 'up' && h.facts?.swarm.state === 'inactive' && !busyEngines.has(h.facts.engineId));
}

/** ISO time or null, for values the engine leaves out. */
export const isTime = (iso: string | null | undefined): iso is string => !!iso && Number.isFinite(new Date(iso).getTime()) && !iso.startsWith('0001-');

/** An action's error with the field messages a form without those fields would otherwise hide. */
export const describeError = (error: ErrorPayload) => [error.message, ...Object.values(error.fieldErrors ?? {}).flat()].join(' ');

/** An optional text field as the schemas want it: absent rather than empty. */
export const optional = (text: string) => (text.trim() === '' ? undefined : text.trim());
