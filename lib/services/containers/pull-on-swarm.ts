// Pulling an image onto every node of a swarm: one pull job per node that is a registered host
// (each with its own progress, through startImagePull, the registry's credentials included), and
// a word on the nodes Wharf cannot pull on: those down, those not registered as hosts, and those
// the user may not change.
import 'server-only';
import type { Actor } from '@/lib/auth/actor.ts';
import { can } from '@/lib/auth/authorize.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager } from '../engine/index.ts';
import { hostsByNodeId } from '../swarms/swarm-members.ts';
import { startImagePull, type PullJob } from './pull-image.ts';
import { msg } from '@/lib/i18n/message.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'keyring' | 'pulls'>;

/** `down`: nodes the swarm reports down; `unregistered`: nodes with no host in Wharf; `refused`: hosts the actor may not change. */
export type SwarmPull = { jobs: PullJob[]; down: string[]; unregistered: string[]; refused: string[] };

export async function startSwarmPull(deps: Deps, actor: Actor, input: { swarmId: string; image: string }): Promise<SwarmPull> {
  const { value: nodes } = await callManager(deps, input.swarmId, { write: false, doing: msg('guardText.doing.listNodesToPullOn') }, (api) => api.listNodes());
  const hosts = await hostsByNodeId(deps.db);
  const result: SwarmPull = { jobs: [], down: [], unregistered: [], refused: [] };
  const pullOn: string[] = [];
  for (const node of nodes) {
    const host = hosts.get(node.ID);
    if (node.Status?.State === 'down') result.down.push(host?.name ?? node.Description?.Hostname ?? node.ID);
    else if (!host) result.unregistered.push(node.Description?.Hostname ?? node.ID);
    else if (!can(actor, 'container.manage', { type: 'host', id: host.id })) result.refused.push(host.name);
    else pullOn.push(host.id);
  }
  // All nodes at once: each start reads its host's client and the credentials before its pull begins.
  result.jobs = await Promise.all(pullOn.map((hostId) => startImagePull(deps, actor, { hostId, image: input.image })));
  result.jobs.sort((a, b) => a.hostName.localeCompare(b.hostName));
  return result;
}
