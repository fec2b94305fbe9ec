// Raft quorum arithmetic for swarm managers, and the guard that judges a node change before it is sent. Pure.

export type ManagerState = { nodeId: string; hostname: string; reachable: boolean; leader: boolean };

export type QuorumState = {
  managers: number;
  reachable: number;
  /** floor(n/2)+1: the managers that must agree for any change to the cluster. */
  quorum: number;
  /** floor((n-1)/2): the managers that may fail while the cluster stays manageable. */
  faultTolerance: number;
  hasLeader: boolean;
  /** Fewer managers reachable than the quorum: nothing can change until enough come back. */
  lost: boolean;
  /** A quorum is reachable but no leader is known yet: changes wait for the election. */
  electing: boolean;
};

export function faultTolerance(managers: number): number {
  return Math.max(0, Math.floor((managers - 1) / 2));
}

/**
 * Said before joining hosts as managers when the swarm would end with an even number of them:
 * n and n-1 managers (n even) lose the quorum after the same number of failures. Null when the
 * count stays odd, or nothing is known of it.
 */
export function evenManagersWarning(managersNow: number | null, joiningAsManagers: number): string | null {
  if (managersNow === null || joiningAsManagers === 0) return null;
  const after = managersNow + joiningAsManagers;
  if (after % 2 === 1) return null;
  const tolerates = faultTolerance(after);
  return `The swarm would have ${after} managers: it still stops accepting changes once ${tolerates + 1} of them ${tolerates + 1 === 1 ? 'is' : 'are'} lost, as with ${after - 1}, and there is one more to lose. Join one more host as a manager, or one fewer.`;
}

export function quorumOf(managers: ManagerState[]): QuorumState {
  const count = managers.length;
  const reachable = managers.filter((m) => m.reachable).length;
  const quorum = Math.floor(count / 2) + 1;
  // A leader nobody can reach is a stale report, not a leader the cluster can use.
  const hasLeader = managers.some((m) => m.leader && m.reachable);
  const lost = reachable < quorum;
  return { managers: count, reachable, quorum, faultTolerance: faultTolerance(count), hasLeader, lost, electing: !lost && !hasLeader };
}

export type NodeChange =
  | { kind: 'demote'; nodeId: string }
  | { kind: 'promote'; nodeId: string }
  /** Remove a node from the swarm's list (the engine refuses managers: they must be demoted first). */
  | { kind: 'remove'; nodeId: string }
  /** The node's own engine leaves the swarm. */
  | { kind: 'leave'; nodeId: string }
  | { kind: 'availability'; nodeId: string; availability: 'active' | 'pause' | 'drain' };

export type GuardNode = {
  nodeId: string;
  hostname: string;
  role: 'manager' | 'worker';
  /** Manager reachability for managers; status ready for workers. */
  reachable: boolean;
  leader: boolean;
  availability: 'active' | 'pause' | 'drain';
  state: 'ready' | 'down' | 'unknown' | 'disconnected';
};

export type ChangeVerdict = {
  /** false: refused outright, forcing cannot help. */
  allowed: boolean;
  /** true: refused unless the user forces it with a typed confirmation. */
  needsForce: boolean;
  reason: string | null;
  warnings: string[];
  /** The managers' quorum as it would be after the change. */
  after: QuorumState;
};

const managerStates = (nodes: GuardNode[]): ManagerState[] =>
  nodes.filter((n) => n.role === 'manager').map((n) => ({ nodeId: n.nodeId, hostname: n.hostname, reachable: n.reachable, leader: n.leader }));

const AVAILABILITY_WORD = { active: 'active', pause: 'paused', drain: 'drained' } as const;
const AVAILABILITY_VERB = { active: 'Activating', pause: 'Pausing', drain: 'Draining' } as const;

const refuse = (reason: string, after: QuorumState): ChangeVerdict => ({ allowed: false, needsForce: false, reason, warnings: [], after });

/** What the managers' quorum looks like now, said before a change that needs the managers to agree. */
function clusterWarnings(before: QuorumState): string[] {
  if (before.managers === 0) return [];
  if (before.lost) {
    return [`The swarm has no quorum now (${before.reachable} of ${before.managers} managers reachable): the managers will refuse this change until more than half of them are back online.`];
  }
  if (before.electing) return ['The managers are electing a leader: the change may fail until they have one. Try again in a few seconds if it does.'];
  return [];
}

/** Warnings about the managers left after a change of the manager set (none when quorum is lost: the reason says more). */
function quorumWarnings(before: QuorumState, after: QuorumState, doing: string, countVerb: 'leaves' | 'makes'): string[] {
  if (after.lost || after.managers === 0) return [];
  const warnings: string[] = [];
  if (after.managers !== before.managers && after.managers % 2 === 0) {
    warnings.push(`${doing} ${countVerb} ${after.managers} managers: an even number tolerates no more failures than one fewer.`);
  }
  if (after.faultTolerance === 0 && (after.managers > 1 || after.faultTolerance < before.faultTolerance)) {
    warnings.push(`After this, the swarm tolerates no manager failure: losing any one of its ${after.managers} managers stops all changes to the cluster.`);
  } else if (after.reachable === after.quorum && after.reachable < after.managers) {
    warnings.push(`After this, only ${after.reachable} of ${after.managers} managers are reachable, just enough for a quorum: one more failure stops all changes to the cluster.`);
  }
  return warnings;
}

