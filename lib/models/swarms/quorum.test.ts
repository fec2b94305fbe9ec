// Quorum arithmetic and the node-change guard, on 1-, 2-, 3- and 5-manager swarms with down and unreachable nodes.
import { describe, expect, it } from 'vitest';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { evenManagersWarning, faultTolerance, judgeNodeChange, quorumOf, type ChangeVerdict, type GuardNode, type ManagerState } from '@/lib/models/swarms/quorum.ts';

const managerStates = (count: number, reachable: number, leaderIndex: number | null): ManagerState[] =>
  Array.from({ length: count }, (_, i) => ({ nodeId: `m${i + 1}`, hostname: `lab-${i + 1}`, reachable: i < reachable, leader: i === leaderIndex }));

/** A ready, reachable manager; options make it the leader, down, or unreachable. */
function manager(n: number, options: Partial<GuardNode> = {}): GuardNode {
  return { nodeId: `m${n}`, hostname: `lab-${n}`, role: 'manager', reachable: true, leader: false, availability: 'active', state: 'ready', ...options };
}
const downManager = (n: number) => manager(n, { reachable: false, state: 'down' });
function worker(n: number, options: Partial<GuardNode> = {}): GuardNode {
  return { nodeId: `w${n}`, hostname: `worker-${n}`, role: 'worker', reachable: options.state === undefined || options.state === 'ready', leader: false, availability: 'active', state: 'ready', ...options };
}

const ONE = [manager(1, { leader: true }), worker(1), worker(2)];
const TWO = [manager(1, { leader: true }), manager(2), worker(1)];
const THREE = [manager(1, { leader: true }), manager(2), manager(3), worker(1), worker(2)];
const FIVE = [manager(1, { leader: true }), manager(2), manager(3), manager(4), manager(5), worker(1)];

/** A verdict as an English reader sees it (the guard says messages, rendered where they are shown). */
type EnglishVerdict = Omit<ChangeVerdict, 'reason' | 'warnings'> & { reason: string | null; warnings: string[] };
const english = (verdict: ChangeVerdict): EnglishVerdict => ({ ...verdict, reason: verdict.reason && renderMessage(verdict.reason, 'en'), warnings: verdict.warnings.map((w) => renderMessage(w, 'en')) });

/** The invariants every verdict keeps, whatever the change. */
function judge(nodes: GuardNode[], change: Parameters<typeof judgeNodeChange>[1]): EnglishVerdict {
  const verdict = english(judgeNodeChange(nodes, change));
  if (!verdict.allowed) expect(verdict.needsForce).toBe(false);
  if (!verdict.allowed || verdict.needsForce) expect(verdict.reason).toMatch(/\S/);
  else expect(verdict.reason).toBeNull();
  return verdict;
}

const evenWarning = (now: number | null, joining: number) => {
  const said = evenManagersWarning(now, joining);
  return said && renderMessage(said, 'en');
};

const EVEN = (doing: string, count: number) => `${doing} ${count} managers: an even number tolerates no more failures than one fewer.`;
const NO_TOLERANCE = (count: number) => `After this, the swarm tolerates no manager failure: losing any one of its ${count} managers stops all changes to the cluster.`;
const MARGIN = (reachable: number, count: number) =>
  `After this, only ${reachable} of ${count} managers are reachable, just enough for a quorum: one more failure stops all changes to the cluster.`;

describe('faultTolerance', () => {
  it.each([
    [0, 0],
    [1, 0],
    [2, 0],
    [3, 1],
    [4, 1],
    [5, 2],
    [6, 2],
    [7, 3],
    [9, 4],
  ])('%i managers tolerate %i failures', (managers, tolerated) => {
    expect(faultTolerance(managers)).toBe(tolerated);
  });
});

