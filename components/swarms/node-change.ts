// What a node action would do, judged before it is sent: the verdict of the quorum guard, the
// words for the confirmation, and the call to make. Pure, apart from the action it returns.
import { judgeNodeChange, type ChangeVerdict } from '@/lib/models/swarms/quorum.ts';
import type { NodeView } from '@/lib/services/swarms/swarm-views.ts';
import { toGuardNode } from './format.ts';

export type NodeAction =
  | { kind: 'promote' }
  | { kind: 'demote' }
  | { kind: 'availability'; availability: 'active' | 'pause' | 'drain' }
  | { kind: 'remove' }
  | { kind: 'leave' };

export type NodeCall =
  | { action: 'update'; change: { kind: 'role'; role: 'worker' | 'manager' } | { kind: 'availability'; availability: 'active' | 'pause' | 'drain' } }
  | { action: 'remove' }
  | { action: 'leave'; hostId: string };

export type ChangePlan = {
  title: string;
  /** What happens, in a sentence. */
  consequence: string;
  confirmLabel: string;
  /** Said on success. */
  done: string;
  verdict: ChangeVerdict;
  call: NodeCall;
};

const AVAILABILITY = {
  active: {
    verb: 'Activate',
    done: 'is active',
    consequence: (n: string) => `${n} takes new tasks again. Tasks that moved away stay where they are until the swarm reschedules them.`,
  },
  pause: { verb: 'Pause', done: 'is paused', consequence: (n: string) => `No new tasks are placed on ${n}; the tasks it runs keep running.` },
  drain: {
    verb: 'Drain',
    done: 'is draining',
    consequence: (n: string) => `The swarm stops the tasks on ${n} and starts them on other nodes; no new tasks are placed on it.`,
  },
} as const;

/** Wharf removes the node of a host that left (the guard speaks of a bare "docker swarm leave"). */
const withoutStaysListed = (verdict: ChangeVerdict): ChangeVerdict => ({ ...verdict, warnings: verdict.warnings.filter((w) => !w.endsWith('until it is removed.')) });

export function planNodeChange(nodes: NodeView[], node: NodeView, action: NodeAction): ChangePlan {
  const guard = nodes.map(toGuardNode);
  const n = node.hostname;
  switch (action.kind) {
    case 'promote':
      return {
        title: `Promote ${n} to manager?`,
        consequence: `${n} becomes a manager: it keeps a copy of the cluster state and votes in leader elections.`,
        confirmLabel: `Promote ${n}`,
        done: `${n} is a manager`,
        verdict: judgeNodeChange(guard, { kind: 'promote', nodeId: node.id }),
        call: { action: 'update', change: { kind: 'role', role: 'manager' } },
      };
    case 'demote':
      return {
        title: `Demote ${n} to worker?`,
        consequence: `${n} stops being a manager and only runs tasks.`,
        confirmLabel: `Demote ${n}`,
        done: `${n} is a worker`,
        verdict: judgeNodeChange(guard, { kind: 'demote', nodeId: node.id }),
        call: { action: 'update', change: { kind: 'role', role: 'worker' } },
      };
    case 'availability': {
      const words = AVAILABILITY[action.availability];
      return {
        title: `${words.verb} ${n}?`,
        consequence: words.consequence(n),
        confirmLabel: `${words.verb} ${n}`,
        done: `${n} ${words.done}`,
        verdict: judgeNodeChange(guard, { kind: 'availability', nodeId: node.id, availability: action.availability }),
        call: { action: 'update', change: { kind: 'availability', availability: action.availability } },
      };
    }
    case 'remove':
      return {
        title: `Remove ${n} from the swarm?`,
        consequence: `${n} is taken off the swarm's node list and its tasks are scheduled elsewhere. To bring the machine back, join it again.`,
        confirmLabel: `Remove ${n}`,
        done: `${n} was removed`,
        verdict: judgeNodeChange(guard, { kind: 'remove', nodeId: node.id }),
        call: { action: 'remove' },
      };
    case 'leave': {
      const base = { title: `Make ${n} leave the swarm?`, confirmLabel: `${n} leaves`, done: `${n} left the swarm`, call: { action: 'leave' as const, hostId: node.hostId ?? '' } };
      if (!node.hostId) {
        const verdict = judgeNodeChange(guard, { kind: 'leave', nodeId: node.id });
        return { ...base, consequence: '', verdict: { ...verdict, allowed: false, reason: `${n} is not a registered host: Wharf cannot ask its engine to leave. Run "docker swarm leave" on it, then remove the node.` } };
      }
      if (node.role === 'manager') {
        // The server demotes a manager first when the swarm can spare it, and needs force only when it cannot.
        const demotion = judgeNodeChange(guard, { kind: 'demote', nodeId: node.id });
        if (demotion.allowed) {
          return { ...base, consequence: `Wharf demotes ${n} to worker first, then its engine leaves the swarm and its node is removed from the list.`, verdict: demotion };
        }
        const leave = judgeNodeChange(guard, { kind: 'leave', nodeId: node.id });
        return {
          ...base,
          confirmLabel: `${n} leaves by force`,
          consequence: `${demotion.reason ?? ''} It can only leave by force, which ends its part in the swarm for good.`,
          verdict: { ...leave, allowed: true, needsForce: true, reason: leave.reason ?? demotion.reason },
        };
      }
      return {
        ...base,
        consequence: `The engine of ${n} leaves the swarm; its tasks are scheduled elsewhere and Wharf removes the node from the list.`,
        verdict: withoutStaysListed(judgeNodeChange(guard, { kind: 'leave', nodeId: node.id })),
      };
    }
  }
}
