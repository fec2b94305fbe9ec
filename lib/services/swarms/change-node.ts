// Node changes through a manager: role, availability, labels, removal, and a host leaving its
// swarm. Each is judged against quorum first (quorum.ts): what would break the swarm is refused
// unless forced, and forcing is the caller's typed confirmation.
import 'server-only';
import { AppError } from '@/lib/errors.ts';
import { type Message, msg } from '@/lib/i18n/message.ts';
import { audited } from '@/lib/audit/record-audit.ts';
import { subjectOf, type Actor } from '@/lib/auth/actor.ts';
import type { UpdateNodeInput } from '@/lib/schemas/swarms.ts';
import type { ServiceDeps } from '../deps.ts';
import { callManager, hostEngine, type EngineApi, type ManagerCall, type SwarmNode } from '../engine/index.ts';
import { judgeNodeChange, type ChangeVerdict, type GuardNode, type NodeChange } from '../../models/swarms/quorum.ts';
import { hostsByNodeId } from './swarm-members.ts';

type Deps = Pick<ServiceDeps, 'db' | 'engines' | 'changes'>;

export function toGuardNode(n: SwarmNode): GuardNode {
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
  if (!verdict.allowed) throw new AppError('PRECONDITION', verdict.reason ?? msg('swarms.errors.notPossible'));
  if (verdict.needsForce && !force) throw new AppError('PRECONDITION', msg('swarms.errors.needsForce', { reason: verdict.reason ?? '' }));
}

/** Runs a change on a manager: nodes are read, the change judged (unless it cannot affect the
 * swarm's health, like labels), then applied; `doing` says what, for the node's name. */
async function judgedWrite<T>(
  deps: Deps,
  swarmId: string,
  nodeId: string,
  change: NodeChange | null,
  force: boolean,
  doing: (node: string) => Message,
  apply: (api: EngineApi, target: GuardNode) => Promise<T>,
): Promise<ManagerCall<{ result: T; target: GuardNode; warnings: Message[] }>> {
  return callManager(deps, swarmId, { write: true, doing: doing(nodeId) }, async (api, manager) => {
    const nodes = (await api.listNodes()).map(toGuardNode);
    const verdict = change ? judgeNodeChange(nodes, change) : null;
    if (verdict) enforce(verdict, force);
    const target = nodes.find((n) => n.nodeId === nodeId);
    if (!target) throw new AppError('NOT_FOUND', msg('swarms.errors.nodeGone'));
    const result = await manager.step(doing(target.hostname), apply(api, target), { node: target.hostname });
    return { result, target, warnings: verdict?.warnings ?? [] };
  });
}

const actionOf = (change: UpdateNodeInput['change']) =>
  change.kind === 'role' ? (change.role === 'manager' ? 'node.promote' : 'node.demote') : change.kind === 'availability' ? `node.${change.availability}` : 'node.labels';

const doingOf = (change: UpdateNodeInput['change']) => (node: string): Message =>
  change.kind === 'role'
    ? msg(change.role === 'manager' ? 'engineText.doing.promoteNode' : 'engineText.doing.demoteNode', { node })
    : change.kind === 'availability'
      ? msg('engineText.doing.setAvailability', { node, availability: change.availability })
      : msg('engineText.doing.changeNodeLabels', { node });

/** A node's spec changed by `edit`, against the version just read. */
async function editNode(api: EngineApi, nodeId: string, edit: (spec: SwarmNode['Spec']) => void): Promise<void> {
  const current = await api.inspectNode(nodeId);
  const spec = { ...current.Spec };
  edit(spec);
  await api.updateNode(nodeId, current.Version.Index, spec);
}

function judgementOf(change: UpdateNodeInput['change'], nodeId: string): NodeChange | null {
  if (change.kind === 'role') return { kind: change.role === 'manager' ? 'promote' : 'demote', nodeId };
  if (change.kind === 'availability') return { kind: 'availability', nodeId, availability: change.availability };
  return null;
}

