// Every swarm error the lab produced, as dockerode delivers it, mapped to a code and a sentence; junk never throws.
import { describe, expect, it } from 'vitest';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { explainSwarmError as explainSaid } from '@/lib/services/engine/explain-swarm-error.ts';

/** The problem as an English reader sees it (the sentence rendered in English). */
function explainSwarmError(error: unknown, context: Parameters<typeof explainSaid>[1]) {
  const { said, ...rest } = explainSaid(error, context);
  return { ...rest, message: renderMessage(said, 'en') };
}
type SwarmProblem = ReturnType<typeof explainSwarmError>;

const REASON: Record<number, string> = { 404: 'no such node', 500: 'server error', 503: 'node is not part of a swarm' };

/** An error the way dockerode makes them: statusCode, json.message, and a prefixed message. */
function engineError(statusCode: number, message: string) {
  return Object.assign(new Error(`(HTTP code ${statusCode}) ${REASON[statusCode] ?? 'unexpected'} - ${message} `), { statusCode, reason: REASON[statusCode], json: { message } });
}

const ALREADY = 'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.';
const JOIN_TIMEOUT =
  'Timeout was reached before node joined. The attempt to join the swarm will continue in the background. Use the "docker info" command to see the current swarm status of your node.';
const NOT_MANAGER =
  "This node is not a swarm manager. Worker nodes can't be used to view or modify cluster state. Please run this command on a manager node or promote the current node to a manager.";
const NO_SWARM_MANAGER = 'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.';
const LOST_LEADER = 'rpc error: code = Unknown desc = raft: failed to process the request: node lost leader status';
const DEADLINE = 'rpc error: code = Unknown desc = context deadline exceeded';
const NO_LEADER = "The swarm does not have a leader. It's possible that too few managers are online. Make sure more than half of the managers are online.";
const LAST_MANAGER = 'rpc error: code = FailedPrecondition desc = attempting to demote the last manager of the swarm';
const NOT_DOWN = "rpc error: code = FailedPrecondition desc = node xyz is not down and can't be removed";
const IS_MANAGER = 'rpc error: code = FailedPrecondition desc = node xyz is a cluster manager and is a member of the raft cluster. It must be demoted to worker before removal';
const BAD_TOKEN = 'rpc error: code = InvalidArgument desc = A valid join token is necessary to join this cluster';
const OUT_OF_SEQUENCE = 'rpc error: code = Unknown desc = update out of sequence';

const CONTEXT = { host: 'lab-2', node: 'lab-3', managerAddr: '10.99.0.99:2377' };

const explain = (error: unknown, context = CONTEXT) => explainSwarmError(error, context);

