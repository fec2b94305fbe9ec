// Raft quorum arithmetic for swarm managers, and the guard that judges a node change before it is sent. Pure.
// What the guard says is a message (swarms.quorumGuard.*), put in the reader's language where it is shown.
import { msg, type Message } from '@/lib/i18n/message.ts';

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
export function evenManagersWarning(managersNow: number | null, joiningAsManagers: number): Message | null {
  if (managersNow === null || joiningAsManagers === 0) return null;
  const after = managersNow + joiningAsManagers;
  if (after % 2 === 1) return null;
  const tolerates = faultTolerance(after);
  return msg('swarms.quorumGuard.even', { after, lost: tolerates + 1, fewer: after - 1 });
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
  reason: Message | null;
  warnings: Message[];
  /** The managers' quorum as it would be after the change. */
  after: QuorumState;
};

const managerStates = (nodes: GuardNode[]): ManagerState[] =>
  nodes.filter((n) => n.role === 'manager').map((n) => ({ nodeId: n.nodeId, hostname: n.hostname, reachable: n.reachable, leader: n.leader }));

const refuse = (reason: Message, after: QuorumState): ChangeVerdict => ({ allowed: false, needsForce: false, reason, warnings: [], after });

/** What the managers' quorum looks like now, said before a change that needs the managers to agree. */
function clusterWarnings(before: QuorumState): Message[] {
  if (before.managers === 0) return [];
  if (before.lost) {
    return [msg('swarms.quorumGuard.noQuorumNow', { reachable: before.reachable, managers: before.managers })];
  }
  if (before.electing) return [msg('swarms.quorumGuard.electing')];
  return [];
}

/** Warnings about the managers left after a change of the manager set (none when quorum is lost: the reason says more). */
function quorumWarnings(before: QuorumState, after: QuorumState, doing: 'evenDemote' | 'evenPromote' | 'evenLeave', node: string): Message[] {
  if (after.lost || after.managers === 0) return [];
  const warnings: Message[] = [];
  if (after.managers !== before.managers && after.managers % 2 === 0) {
    warnings.push(msg(`swarms.quorumGuard.${doing}`, { node, managers: after.managers }));
  }
  if (after.faultTolerance === 0 && (after.managers > 1 || after.faultTolerance < before.faultTolerance)) {
    warnings.push(msg('swarms.quorumGuard.noTolerance', { managers: after.managers }));
  } else if (after.reachable === after.quorum && after.reachable < after.managers) {
    warnings.push(msg('swarms.quorumGuard.justQuorum', { reachable: after.reachable, managers: after.managers }));
  }
  return warnings;
}

/** Losing the leader pauses every change for an election; unless nothing can be elected anyway. */
const leaderWarning = (node: GuardNode, after: QuorumState): Message[] =>
  node.leader && node.reachable && !after.lost ? [msg('swarms.quorumGuard.leader', { node: node.hostname })] : [];

const downWarning = (node: GuardNode): Message[] => (node.state === 'down' ? [msg('swarms.quorumGuard.down', { node: node.hostname })] : []);

const belowQuorum = (after: QuorumState) => msg('swarms.quorumGuard.belowQuorum', { reachable: after.reachable, managers: after.managers, quorum: after.quorum });

