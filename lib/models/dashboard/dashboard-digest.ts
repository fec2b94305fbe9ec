// What the dashboard says beyond the host cards: each swarm by name with the stacks and services
// the reader's grants reach, the tasks failing now (with their errors), and what needs attention —
// unreachable hosts, degraded or failed stacks, down nodes, swarms whose managers did not answer —
// each with the page where to act. Pure: the page's server part reads the lists (with the same
// filtering functions as the list pages) and this puts them together.
import type { ConvergenceState } from '../stacks/convergence.ts';

export type DigestStack = { name: string; state: ConvergenceState; errors: { service: string; error: string }[] };
export type DigestService = { id: string; name: string; state: ConvergenceState; errors: string[] };
export type DigestNode = { id: string; hostname: string; state: string };

/** One swarm as read for the dashboard; a list the reader may not see, or that could not be read, is null. */
export type SwarmRead = {
  id: string;
  name: string;
  stacks: DigestStack[] | null;
  services: DigestService[] | null;
  nodes: DigestNode[] | null;
  /** Why the swarm could not be read (its managers did not answer), in the reader's words. */
  unreadable: string | null;
};

export type AttentionItem =
  | { kind: 'host-unreachable'; name: string; href: string; detail: string | null }
  | { kind: 'stack-failed' | 'stack-degraded'; name: string; swarm: string; href: string; detail: string | null }
  | { kind: 'node-down'; name: string; swarm: string; href: string; detail: null }
  | { kind: 'swarm-unreadable'; name: string; href: string; detail: string };

export type FailingTask = { swarm: string; service: string; href: string; error: string };

export type SwarmCard = { id: string; name: string; href: string; stacks: number | null; services: number | null; nodes: number | null; nodesDown: number };

const seg = encodeURIComponent;
const BAD: ReadonlySet<ConvergenceState> = new Set(['failed', 'degraded']);

export function swarmCards(swarms: readonly SwarmRead[]): SwarmCard[] {
  return swarms.map((s) => ({
    id: s.id,
    name: s.name,
    href: `/swarms/${seg(s.id)}`,
    stacks: s.stacks?.length ?? null,
    services: s.services?.length ?? null,
    nodes: s.nodes?.length ?? null,
    nodesDown: (s.nodes ?? []).filter((n) => n.state === 'down').length,
  }));
}

/** Every error of a service whose tasks fail now, linked to the service's page. */
export function failingTasks(swarms: readonly SwarmRead[]): FailingTask[] {
  return swarms.flatMap((s) =>
    (s.services ?? []).filter((svc) => BAD.has(svc.state)).flatMap((svc) => svc.errors.map((error) => ({ swarm: s.name, service: svc.name, href: `/services/${seg(s.id)}/${seg(svc.id)}`, error }))),
  );
}

/** What needs someone: unreachable hosts first, then swarms not answering, failed and degraded stacks, and down nodes. */
export function attentionItems(hosts: readonly { id: string; name: string; status: string; statusReason: string | null }[], swarms: readonly SwarmRead[]): AttentionItem[] {
  const items: AttentionItem[] = hosts
    .filter((h) => h.status === 'unreachable')
    .map((h) => ({ kind: 'host-unreachable' as const, name: h.name, href: `/hosts/${seg(h.id)}`, detail: h.statusReason }));
  for (const s of swarms) {
    if (s.unreadable) items.push({ kind: 'swarm-unreadable', name: s.name, href: `/swarms/${seg(s.id)}`, detail: s.unreadable });
  }
  for (const s of swarms) {
    for (const stack of s.stacks ?? []) {
      if (!BAD.has(stack.state)) continue;
      items.push({ kind: stack.state === 'failed' ? 'stack-failed' : 'stack-degraded', name: stack.name, swarm: s.name, href: `/stacks/${seg(s.id)}/${seg(stack.name)}`, detail: stack.errors[0]?.error ?? null });
    }
  }
  for (const s of swarms) {
    for (const node of s.nodes ?? []) {
      if (node.state === 'down') items.push({ kind: 'node-down', name: node.hostname, swarm: s.name, href: `/swarms/${seg(s.id)}/nodes/${seg(node.id)}`, detail: null });
    }
  }
  return items;
}