describe('quorumOf', () => {
  const QUORUM = [1, 1, 2, 2, 3, 3, 4, 4];
  const TOLERANCE = [0, 0, 0, 1, 1, 2, 2, 3];

  for (let n = 0; n <= 7; n++) {
    for (let r = 0; r <= n; r++) {
      for (const leader of [true, false]) {
        if (leader && r === 0) continue;
        it(`${n} managers, ${r} reachable, ${leader ? 'a leader' : 'no leader'}`, () => {
          const state = quorumOf(managerStates(n, r, leader ? 0 : null));
          const lost = r < QUORUM[n];
          expect(state).toEqual({
            managers: n,
            reachable: r,
            quorum: QUORUM[n],
            faultTolerance: TOLERANCE[n],
            hasLeader: leader,
            lost,
            electing: !lost && !leader,
          });
        });
      }
    }
  }

  it('no managers at all: lost, never electing', () => {
    expect(quorumOf([])).toEqual({ managers: 0, reachable: 0, quorum: 1, faultTolerance: 0, hasLeader: false, lost: true, electing: false });
  });

  it('a leader flag on an unreachable manager is stale: no leader', () => {
    const state = quorumOf([
      { nodeId: 'a', hostname: 'a', reachable: false, leader: true },
      { nodeId: 'b', hostname: 'b', reachable: true, leader: false },
      { nodeId: 'c', hostname: 'c', reachable: true, leader: false },
    ]);
    expect(state).toMatchObject({ hasLeader: false, lost: false, electing: true });
  });

  it('exactly half reachable is not a quorum (2 of 4, 3 of 6)', () => {
    expect(quorumOf(managerStates(4, 2, 0)).lost).toBe(true);
    expect(quorumOf(managerStates(6, 3, 0)).lost).toBe(true);
    expect(quorumOf(managerStates(6, 4, 0)).lost).toBe(false);
  });

  it('lost with a leader still reported (the leader steps down shortly)', () => {
    expect(quorumOf(managerStates(3, 1, 0))).toMatchObject({ hasLeader: true, lost: true, electing: false });
  });
});