export async function updateSwarmNode(deps: Deps, actor: Actor, input: UpdateNodeInput): Promise<{ warnings: Message[]; via: string }> {
  const { change } = input;
  const done = await audited(deps.db, subjectOf(actor), actionOf(change), { type: 'node', id: input.nodeId }, () =>
    judgedWrite(deps, input.swarmId, input.nodeId, judgementOf(change, input.nodeId), input.force, doingOf(change), (api, target) =>
      editNode(api, target.nodeId, (spec) => {
        if (change.kind === 'role') spec.Role = change.role;
        if (change.kind === 'availability') spec.Availability = change.availability;
        if (change.kind === 'labels') spec.Labels = change.labels;
      }),
    ),
    (done) => ({ name: done.value.target.hostname }),
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

export async function removeSwarmNode(deps: Deps, actor: Actor, input: { swarmId: string; nodeId: string; force: boolean }): Promise<{ warnings: Message[] }> {
  const done = await audited(deps.db, subjectOf(actor), 'node.remove', { type: 'node', id: input.nodeId }, () =>
    judgedWrite(deps, input.swarmId, input.nodeId, { kind: 'remove', nodeId: input.nodeId }, input.force, (node) => msg('engineText.doing.removeNode', { name: node }), (api, target) => api.removeNode(target.nodeId, input.force)),
    (done) => ({ name: done.value.target.hostname }),
  );
  return { warnings: done.value.warnings };
}

/** The cluster accepts a role change before the node's own engine acts on it; wait (briefly) for
 * the engine to report its new role, so the facts read next are already right. */
async function awaitLocalRole(deps: Deps, hostId: string, role: 'manager' | 'worker'): Promise<void> {
  const deadline = Date.now() + 10_000;
  const engine = await hostEngine(deps, hostId);
  while (Date.now() < deadline) {
    const info = await engine.call(msg('engineText.doing.readRole'), (api) => api.info(), { ms: 3000 }).catch(() => null);
    if (info && (info.Swarm?.ControlAvailable === true) === (role === 'manager')) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A registered host leaves its swarm the careful way: a manager is demoted first (while the
 * swarm can spare it), then the host leaves as a worker and its node is removed from the list.
 * Only a manager that cannot be demoted (the last one) leaves by force, which ends its swarm. */
export async function leaveSwarm(deps: Deps, actor: Actor, input: { hostId: string; force: boolean }): Promise<{ warnings: Message[] }> {
  const host = await deps.db.host.findUnique({ where: { id: input.hostId }, select: { id: true, name: true, facts: true } });
  if (!host) throw new AppError('NOT_FOUND', msg('swarms.errors.hostNotFound'));
  const facts = (host.facts as { swarm?: { state?: string; nodeId?: string; clusterId?: string | null } } | null)?.swarm;
  if (facts?.state !== 'active' || !facts.nodeId) throw new AppError('PRECONDITION', msg('swarms.errors.hostNotInSwarm', { host: host.name }));
  const nodeId = facts.nodeId;
  const swarmId = facts.clusterId ?? (await swarmOfNode(deps, nodeId));

  return audited(deps.db, subjectOf(actor), 'swarm.leave', { type: 'host', id: host.id, name: host.name }, async () => {
    const warnings: Message[] = [];
    let forceLeave = false;
    if (swarmId) {
      const nodes = (await callManager(deps, swarmId, { write: false, doing: msg('engineText.doing.listNodes') }, (api) => api.listNodes())).value.map(toGuardNode);
      if (nodes.find((n) => n.nodeId === nodeId)?.role === 'manager') {
        const demotion = judgeNodeChange(nodes, { kind: 'demote', nodeId });
        if (demotion.allowed) {
          await judgedWrite(deps, swarmId, nodeId, { kind: 'demote', nodeId }, false, (node) => msg('engineText.doing.demoteNode', { node }), (api, target) =>
            editNode(api, target.nodeId, (spec) => {
              spec.Role = 'worker';
            }),
          );
          // Leaving before the demotion takes effect would leave a raft member behind.
          await awaitLocalRole(deps, host.id, 'worker');
          warnings.push(...demotion.warnings);
        } else if (!input.force) {
          throw new AppError('PRECONDITION', msg('swarms.errors.leaveByForce', { reason: demotion.reason ?? msg('swarms.errors.cannotDemote', { host: host.name }) }));
        } else {
          forceLeave = true;
          warnings.push(...demotion.warnings);
        }
      }
    }
    const engine = await hostEngine(deps, host.id);
    try {
      // Every check that matters was made above; a just-demoted manager may still count itself
      // a manager for a moment, and force covers that window. Without a known swarm, only the
      // user's own force applies.
      await engine.call(msg('engineText.doing.leaveSwarm'), (api) => api.leaveSwarm(swarmId ? true : input.force), { ms: 30_000, swarm: {} });
    } finally {
      deps.changes.publish({ type: 'host.engine-changed', hostId: host.id });
    }
    if (swarmId && !forceLeave) {
      // The node stays listed as "down" until removed: tidy it up.
      await callManager(deps, swarmId, { write: true, doing: msg('engineText.doing.removeNode', { name: host.name }) }, (api) => api.removeNode(nodeId, true)).catch(() => {});
    }
    return { warnings };
  });
}

/** For a worker, whose facts carry no cluster id: the swarm whose managers list its node. */
async function swarmOfNode(deps: Deps, nodeId: string): Promise<string | null> {
  for (const swarm of await deps.db.swarm.findMany({ select: { id: true } })) {
    const found = await callManager(deps, swarm.id, { write: false }, async (api) => (await api.listNodes()).some((n) => n.ID === nodeId)).catch(() => null);
    if (found?.value) return swarm.id;
  }
  return null;
}