/** Losing the leader pauses every change for an election; unless nothing can be elected anyway. */
const leaderWarning = (node: GuardNode, after: QuorumState): string[] =>
  node.leader && node.reachable && !after.lost ? [`${node.hostname} is the leader: the other managers elect a new one, and changes wait a few seconds for it.`] : [];

const downWarning = (node: GuardNode): string[] => (node.state === 'down' ? [`${node.hostname} is down: the change applies when it returns.`] : []);

const belowQuorum = (after: QuorumState) =>
  `${after.reachable} of ${after.managers} managers would stay reachable, fewer than the ${after.quorum} a quorum needs`;

export function judgeNodeChange(nodes: GuardNode[], change: NodeChange): ChangeVerdict {
  const managers = managerStates(nodes);
  const before = quorumOf(managers);
  const node = nodes.find((n) => n.nodeId === change.nodeId);
  if (!node) return refuse(`No node with ID ${change.nodeId} is in this swarm.`, before);
  const name = node.hostname;
  const others = managers.filter((m) => m.nodeId !== node.nodeId);

  switch (change.kind) {
    case 'demote': {
      if (node.role !== 'manager') return refuse(`${name} is already a worker.`, before);
      const after = quorumOf(others);
      // The engine refuses both of these whatever the caller says (swarmkit's UpdateNode checks), so forcing cannot help.
      if (before.managers === 1) {
        return refuse(`${name} is the only manager, and a swarm cannot run without one: promote another node first, then demote ${name}.`, after);
      }
      if (after.lost) {
        return refuse(`Demoting ${name} would break quorum: ${belowQuorum(after)}, so the swarm refuses it. Bring the unreachable managers back first.`, after);
      }
      return {
        allowed: true,
        needsForce: false,
        reason: null,
        warnings: [...clusterWarnings(before), ...downWarning(node), ...leaderWarning(node, after), ...quorumWarnings(before, after, `Demoting ${name}`, 'leaves')],
        after,
      };
    }

    case 'promote': {
      if (node.role === 'manager') return refuse(`${name} is already a manager.`, before);
      const after = quorumOf([...managers, { nodeId: node.nodeId, hostname: name, reachable: node.state === 'ready', leader: false }]);
      // A manager that is not there on promotion joins the raft as unreachable and only costs fault tolerance.
      if (node.state !== 'ready') return refuse(`${name} is ${node.state}: only a ready node can be promoted to manager.`, after);
      return {
        allowed: true,
        needsForce: false,
        reason: null,
        warnings: [...clusterWarnings(before), ...quorumWarnings(before, after, `Promoting ${name}`, 'makes')],
        after,
      };
    }

    case 'remove': {
      if (node.role === 'manager') {
        // The engine refuses to remove a raft member even when forced.
        return refuse(`${name} is a manager: demote it to worker first, then remove it.`, quorumOf(others));
      }
      const warnings = clusterWarnings(before);
      if (node.state !== 'down') {
        return {
          allowed: true,
          needsForce: true,
          reason: `${name} is ${node.state}, not down: removing it is a forced remove, and its engine carries on as if it were still in the swarm. Make ${name} leave the swarm first, or force the removal if the machine is gone.`,
          warnings,
          after: before,
        };
      }
      return { allowed: true, needsForce: false, reason: null, warnings, after: before };
    }

    case 'leave': {
      const stays = `${name} stays in the node list as down until it is removed.`;
      const unreachableDown =
        node.state === 'down' ? [`${name} is down: its own engine must answer for it to leave. If the machine is gone for good, remove the node instead.`] : [];
      if (node.role !== 'manager') return { allowed: true, needsForce: false, reason: null, warnings: [...unreachableDown, stays], after: before };

      // A manager that leaves stays a raft member, unreachable, until it is demoted and removed:
      // the count stays, the reachable managers drop (the engine counts it the same way).
      const after = quorumOf(managers.map((m) => (m.nodeId === node.nodeId ? { ...m, reachable: false, leader: false } : m)));
      const warnings = [...unreachableDown, ...leaderWarning(node, after), ...quorumWarnings(before, after, `${name} leaving`, 'leaves')];
      let reason: string;
      if (before.managers === 1) {
        reason = `${name} is the only manager: leaving erases the swarm's state (services, secrets, configs, networks) and strands its workers.`;
      } else if (after.lost) {
        reason = `${name} is a manager, and without it ${belowQuorum(after)}: the swarm could no longer be managed.`;
      } else {
        warnings.push(`${name} will stay listed as an unreachable manager until it is demoted and removed.`);
        reason = `${name} is a manager: the engine lets a manager leave only when forced. The safe way is to demote ${name} first, then let it leave.`;
      }
      return { allowed: true, needsForce: true, reason, warnings, after };
    }

    case 'availability': {
      const wanted = change.availability;
      if (node.availability === wanted) return refuse(`${name} is already ${AVAILABILITY_WORD[wanted]}.`, before);
      const warnings = [...clusterWarnings(before), ...downWarning(node)];
      if (wanted !== 'active') {
        const otherActive = nodes.some((n) => n.nodeId !== node.nodeId && n.availability === 'active' && n.state === 'ready');
        if (!otherActive) warnings.push(`${AVAILABILITY_VERB[wanted]} ${name} leaves no other active node: new tasks will stay pending.`);
      }
      return { allowed: true, needsForce: false, reason: null, warnings, after: before };
    }
  }
}
