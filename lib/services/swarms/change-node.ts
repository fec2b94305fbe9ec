// Node changes through a manager: role, availability, labels, removal, and a host leaving its
// swarm. Each is judged against quorum first (quorum.ts): what would break the swarm is refused
// unless forced, and forcing is the caller's typed confirmation.
import type Dockerode from 'dockerode';
import { AppError } from '@/lib/errors.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import * as api from '@/lib/services/engine/engine-api.ts';
import { withDeadline } from '@/lib/services/engine/probe-engine.ts';
import { inspectNode, listNodes, removeNode as engineRemoveNode, swarmLeave, updateNode, type RawNode } from '@/lib/services/engine/swarm-api.ts';
import type { UpdateNodeInput } from '@/lib/schemas/swarms.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager, type ManagerCall } from '../engine/call-manager.ts';
import { explainSwarmError } from '../engine/explain-swarm-error.ts';
import { judgeNodeChange, type ChangeVerdict, type GuardNode, type NodeChange } from '../../models/swarms/quorum.ts';
import { hostsByNodeId } from './swarm-members.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'changes'>;

export function toGuardNode(node: RawNode): GuardNode {
  const n = node as RawNode & { Description?: { Hostname?: string }; Status?: { State?: string }; ManagerStatus?: { Reachability?: string; Leader?: boolean } };
  const role = n.Spec.Role === 'manager' ? 'manager' : 'worker';
  const state = (['ready', 'down', 'unknown', 'disconnected'].includes(n.Status?.State ?? '') ? n.Status!.State : 'unknown') as GuardNode['state'];
  return {
    nodeId: n.ID,
    hostname: n.Description?.Hostname ?? n.ID,
    role,
    reachable: role === 'manager' ? n.ManagerStatus?.Reachability === 'reachable' : state === 'ready',
    leader: n.ManagerStatus?.Leader === true,
    availability: (n.Spec.Availability as GuardNode['availability']) ?? 'active',
    state,
  };
}

/** Refuses what the verdict refuses; a forced change passes only what force may override. */
function enforce(verdict: ChangeVerdict, force: boolean): void {
  if (!verdict.allowed) throw new AppError('PRECONDITION', verdict.reason ?? 'This change is not possible.');
  if (verdict.needsForce && !force) throw new AppError('PRECONDITION', `${verdict.reason} To do it anyway, confirm by typing the node's name.`);
}

function engineError(error: unknown, node: string): never {
  if (error instanceof AppError) throw error;
  const problem = explainSwarmError(error, { node });
  throw new AppError(problem.code === 'NO_QUORUM' ? 'PRECONDITION' : 'ENGINE_ERROR', problem.message, { cause: error });
}

/** Runs a change on a manager: nodes are read, the change judged (unless it cannot affect the
 * swarm's health, like labels), then applied. */
async function judgedWrite<T>(
  deps: Deps,
  swarmId: string,
  nodeId: string,
  change: NodeChange | null,
  force: boolean,
  apply: (docker: Dockerode, target: GuardNode, signal: AbortSignal) => Promise<T>,
): Promise<ManagerCall<{ result: T; target: GuardNode; warnings: string[] }>> {
  return callManager(deps, swarmId, { write: true }, async (docker, signal) => {
    const nodes = (await listNodes(docker, signal)).map(toGuardNode);
    const verdict = change ? judgeNodeChange(nodes, change) : null;
    if (verdict) enforce(verdict, force);
    const target = nodes.find((n) => n.nodeId === nodeId);
    if (!target) throw new AppError('NOT_FOUND', 'That node is not in this swarm (any more).');
    try {
      return { result: await apply(docker, target, signal), target, warnings: verdict?.warnings ?? [] };
    } catch (error) {
      engineError(error, target.hostname);
    }
  });
}

const actionOf = (change: UpdateNodeInput['change']) =>
  change.kind === 'role' ? (change.role === 'manager' ? 'node.promote' : 'node.demote') : change.kind === 'availability' ? `node.${change.availability}` : 'node.labels';

function judgementOf(change: UpdateNodeInput['change'], nodeId: string): NodeChange | null {
  if (change.kind === 'role') return { kind: change.role === 'manager' ? 'promote' : 'demote', nodeId };
  if (change.kind === 'availability') return { kind: 'availability', nodeId, availability: change.availability };
  return null;
}

export async function updateSwarmNode(deps: Deps, actor: Actor, input: UpdateNodeInput): Promise<{ warnings: string[]; via: string }> {
  const { change } = input;
  const done = await audited(deps.db, subjectOf(actor), actionOf(change), { type: 'node', id: input.nodeId }, () =>
    judgedWrite(deps, input.swarmId, input.nodeId, judgementOf(change, input.nodeId), input.force, async (docker, target, signal) => {
      const current = await inspectNode(docker, target.nodeId, signal);
      const spec = { ...current.Spec };
      if (change.kind === 'role') spec.Role = change.role;
      if (change.kind === 'availability') spec.Availability = change.availability;
      if (change.kind === 'labels') spec.Labels = change.labels;
      await updateNode(docker, target.nodeId, current.Version.Index, spec, signal);
    }),
  );
  if (change.kind === 'role') {
    const host = (await hostsByNodeId(deps.db)).get(input.nodeId);
    if (host) {
      await awaitLocalRole(deps, host.id, change.role);
      deps.changes.publish({ type: 'host.engine-changed', hostId: host.id });
    }
  }
  return { warnings: done.value.warnings, via: done.via.hostName };
}