export function judgeNodeChange(nodes: GuardNode[], change: NodeChange): ChangeVerdict {
  const managers = managerStates(nodes);
  const before = quorumOf(managers);
  const node = nodes.find((n) => n.nodeId === change.nodeId);
  if (!node) return refuse(msg('swarms.quorumGuard.noNode', { id: change.nodeId }), before);
  const name = node.hostname;
  const others = managers.filter((m) => m.nodeId !== node.nodeId);

  switch (change.kind) {
    case 'demote': {
      if (node.role !== 'manager') return refuse(msg('swarms.quorumGuard.alreadyWorker', { node: name }), before);
      const after = quorumOf(others);
      // The engine refuses both of these whatever the caller says (swarmkit's UpdateNode checks), so forcing cannot help.
      if (before.managers === 1) {
        return refuse(msg('swarms.quorumGuard.onlyManager', { node: name }), after);
      }
      if (after.lost) {
        return refuse(msg('swarms.quorumGuard.demoteBreaks', { node: name, below: belowQuorum(after) }), after);
      }
      return {
        allowed: true,
        needsForce: false,
        reason: null,
        warnings: [...clusterWarnings(before), ...downWarning(node), ...leaderWarning(node, after), ...quorumWarnings(before, after, 'evenDemote', name)],
        after,
      };
    }

    case 'promote': {
      if (node.role === 'manager') return refuse(msg('swarms.quorumGuard.alreadyManager', { node: name }), before);
      const after = quorumOf([...managers, { nodeId: node.nodeId, hostname: name, reachable: node.state === 'ready', leader: false }]);
      // A manager that is not there on promotion joins the raft as unreachable and only costs fault tolerance.
      if (node.state !== 'ready') return refuse(msg('swarms.quorumGuard.notReady', { node: name, state: node.state }), after);
      return {
        allowed: true,
        needsForce: false,
        reason: null,
        warnings: [...clusterWarnings(before), ...quorumWarnings(before, after, 'evenPromote', name)],
        after,
      };
    }

    case 'remove': {
      if (node.role === 'manager') {
        // The engine refuses to remove a raft member even when forced.
        return refuse(msg('swarms.quorumGuard.managerRemove', { node: name }), quorumOf(others));
      }
      const warnings = clusterWarnings(before);
      if (node.state !== 'down') {
        return {
          allowed: true,
          needsForce: true,
          reason: msg('swarms.quorumGuard.forcedRemove', { node: name, state: node.state }),
          warnings,
          after: before,
        };
      }
      return { allowed: true, needsForce: false, reason: null, warnings, after: before };
    }

    case 'leave': {
      const stays = msg('swarms.quorumGuard.staysListed', { node: name });
      const unreachableDown =
        node.state === 'down' ? [msg('swarms.quorumGuard.leaveDown', { node: name })] : [];
      if (node.role !== 'manager') return { allowed: true, needsForce: false, reason: null, warnings: [...unreachableDown, stays], after: before };

      // A manager that leaves stays a raft member, unreachable, until it is demoted and removed:
      // the count stays, the reachable managers drop (the engine counts it the same way).
      const after = quorumOf(managers.map((m) => (m.nodeId === node.nodeId ? { ...m, reachable: false, leader: false } : m)));
      const warnings = [...unreachableDown, ...leaderWarning(node, after), ...quorumWarnings(before, after, 'evenLeave', name)];
      let reason: Message;
      if (before.managers === 1) {
        reason = msg('swarms.quorumGuard.onlyManagerLeave', { node: name });
      } else if (after.lost) {
        reason = msg('swarms.quorumGuard.leaveBreaks', { node: name, below: belowQuorum(after) });
      } else {
        warnings.push(msg('swarms.quorumGuard.staysUnreachable', { node: name }));
        reason = msg('swarms.quorumGuard.managerLeave', { node: name });
      }
      return { allowed: true, needsForce: true, reason, warnings, after };
    }

    case 'availability': {
      const wanted = change.availability;
      if (node.availability === wanted) return refuse(msg('swarms.quorumGuard.alreadyAvailability', { node: name, availability: wanted }), before);
      const warnings = [...clusterWarnings(before), ...downWarning(node)];
      if (wanted !== 'active') {
        const otherActive = nodes.some((n) => n.nodeId !== node.nodeId && n.availability === 'active' && n.state === 'ready');
        if (!otherActive) warnings.push(msg('swarms.quorumGuard.noOtherActive', { node: name, availability: wanted }));
      }
      return { allowed: true, needsForce: false, reason: null, warnings, after: before };
    }
  }
}