describe('explainSwarmError', () => {
  describe('the errors seen on the lab', () => {
    it.each([
      ['swarm init on a node already in a swarm', 503, ALREADY, 'ALREADY_IN_SWARM', 'lab-2 is already part of a swarm. Make it leave that swarm first if it should start or join another one.'],
      ['cluster calls on a worker', 503, NOT_MANAGER, 'NOT_A_MANAGER', 'lab-2 is a worker, and only managers can view or change the cluster. Use a manager of the swarm, or promote lab-2 from one.'],
      ['cluster calls on an engine in no swarm (also worded "not a swarm manager")', 503, NO_SWARM_MANAGER, 'NOT_IN_SWARM', 'lab-2 is not part of a swarm (any more). Initialise a swarm on it, or join it to one.'],
      ['demoting the last manager', 500, LAST_MANAGER, 'LAST_MANAGER', 'lab-3 is the last manager, and a swarm cannot run without one. Promote another node first, then demote lab-3.'],
      ['removing a node that is not down', 500, NOT_DOWN, 'NODE_NOT_DOWN', 'lab-3 is not down, so the swarm will not remove it. Make it leave the swarm first, or force the removal if the machine is gone for good.'],
      ['removing a manager', 500, IS_MANAGER, 'MANAGER_NOT_REMOVABLE', 'lab-3 is a manager, and managers cannot be removed. Demote it to worker first, then remove it.'],
    ])('%s', (_label, status, raw, code, message) => {
      expect(explain(engineError(status, raw))).toEqual({ code, message, retryable: false });
    });

    it('cluster calls on an engine in no swarm, worded "not part of a swarm"', () => {
      expect(explain(engineError(503, 'This node is not part of a swarm')).code).toBe('NOT_IN_SWARM');
    });

    it('a join that timed out: names the host, the manager address and the port', () => {
      expect(explain(engineError(503, JOIN_TIMEOUT))).toEqual({
        code: 'JOIN_TIMEOUT',
        message: 'lab-2 could not reach the manager at 10.99.0.99:2377 within 20 s. Check that lab-2 can reach that address on TCP 2377 (routes, firewalls).',
        retryable: false,
      });
    });

    it('a join timeout through several managers, on another port', () => {
      const problem = explain(engineError(503, JOIN_TIMEOUT), { host: 'lab-2', node: '', managerAddr: '10.99.0.11:4000, 10.99.0.12:4000' });
      expect(problem.message).toBe(
        'lab-2 could not reach the managers at 10.99.0.11:4000, 10.99.0.12:4000 within 20 s. Check that lab-2 can reach those addresses on TCP 4000 (routes, firewalls).',
      );
    });

    it('a join timeout without any context', () => {
      expect(explainSwarmError(engineError(503, JOIN_TIMEOUT), {}).message).toBe(
        'This engine could not reach the manager within 20 s. Check that it can reach the manager on TCP 2377 (routes, firewalls).',
      );
    });

    it.each([
      ['node lost leader status', 500, LOST_LEADER],
      ['context deadline exceeded', 500, DEADLINE],
      ['the swarm does not have a leader', 503, NO_LEADER],
    ])('writes without quorum: %s', (_label, status, message) => {
      const problem = explain(engineError(status, message));
      expect(problem.code).toBe('NO_QUORUM');
      expect(problem.retryable).toBe(true);
      expect(problem.message).toBe(
        'The swarm (asked through lab-2) has no leader: more than half of its managers must be online for any change. ' +
          'Bring the stopped managers back; a leader is elected within seconds once enough are up. ' +
          'Only if they are gone for good, re-initialise with "docker swarm init --force-new-cluster" on a surviving manager (last resort: it keeps the state but drops the other managers).',
      );
    });

    it('a wrong or rotated join token, however it is worded', () => {
      const expected: SwarmProblem = {
        code: 'BAD_JOIN_TOKEN',
        message: 'The manager at 10.99.0.99:2377 refused the join token: it is wrong, or it has been rotated since. Copy the current token from a manager and try again.',
        retryable: false,
      };
      expect(explain(engineError(400, BAD_TOKEN))).toEqual(expected);
      expect(explain(engineError(500, 'rpc error: code = Unknown desc = invalid join token'))).toEqual(expected);
      expect(explain(engineError(400, 'Join Token is malformed'))).toEqual(expected);
    });

    it('a version conflict on update: retryable', () => {
      expect(explain(engineError(500, OUT_OF_SEQUENCE))).toEqual({ code: 'OUT_OF_SEQUENCE', message: 'lab-3 changed while this change was being made. Reload and apply it again.', retryable: true });
      expect(explainSwarmError(engineError(500, OUT_OF_SEQUENCE), { host: 'lab-1' }).message).toBe('The swarm changed while this change was being made. Reload and apply it again.');
    });
  });

  describe('other engine errors worth naming', () => {
    it('a demotion the swarm refuses because it would lose quorum', () => {
      const problem = explain(engineError(500, "rpc error: code = FailedPrecondition desc = can't remove member from the raft: this would result in a loss of quorum"));
      expect(problem).toMatchObject({ code: 'NO_QUORUM', retryable: false });
      expect(problem.message).toContain('without lab-3 as a manager');
    });

    it('a manager leaving without force, when that breaks quorum', () => {
      const problem = explain(
        engineError(
          503,
          'You are attempting to leave the swarm on a node that is participating as a manager. Removing this node leaves 1 managers out of 2. Without a Raft quorum your swarm will be inaccessible. The only way to restore a swarm that has lost consensus is to reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.',
        ),
      );
      expect(problem).toMatchObject({ code: 'NO_QUORUM', retryable: false });
      expect(problem.message).toMatch(/^lab-2 is a manager, and without it no more than half/);
    });

    it('the last manager leaving without force', () => {
      const problem = explain(
        engineError(503, 'You are attempting to leave the swarm on a node that is participating as a manager. Removing the last manager erases all current state of the swarm. Use `--force` to ignore this message. '),
      );
      expect(problem).toMatchObject({ code: 'LAST_MANAGER', retryable: false });
      expect(problem.message).toBe("lab-2 is the last manager: leaving erases the swarm's state (services, secrets, configs). Force it only if the swarm should go.");
    });

    it('a manager leaving without force, quorum safe', () => {
      const problem = explain(
        engineError(
          503,
          'You are attempting to leave the swarm on a node that is participating as a manager. The only way to restore a swarm that has lost consensus is to reinitialize it with `--force-new-cluster`. Use `--force` to suppress this message.',
        ),
      );
      expect(problem.code).toBe('UNKNOWN');
      expect(problem.message).toBe('lab-2 is a manager, and the engine lets a manager leave only when forced. Demote it first, then let it leave.');
    });

    it('a locked swarm', () => {
      const problem = explain(engineError(503, 'Swarm is encrypted and needs to be unlocked before it can be used. Please use "docker swarm unlock" to unlock it.'));
      expect(problem.code).toBe('UNKNOWN');
      expect(problem.message).toContain('The swarm on lab-2 is locked');
    });

    it.each([
      [404, 'node xyz not found'],
      [404, 'rpc error: code = NotFound desc = node xyz not found'],
      [500, 'rpc error: code = NotFound desc = service abc not found'],
      [404, 'no such service: web'],
      [404, ''],
    ])('not found (%i %s)', (status, message) => {
      expect(explain(engineError(status, message))).toEqual({ code: 'NOT_FOUND', message: 'lab-3 is no longer in the swarm. Reload the list.', retryable: false });
    });

    it('not found without a node name', () => {
      expect(explainSwarmError(engineError(404, 'task t1 not found'), {}).message).toBe('That object is no longer in the swarm. Reload the list.');
    });
  });

  describe('where the text comes from', () => {
    it('json.message first, as dockerode errors carry both', () => {
      const error = Object.assign(new Error('(HTTP code 503) unexpected - something else'), { statusCode: 503, json: { message: ALREADY } });
      expect(explain(error).code).toBe('ALREADY_IN_SWARM');
    });

    it('message alone, without json', () => {
      expect(explain(new Error(NOT_MANAGER)).code).toBe('NOT_A_MANAGER');
      expect(explain({ message: LAST_MANAGER }).code).toBe('LAST_MANAGER');
    });

    it('json given as a JSON string, or as plain text', () => {
      expect(explain({ statusCode: 500, json: JSON.stringify({ message: OUT_OF_SEQUENCE }) }).code).toBe('OUT_OF_SEQUENCE');
      expect(explain({ statusCode: 500, json: NOT_DOWN }).code).toBe('NODE_NOT_DOWN');
    });

    it('a bare string', () => {
      expect(explain(JOIN_TIMEOUT).code).toBe('JOIN_TIMEOUT');
      expect(explain(NO_LEADER).code).toBe('NO_QUORUM');
    });

    it('an unknown error keeps the engine\'s own words, without dockerode\'s prefix, cut to 200 characters', () => {
      expect(explain(engineError(500, 'rpc error: code = Internal desc = disk full'))).toEqual({
        code: 'UNKNOWN',
        message: 'The swarm request to lab-2 failed: rpc error: code = Internal desc = disk full.',
        retryable: false,
      });
      expect(explain(new Error('(HTTP code 502) bad gateway - upstream gone')).message).toBe('The swarm request to lab-2 failed: upstream gone.');
      const long = explain(new Error(`${'x'.repeat(200)}TAIL`));
      expect(long.message).toContain('x'.repeat(200));
      expect(long.message).not.toContain('TAIL');
    });

    it('a status without text', () => {
      expect(explain({ statusCode: 500 }).message).toBe('The swarm request to lab-2 failed: HTTP 500.');
    });
  });

  describe('odd input never throws', () => {
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    circular.message = circular;
    const throwing = Object.defineProperty({}, 'message', {
      get() {
        throw new Error('boom');
      },
    });
    const proxy = new Proxy(
      {},
      {
        get() {
          throw new Error('trap');
        },
        has() {
          throw new Error('trap');
        },
      },
    );

    it.each([
      ['null', null],
      ['undefined', undefined],
      ['a number', 42],
      ['NaN', Number.NaN],
      ['a boolean', false],
      ['a symbol', Symbol('x')],
      ['a bigint', 10n],
      ['an empty string', ''],
      ['an empty object', {}],
      ['an array', ['already part of a swarm']],
      ['a non-string message', { message: 42 }],
      ['a message object', { message: { text: ALREADY } }],
      ['null json', { json: null, statusCode: 'x' }],
      ['json with a non-string message', { json: { message: ['x'] } }],
      ['a Buffer as json', { json: Buffer.from('{"message":"x"}') }],
      ['a non-finite status', { statusCode: Infinity }],
      ['a circular object', circular],
      ['a throwing getter', throwing],
      ['a proxy that throws on every read', proxy],
      ['a function', () => 'already part of a swarm'],
    ])('%s', (_label, junk) => {
      const problem = explain(junk);
      expect(problem.code).toBe('UNKNOWN');
      expect(problem.retryable).toBe(false);
      expect(problem.message).toBe('The swarm request to lab-2 failed for an unknown reason.');
    });

    it('missing, empty or odd context', () => {
      expect(explainSwarmError(engineError(503, ALREADY), {}).message).toBe('This engine is already part of a swarm. Make it leave that swarm first if it should start or join another one.');
      expect(explainSwarmError(engineError(500, LAST_MANAGER), { node: '  ' }).message).toBe(
        'The node is the last manager, and a swarm cannot run without one. Promote another node first, then demote the node.',
      );
      expect(explainSwarmError(engineError(503, NOT_MANAGER), null as never).code).toBe('NOT_A_MANAGER');
      expect(explainSwarmError(engineError(503, NOT_MANAGER), { host: 7 as never }).message).toMatch(/^This engine is a worker/);
      expect(explainSwarmError(undefined, undefined as never).message).toBe('The swarm request failed for an unknown reason.');
    });

    it('names are not capitalised at the start of a sentence', () => {
      expect(explainSwarmError(engineError(503, NOT_MANAGER), { host: 'edge-7' }).message).toMatch(/^edge-7 is a worker/);
    });
  });
});

describe('in Chinese', () => {
  it('says the same problems in Chinese, with the names and the engine\'s words kept', () => {
    const zh = (error: unknown, context: Parameters<typeof explainSaid>[1]) => renderMessage(explainSaid(error, context).said, 'zh-CN');
    expect(zh(engineError(503, 'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.'), { host: 'lab-2' })).toBe(
      'lab-2 已属于一个 Swarm 集群。如需创建或加入另一个集群，请先让它离开该集群。',
    );
    expect(zh(engineError(503, 'This node is already part of a swarm.'), {})).toMatch(/^此引擎 已属于一个 Swarm 集群/);
    const join = zh(engineError(503, 'Timeout was reached before node joined. The attempt to join the swarm will continue in the background.'), { host: 'lab-2', managerAddr: '10.0.0.1:2377, 10.0.0.2:2377' });
    expect(join).toContain('10.0.0.1:2377, 10.0.0.2:2377');
    expect(join).toContain('各管理节点');
    expect(zh(engineError(500, 'rpc error: code = Unknown desc = something odd'), { host: 'lab-1' })).toBe('发往 lab-1 的集群请求失败：rpc error: code = Unknown desc = something odd。');
  });
});