export async function removeSwarmNode(deps: Deps, actor: Actor, input: { swarmId: string; nodeId: string; force: boolean }): Promise<{ warnings: string[] }> {
  const done = await audited(deps.db, subjectOf(actor), 'node.remove', { type: 'node', id: input.nodeId }, () =>
    judgedWrite(deps, input.swarmId, input.nodeId, { kind: 'remove', nodeId: input.nodeId }, input.force, async (docker, target, signal) => {
      await engineRemoveNode(docker, target.nodeId, input.force, signal);
    }),
  );
  return { warnings: done.value.warnings };
}

/** The cluster accepts a role change before the node's own engine acts on it; wait (briefly) for
 * the engine to report its new role, so the facts read next are already right. */
async function awaitLocalRole(deps: Deps, hostId: string, role: 'manager' | 'worker'): Promise<void> {
  const deadline = Date.now() + 10_000;
  const { docker } = await deps.engines.get(hostId);
  while (Date.now() < deadline) {
    const info = (await withDeadline((signal) => api.info(docker, signal), 3000).catch(() => null)) as { Swarm?: { ControlAvailable?: boolean } } | null;
    if (info && (info.Swarm?.ControlAvailable === true) === (role === 'manager')) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A registered host leaves its swarm the careful way: a manager is demoted first (while the
 * swarm can spare it), then the host leaves as a worker and its node is removed from the list.
 * Only a manager that cannot be demoted (the last one) leaves by force, which ends its swarm. */
export async function leaveSwarm(deps: Deps, actor: Actor, input: { hostId: string; force: boolean }): Promise<{ warnings: string[] }> {
  const host = await deps.db.host.findUnique({ where: { id: input.hostId }, select: { id: true, name: true, facts: true } });
  if (!host) throw new AppError('NOT_FOUND', 'That host does not exist.');
  const facts = (host.facts as { swarm?: { state?: string; nodeId?: string; clusterId?: string | null } } | null)?.swarm;
  if (facts?.state !== 'active' || !facts.nodeId) throw new AppError('PRECONDITION', `${host.name} is not in a swarm.`);
  const nodeId = facts.nodeId;
  const swarmId = facts.clusterId ?? (await swarmOfNode(deps, nodeId));

  return audited(deps.db, subjectOf(actor), 'swarm.leave', { type: 'host', id: host.id, name: host.name }, async () => {
    const warnings: string[] = [];
    let forceLeave = false;
    if (swarmId) {
      const nodes = (await callManager(deps, swarmId, { write: false }, (docker, signal) => listNodes(docker, signal))).value.map(toGuardNode);
      if (nodes.find((n) => n.nodeId === nodeId)?.role === 'manager') {
        const demotion = judgeNodeChange(nodes, { kind: 'demote', nodeId });
        if (demotion.allowed) {
          await judgedWrite(deps, swarmId, nodeId, { kind: 'demote', nodeId }, false, async (docker, target, signal) => {
            const current = await inspectNode(docker, target.nodeId, signal);
            await updateNode(docker, target.nodeId, current.Version.Index, { ...current.Spec, Role: 'worker' }, signal);
          });
          // Leaving before the demotion takes effect would leave a raft member behind.
          await awaitLocalRole(deps, host.id, 'worker');
          warnings.push(...demotion.warnings);
        } else if (!input.force) {
          throw new AppError('PRECONDITION', `${demotion.reason ?? `${host.name} cannot be demoted.`} It can only leave by force, which ends its part in the swarm for good. To do it anyway, confirm by typing its name.`);
        } else {
          forceLeave = true;
          warnings.push(...demotion.warnings);
        }
      }
    }
    const { docker } = await deps.engines.get(host.id);
    try {
      // Every check that matters was made above; a just-demoted manager may still count itself
      // a manager for a moment, and force covers that window. Without a known swarm, only the
      // user's own force applies.
      await withDeadline((signal) => swarmLeave(docker, swarmId ? true : input.force, signal), 30_000);
    } catch (error) {
      engineError(error, host.name);
    } finally {
      deps.changes.publish({ type: 'host.engine-changed', hostId: host.id });
    }
    if (swarmId && !forceLeave) {
      // The node stays listed as "down" until removed: tidy it up.
      await callManager(deps, swarmId, { write: true }, (d, signal) => engineRemoveNode(d, nodeId, true, signal)).catch(() => {});
    }
    return { warnings };
  });
}

/** For a worker, whose facts carry no cluster id: the swarm whose managers list its node. */
async function swarmOfNode(deps: Deps, nodeId: string): Promise<string | null> {
  for (const swarm of await deps.db.swarm.findMany({ select: { id: true } })) {
    const found = await callManager(deps, swarm.id, { write: false }, async (docker, signal) => (await listNodes(docker, signal)).some((n) => n.ID === nodeId)).catch(() => null);
    if (found?.value) return swarm.id;
  }
  return null;
}