describe('judgeNodeChange', () => {
  describe('refused outright', () => {
    it('an unknown node id', () => {
      const verdict = judge(THREE, { kind: 'demote', nodeId: 'nope' });
      expect(verdict).toEqual({ allowed: false, needsForce: false, reason: 'No node with ID nope is in this swarm.', warnings: [], after: quorumOf(managerStates(3, 3, 0)) });
      for (const kind of ['promote', 'remove', 'leave'] as const) expect(judge(THREE, { kind, nodeId: 'nope' }).allowed).toBe(false);
      expect(judge(THREE, { kind: 'availability', nodeId: 'nope', availability: 'drain' }).allowed).toBe(false);
    });

    it('an unknown node in an empty list', () => {
      expect(judge([], { kind: 'promote', nodeId: 'w1' })).toMatchObject({ allowed: false, after: { managers: 0, lost: true } });
    });

    it('demoting a worker', () => {
      expect(judge(THREE, { kind: 'demote', nodeId: 'w1' })).toMatchObject({ allowed: false, reason: 'worker-1 is already a worker.', after: { managers: 3 } });
    });

    it('promoting a manager', () => {
      expect(judge(THREE, { kind: 'promote', nodeId: 'm2' })).toMatchObject({ allowed: false, reason: 'lab-2 is already a manager.', after: { managers: 3 } });
    });

    it.each(['down', 'disconnected', 'unknown'] as const)('promoting a %s node', (state) => {
      const nodes = [...THREE.filter((n) => n.nodeId !== 'w2'), worker(2, { state })];
      const verdict = judge(nodes, { kind: 'promote', nodeId: 'w2' });
      expect(verdict.allowed).toBe(false);
      expect(verdict.reason).toBe(`worker-2 is ${state}: only a ready node can be promoted to manager.`);
      // It would join as an unreachable manager.
      expect(verdict.after).toMatchObject({ managers: 4, reachable: 3 });
    });

    it.each([
      ['active', 'active'],
      ['pause', 'paused'],
      ['drain', 'drained'],
    ] as const)('setting availability %s on a node that already has it', (availability, word) => {
      const nodes = [manager(1, { leader: true }), worker(1, { availability })];
      expect(judge(nodes, { kind: 'availability', nodeId: 'w1', availability })).toMatchObject({ allowed: false, reason: `worker-1 is already ${word}.` });
    });

    it('demoting the only manager (the engine refuses this even when forced)', () => {
      const verdict = judge(ONE, { kind: 'demote', nodeId: 'm1' });
      expect(verdict).toMatchObject({ allowed: false, needsForce: false, warnings: [] });
      expect(verdict.reason).toBe('lab-1 is the only manager, and a swarm cannot run without one: promote another node first, then demote lab-1.');
      expect(verdict.after).toMatchObject({ managers: 0, lost: true });
    });

    it('demoting a manager whose loss breaks quorum (3 managers, one down)', () => {
      const nodes = [manager(1, { leader: true }), manager(2), downManager(3)];
      const verdict = judge(nodes, { kind: 'demote', nodeId: 'm2' });
      expect(verdict.allowed).toBe(false);
      expect(verdict.reason).toBe(
        'Demoting lab-2 would break quorum: 1 of 2 managers would stay reachable, fewer than the 2 a quorum needs, so the swarm refuses it. Bring the unreachable managers back first.',
      );
      expect(verdict.after).toMatchObject({ managers: 2, reachable: 1, quorum: 2, lost: true });
    });

    it('demoting a reachable manager of 5 with 2 down breaks quorum', () => {
      const nodes = [manager(1, { leader: true }), manager(2), manager(3), downManager(4), downManager(5)];
      const verdict = judge(nodes, { kind: 'demote', nodeId: 'm3' });
      expect(verdict.allowed).toBe(false);
      expect(verdict.reason).toContain('2 of 4 managers would stay reachable, fewer than the 3 a quorum needs');
    });

    it('demoting a down manager of a swarm that already lost quorum past repair', () => {
      const nodes = [manager(1, { leader: true }), downManager(2), downManager(3)];
      expect(judge(nodes, { kind: 'demote', nodeId: 'm3' })).toMatchObject({ allowed: false, after: { managers: 2, reachable: 1, lost: true } });
    });

    it('removing a manager, even a down one or the last one: demote first', () => {
      for (const [nodes, id, host] of [
        [THREE, 'm2', 'lab-2'],
        [[manager(1, { leader: true }), manager(2), downManager(3)], 'm3', 'lab-3'],
        [ONE, 'm1', 'lab-1'],
      ] as const) {
        const verdict = judge([...nodes], { kind: 'remove', nodeId: id });
        expect(verdict).toMatchObject({ allowed: false, needsForce: false, reason: `${host} is a manager: demote it to worker first, then remove it.` });
      }
    });
  });

  describe('demote', () => {
    it('one of two managers: allowed, one manager left, nothing more to lose', () => {
      const verdict = judge(TWO, { kind: 'demote', nodeId: 'm2' });
      expect(verdict).toEqual({ allowed: true, needsForce: false, reason: null, warnings: [], after: quorumOf([{ nodeId: 'm1', hostname: 'lab-1', reachable: true, leader: true }]) });
    });

    it('one of three: an even count and no fault tolerance left', () => {
      const verdict = judge(THREE, { kind: 'demote', nodeId: 'm3' });
      expect(verdict.allowed).toBe(true);
      expect(verdict.warnings).toEqual([EVEN('Demoting lab-3 leaves', 2), NO_TOLERANCE(2)]);
      expect(verdict.after).toMatchObject({ managers: 2, reachable: 2, quorum: 2, faultTolerance: 0, hasLeader: true, lost: false });
    });

    it('one of five: an even count, still one failure tolerated', () => {
      const verdict = judge(FIVE, { kind: 'demote', nodeId: 'm5' });
      expect(verdict.warnings).toEqual([EVEN('Demoting lab-5 leaves', 4)]);
      expect(verdict.after).toMatchObject({ managers: 4, quorum: 3, faultTolerance: 1 });
    });

    it('a reachable one of five with one down: just enough for a quorum afterwards', () => {
      const nodes = [manager(1, { leader: true }), manager(2), manager(3), manager(4), downManager(5)];
      const verdict = judge(nodes, { kind: 'demote', nodeId: 'm4' });
      expect(verdict.allowed).toBe(true);
      expect(verdict.warnings).toEqual([EVEN('Demoting lab-4 leaves', 4), MARGIN(3, 4)]);
    });

    it('a down manager: allowed, and the change applies when it returns', () => {
      const nodes = [manager(1, { leader: true }), manager(2), downManager(3), worker(1)];
      const verdict = judge(nodes, { kind: 'demote', nodeId: 'm3' });
      expect(verdict.allowed).toBe(true);
      expect(verdict.warnings).toEqual(['lab-3 is down: the change applies when it returns.', EVEN('Demoting lab-3 leaves', 2), NO_TOLERANCE(2)]);
      expect(verdict.after).toMatchObject({ managers: 2, reachable: 2, lost: false });
    });

    it('a down manager of five with two down', () => {
      const nodes = [manager(1, { leader: true }), manager(2), manager(3), downManager(4), downManager(5)];
      const verdict = judge(nodes, { kind: 'demote', nodeId: 'm5' });
      expect(verdict.allowed).toBe(true);
      expect(verdict.warnings).toEqual(['lab-5 is down: the change applies when it returns.', EVEN('Demoting lab-5 leaves', 4), MARGIN(3, 4)]);
    });

    it('the down manager of two restores quorum on paper, but the swarm cannot agree to it now', () => {
      const nodes = [manager(1, { leader: true }), downManager(2)];
      const verdict = judge(nodes, { kind: 'demote', nodeId: 'm2' });
      expect(verdict.allowed).toBe(true);
      expect(verdict.warnings).toEqual([
        'The swarm has no quorum now (1 of 2 managers reachable): the managers will refuse this change until more than half of them are back online.',
        'lab-2 is down: the change applies when it returns.',
      ]);
      expect(verdict.after).toMatchObject({ managers: 1, reachable: 1, lost: false });
    });

    it('the leader: allowed, and the others elect a new one', () => {
      const verdict = judge(FIVE, { kind: 'demote', nodeId: 'm1' });
      expect(verdict.allowed).toBe(true);
      expect(verdict.warnings).toEqual(['lab-1 is the leader: the other managers elect a new one, and changes wait a few seconds for it.', EVEN('Demoting lab-1 leaves', 4)]);
      expect(verdict.after).toMatchObject({ managers: 4, hasLeader: false, electing: true });
    });

    it('while the managers are electing a leader', () => {
      const nodes = [manager(1), manager(2), manager(3), manager(4), manager(5)];
      const verdict = judge(nodes, { kind: 'demote', nodeId: 'm5' });
      expect(verdict.warnings[0]).toBe('The managers are electing a leader: the change may fail until they have one. Try again in a few seconds if it does.');
    });
  });

  describe('promote', () => {
    it('a ready worker next to a single manager: two managers tolerate no failure either', () => {
      const verdict = judge(ONE, { kind: 'promote', nodeId: 'w1' });
      expect(verdict).toMatchObject({ allowed: true, needsForce: false, reason: null });
      expect(verdict.warnings).toEqual([EVEN('Promoting worker-1 makes', 2), NO_TOLERANCE(2)]);
      expect(verdict.after).toMatchObject({ managers: 2, reachable: 2, quorum: 2, faultTolerance: 0 });
    });

    it('to a third manager: no warnings, one failure tolerated', () => {
      const verdict = judge(TWO, { kind: 'promote', nodeId: 'w1' });
      expect(verdict.warnings).toEqual([]);
      expect(verdict.after).toMatchObject({ managers: 3, reachable: 3, faultTolerance: 1 });
    });

    it('to a fourth manager while one is down', () => {
      const nodes = [manager(1, { leader: true }), manager(2), downManager(3), worker(1)];
      const verdict = judge(nodes, { kind: 'promote', nodeId: 'w1' });
      expect(verdict.warnings).toEqual([EVEN('Promoting worker-1 makes', 4), MARGIN(3, 4)]);
    });

    it('to a sixth manager', () => {
      expect(judge(FIVE, { kind: 'promote', nodeId: 'w1' }).warnings).toEqual([EVEN('Promoting worker-1 makes', 6)]);
    });

    it('a drained or paused worker can still be promoted', () => {
      expect(judge([manager(1, { leader: true }), manager(2), worker(1, { availability: 'drain' })], { kind: 'promote', nodeId: 'w1' }).allowed).toBe(true);
    });

    it('in a swarm without quorum: allowed on paper, with the warning', () => {
      const nodes = [manager(1, { leader: true }), downManager(2), downManager(3), worker(1)];
      const verdict = judge(nodes, { kind: 'promote', nodeId: 'w1' });
      expect(verdict.warnings[0]).toContain('no quorum now (1 of 3 managers reachable)');
      expect(verdict.after).toMatchObject({ managers: 4, reachable: 2, lost: true });
    });
  });

  describe('remove', () => {
    it('a down worker: allowed without force', () => {
      const nodes = [...THREE, worker(3, { state: 'down' })];
      expect(judge(nodes, { kind: 'remove', nodeId: 'w3' })).toEqual({ allowed: true, needsForce: false, reason: null, warnings: [], after: quorumOf(managerStates(3, 3, 0)) });
    });

    it.each(['ready', 'disconnected', 'unknown'] as const)('a %s worker needs force (the engine\'s forced remove)', (state) => {
      const nodes = [...THREE, worker(3, { state })];
      const verdict = judge(nodes, { kind: 'remove', nodeId: 'w3' });
      expect(verdict).toMatchObject({ allowed: true, needsForce: true });
      expect(verdict.reason).toBe(
        `worker-3 is ${state}, not down: removing it is a forced remove, and its engine carries on as if it were still in the swarm. Make worker-3 leave the swarm first, or force the removal if the machine is gone.`,
      );
      expect(verdict.after.managers).toBe(3);
    });

    it('a down worker of a swarm without quorum', () => {
      const nodes = [manager(1, { leader: true }), downManager(2), worker(1, { state: 'down' })];
      expect(judge(nodes, { kind: 'remove', nodeId: 'w1' }).warnings[0]).toContain('no quorum now (1 of 2 managers reachable)');
    });
  });

  describe('leave', () => {
    it('a ready worker: allowed, and it stays listed until removed', () => {
      expect(judge(THREE, { kind: 'leave', nodeId: 'w1' })).toEqual({
        allowed: true,
        needsForce: false,
        reason: null,
        warnings: ['worker-1 stays in the node list as down until it is removed.'],
        after: quorumOf(managerStates(3, 3, 0)),
      });
    });

    it('a down worker: its engine must answer', () => {
      const nodes = [...TWO, worker(3, { state: 'down' })];
      expect(judge(nodes, { kind: 'leave', nodeId: 'w3' }).warnings).toEqual([
        'worker-3 is down: its own engine must answer for it to leave. If the machine is gone for good, remove the node instead.',
        'worker-3 stays in the node list as down until it is removed.',
      ]);
    });

    it('the only manager: needs force, and says the swarm is erased', () => {
      const verdict = judge(ONE, { kind: 'leave', nodeId: 'm1' });
      expect(verdict).toMatchObject({ allowed: true, needsForce: true });
      expect(verdict.reason).toBe("lab-1 is the only manager: leaving erases the swarm's state (services, secrets, configs, networks) and strands its workers.");
      expect(verdict.after).toMatchObject({ managers: 1, reachable: 0, lost: true, hasLeader: false });
    });

    it('one of two managers breaks quorum (the leaver stays a raft member)', () => {
      const verdict = judge(TWO, { kind: 'leave', nodeId: 'm2' });
      expect(verdict).toMatchObject({ allowed: true, needsForce: true, warnings: [] });
      expect(verdict.reason).toBe('lab-2 is a manager, and without it 1 of 2 managers would stay reachable, fewer than the 2 a quorum needs: the swarm could no longer be managed.');
      expect(verdict.after).toMatchObject({ managers: 2, reachable: 1, lost: true });
    });

    it('one of three healthy managers: needs force all the same, the engine demands it', () => {
      const verdict = judge(THREE, { kind: 'leave', nodeId: 'm3' });
      expect(verdict).toMatchObject({ allowed: true, needsForce: true });
      expect(verdict.reason).toBe('lab-3 is a manager: the engine lets a manager leave only when forced. The safe way is to demote lab-3 first, then let it leave.');
      expect(verdict.warnings).toEqual([MARGIN(2, 3), 'lab-3 will stay listed as an unreachable manager until it is demoted and removed.']);
      expect(verdict.after).toMatchObject({ managers: 3, reachable: 2, quorum: 2, lost: false });
    });

    it('one of five healthy managers', () => {
      const verdict = judge(FIVE, { kind: 'leave', nodeId: 'm4' });
      expect(verdict.needsForce).toBe(true);
      expect(verdict.warnings).toEqual(['lab-4 will stay listed as an unreachable manager until it is demoted and removed.']);
    });

    it('the leader of three: the others elect a new one', () => {
      const verdict = judge(THREE, { kind: 'leave', nodeId: 'm1' });
      expect(verdict.warnings[0]).toBe('lab-1 is the leader: the other managers elect a new one, and changes wait a few seconds for it.');
      expect(verdict.after).toMatchObject({ reachable: 2, hasLeader: false, electing: true });
    });

    it('a reachable manager of three with one down breaks quorum', () => {
      const nodes = [manager(1, { leader: true }), manager(2), downManager(3)];
      expect(judge(nodes, { kind: 'leave', nodeId: 'm2' }).reason).toContain('without it 1 of 3 managers would stay reachable, fewer than the 2 a quorum needs');
    });

    it('a down manager', () => {
      const nodes = [manager(1, { leader: true }), manager(2), downManager(3)];
      const verdict = judge(nodes, { kind: 'leave', nodeId: 'm3' });
      expect(verdict.needsForce).toBe(true);
      expect(verdict.warnings[0]).toContain('lab-3 is down: its own engine must answer for it to leave');
      expect(verdict.after).toMatchObject({ managers: 3, reachable: 2, lost: false });
    });
  });

  describe('availability', () => {
    it('draining the only active node: new tasks will stay pending', () => {
      const nodes = [manager(1, { leader: true }), worker(1, { availability: 'drain' })];
      const verdict = judge(nodes, { kind: 'availability', nodeId: 'm1', availability: 'drain' });
      expect(verdict).toEqual({
        allowed: true,
        needsForce: false,
        reason: null,
        warnings: ['Draining lab-1 leaves no other active node: new tasks will stay pending.'],
        after: quorumOf([{ nodeId: 'm1', hostname: 'lab-1', reachable: true, leader: true }]),
      });
    });

    it('pausing the only active node', () => {
      expect(judge(ONE.slice(0, 1), { kind: 'availability', nodeId: 'm1', availability: 'pause' }).warnings).toEqual([
        'Pausing lab-1 leaves no other active node: new tasks will stay pending.',
      ]);
    });

    it('draining when other active nodes remain: no warning', () => {
      expect(judge(THREE, { kind: 'availability', nodeId: 'w1', availability: 'drain' }).warnings).toEqual([]);
      // A manager takes tasks like any node when active.
      expect(judge([manager(1, { leader: true }), worker(1)], { kind: 'availability', nodeId: 'w1', availability: 'drain' }).warnings).toEqual([]);
    });

    it('the other nodes are down, paused or drained: they do not count', () => {
      const nodes = [manager(1, { leader: true, availability: 'drain' }), worker(1), worker(2, { state: 'down' }), worker(3, { availability: 'pause' })];
      expect(judge(nodes, { kind: 'availability', nodeId: 'w1', availability: 'drain' }).warnings).toEqual([
        'Draining worker-1 leaves no other active node: new tasks will stay pending.',
      ]);
    });

    it('draining an already paused node that is the last hope still warns', () => {
      const nodes = [manager(1, { leader: true, availability: 'pause' })];
      expect(judge(nodes, { kind: 'availability', nodeId: 'm1', availability: 'drain' }).warnings).toHaveLength(1);
    });

    it('activating: never a pending warning', () => {
      const nodes = [manager(1, { leader: true, availability: 'drain' })];
      expect(judge(nodes, { kind: 'availability', nodeId: 'm1', availability: 'active' }).warnings).toEqual([]);
    });

    it('on a down node: applies when it returns', () => {
      const nodes = [...THREE, worker(3, { state: 'down' })];
      expect(judge(nodes, { kind: 'availability', nodeId: 'w3', availability: 'drain' }).warnings).toEqual(['worker-3 is down: the change applies when it returns.']);
    });

    it('does not change quorum, and manager-count warnings do not apply', () => {
      const verdict = judge(TWO, { kind: 'availability', nodeId: 'm2', availability: 'drain' });
      expect(verdict.warnings).toEqual([]);
      expect(verdict.after).toEqual(quorumOf(managerStates(2, 2, 0)));
    });

    it('in a swarm without quorum', () => {
      const nodes = [manager(1, { leader: true }), downManager(2), downManager(3), worker(1)];
      expect(judge(nodes, { kind: 'availability', nodeId: 'w1', availability: 'pause' }).warnings).toEqual([
        'The swarm has no quorum now (1 of 3 managers reachable): the managers will refuse this change until more than half of them are back online.',
      ]);
    });
  });

  it('never mutates the nodes it is given', () => {
    const nodes = structuredClone(FIVE);
    for (const kind of ['demote', 'promote', 'remove', 'leave'] as const) for (const n of nodes) judgeNodeChange(nodes, { kind, nodeId: n.nodeId });
    expect(nodes).toEqual(FIVE);
  });
});

describe('evenManagersWarning', () => {
  it('warns when a join leaves an even number of managers, saying why', () => {
    expect(evenWarning(1, 1)).toBe('The swarm would have 2 managers: it still stops accepting changes once 1 of them is lost, as with 1, and there is one more to lose. Join one more host as a manager, or one fewer.');
    expect(evenWarning(3, 1)).toContain('once 2 of them are lost, as with 3');
    expect(evenWarning(1, 3)).toContain('would have 4 managers');
  });
  it('says nothing when the count stays odd, no manager joins, or the count is unknown', () => {
    expect(evenWarning(1, 2)).toBeNull();
    expect(evenWarning(2, 1)).toBeNull();
    expect(evenWarning(1, 0)).toBeNull();
    expect(evenWarning(null, 1)).toBeNull();
  });
});
