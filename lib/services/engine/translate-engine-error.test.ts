// The translator: HTTP answers, transport failures and swarm refusals, each to a code and a
// message that names the host and what was being done; errors are built the way dockerode makes them.
import { describe, expect, it } from 'vitest';
import { AppError, localizeText, toErrorPayload } from '@/lib/errors.ts';
import { msg, storedSaying } from '@/lib/i18n/message.ts';
import { EngineTimeout } from './explain-connection-error.ts';
import { connectionFailure, engineMessage, failureSaid, SwarmNoQuorum, translateEngineError, type EngineCall } from './translate-engine-error.ts';

const REASON: Record<number, string> = { 400: 'bad parameter', 404: 'no such container', 409: 'conflict', 500: 'server error', 503: 'node is not part of a swarm' };

/** An HTTP error as dockerode delivers it: statusCode, reason, json, and a prefixed message. */
function answered(statusCode: number, message: string | null) {
  return Object.assign(new Error(`(HTTP code ${statusCode}) ${REASON[statusCode] ?? 'unexpected'} - ${message ?? ''} `), { statusCode, reason: REASON[statusCode], json: message === null ? null : { message } });
}
const transport = (code: string, message: string) => Object.assign(new Error(message), { code });

const UNIX = { transport: 'unix' as const, address: '/run/lab-1/docker.sock' };
const TCP = { transport: 'tcp' as const, address: 'engine.example:2376' };
const ON_HOST: EngineCall = { doing: msg('engineText.doing.removeContainer', { name: 'web' }), host: 'lab-1', where: UNIX };
const THROUGH: EngineCall = { doing: msg('engineText.doing.changeService', { name: 'api' }), host: 'lab-2', where: TCP, swarm: { through: true } };

describe('engine messages', () => {
  it('takes the JSON message, else the text after the reason, else the reason', () => {
    expect(engineMessage({ statusCode: 409, json: { message: 'Conflict. The name is in use' }, reason: 'conflict' })).toBe('Conflict. The name is in use');
    expect(engineMessage({ statusCode: 500, json: null, reason: 'server error', message: '(HTTP code 500) server error - Head "http://r/v2/x/manifests/1": no basic auth credentials ' })).toBe('Head "http://r/v2/x/manifests/1": no basic auth credentials');
    expect(engineMessage({ statusCode: 404, reason: 'no such container', message: 'x' })).toBe('no such container');
    expect(engineMessage(null)).toBe('');
    expect(engineMessage('text')).toBe('');
  });

  it('cuts the engine\'s words to 300 characters', () => {
    expect(engineMessage(answered(500, 'x'.repeat(400)))).toHaveLength(300);
  });
});

describe('HTTP answers on a host', () => {
  it('404: NOT_FOUND, naming the host, what was being done and the engine\'s words', () => {
    const error = translateEngineError(answered(404, 'No such container: web'), ON_HOST);
    expect(error).toBeInstanceOf(AppError);
    expect(error.code).toBe('NOT_FOUND');
    expect(error.message).toBe('Could not remove container web on lab-1: No such container: web.');
  });

  it('409: CONFLICT; without words from the engine, says so', () => {
    expect(translateEngineError(answered(409, 'You cannot remove a running container abc.'), ON_HOST)).toMatchObject({
      code: 'CONFLICT',
      message: 'Could not remove container web on lab-1: You cannot remove a running container abc.',
    });
    expect(translateEngineError({ statusCode: 409 }, ON_HOST).message).toBe('Could not remove container web on lab-1: the engine reports a conflict.');
    expect(translateEngineError({ statusCode: 404 }, ON_HOST).message).toBe('Could not remove container web on lab-1: it does not exist (any more).');
  });

  it('any other refusal: ENGINE_ERROR, the engine refusing, with its words or the status', () => {
    expect(translateEngineError(answered(500, 'driver failed'), ON_HOST)).toMatchObject({ code: 'ENGINE_ERROR', message: 'The engine of lab-1 refused to remove container web: driver failed.' });
    expect(translateEngineError({ statusCode: 502 }, ON_HOST).message).toBe('The engine of lab-1 refused to remove container web: HTTP 502.');
  });

  it('keeps the raw error as the cause', () => {
    const raw = answered(404, 'gone');
    expect(translateEngineError(raw, ON_HOST).cause).toBe(raw);
  });

  it('does not read swarm refusals into requests that are not swarm requests', () => {
    const error = translateEngineError(answered(500, 'rpc error: code = Unknown desc = context deadline exceeded'), ON_HOST);
    expect(error.code).toBe('ENGINE_ERROR');
    expect(error).not.toBeInstanceOf(SwarmNoQuorum);
  });
});

describe('transport failures', () => {
  it('are ENGINE_UNREACHABLE, explained for the way the host is reached', () => {
    const refused = translateEngineError(transport('ECONNREFUSED', 'connect ECONNREFUSED /run/lab-1/docker.sock'), ON_HOST);
    expect(refused.code).toBe('ENGINE_UNREACHABLE');
    expect(refused.message).toMatch(/^Could not remove container web on lab-1: Nothing is accepting connections on \/run\/lab-1\/docker\.sock/);
    const reset = translateEngineError(transport('ECONNRESET', 'socket hang up'), { ...ON_HOST, where: TCP });
    expect(reset.message).toMatch(/engine\.example:2376 closed the connection during the handshake/);
  });

  it('a deadline: no answer within the time, in seconds', () => {
    expect(translateEngineError(new EngineTimeout(10_000), ON_HOST).message).toMatch(/^Could not remove container web on lab-1: No answer from \/run\/lab-1\/docker\.sock within 10 s/);
  });

  it('without a known address: the failure\'s own words', () => {
    expect(translateEngineError(new Error('boom'), { ...ON_HOST, where: null }).message).toBe('Could not remove container web on lab-1: boom');
  });

  it('an AppError passes unchanged', () => {
    const own = new AppError('PRECONDITION', 'in use');
    expect(translateEngineError(own, ON_HOST)).toBe(own);
    expect(connectionFailure(own, UNIX)).toBe(own);
  });
});

describe('swarm requests', () => {
  it('through a manager: the swarm explanation, "through" the manager, with the code it deserves', () => {
    const sequence = translateEngineError(answered(500, 'rpc error: code = Unknown desc = update out of sequence'), THROUGH);
    expect(sequence.code).toBe('CONFLICT');
    expect(sequence.message).toBe('Could not change service api through lab-2: The swarm changed while this change was being made. Reload and apply it again.');
    expect(translateEngineError(answered(404, 'service api not found'), THROUGH)).toMatchObject({ code: 'NOT_FOUND', message: expect.stringMatching(/^Could not change service api through lab-2: That object is no longer in the swarm/) });
  });

  it('names the node when told it', () => {
    const last = translateEngineError(answered(500, 'rpc error: code = FailedPrecondition desc = attempting to demote the last manager of the swarm'), { ...THROUGH, doing: msg('engineText.doing.demoteNode', { node: 'lab-3' }), swarm: { through: true, node: 'lab-3' } });
    expect(last).toMatchObject({ code: 'PRECONDITION', message: expect.stringContaining('lab-3 is the last manager') });
  });

  it('no leader: a SwarmNoQuorum (PRECONDITION) that says which manager was asked', () => {
    const error = translateEngineError(answered(503, "The swarm does not have a leader. It's possible that too few managers are online."), THROUGH);
    expect(error).toBeInstanceOf(SwarmNoQuorum);
    expect(error.code).toBe('PRECONDITION');
    expect((error as SwarmNoQuorum).via).toBe('lab-2');
    expect(error.message).toMatch(/^Could not change service api through lab-2: The swarm has no leader/);
  });

  it('on the host itself (init, join, leave): the host is named in the explanation', () => {
    const already = translateEngineError(answered(503, 'This node is already part of a swarm. Use "docker swarm leave" to leave this swarm and join another one.'), { doing: msg('engineText.doing.createSwarm'), host: 'lab-1', where: UNIX, swarm: {} });
    expect(already).toMatchObject({ code: 'CONFLICT', message: 'Could not create a swarm on lab-1: lab-1 is already part of a swarm. Make it leave that swarm first if it should start or join another one.' });
    const join = translateEngineError(answered(500, 'Timeout was reached before node joined.'), { doing: msg('engineText.doing.joinSwarm'), host: 'lab-3', where: UNIX, swarm: { managerAddr: '10.99.0.99:2377' } });
    expect(join.code).toBe('ENGINE_ERROR');
    expect(join.message).toContain('lab-3 could not reach the manager at 10.99.0.99:2377');
  });

  it('a swarm answer the explainer does not know falls back to the HTTP status', () => {
    expect(translateEngineError(answered(400, 'invalid mount config'), THROUGH)).toMatchObject({ code: 'ENGINE_ERROR', message: 'The engine of lab-2 refused to change service api: invalid mount config.' });
  });

  it('a transport failure through a manager is still ENGINE_UNREACHABLE', () => {
    expect(translateEngineError(transport('EPIPE', 'write EPIPE'), THROUGH)).toMatchObject({ code: 'ENGINE_UNREACHABLE', message: expect.stringMatching(/^Could not change service api through lab-2: /) });
  });
});

describe('reasons and connection failures', () => {
  it('a reason is the connection explanation, or the failure\'s words when the address is unknown', () => {
    expect(localizeText(storedSaying(failureSaid(transport('ENOENT', 'no such file'), UNIX)), 'en')).toMatch(/There is no socket at \/run\/lab-1\/docker\.sock/);
    expect(localizeText(storedSaying(failureSaid(transport('ENOENT', 'no such file'), UNIX)), 'zh-CN')).toMatch(/\/run\/lab-1\/docker\.sock/);
    expect(failureSaid(new Error('That host does not exist.'), null)).toBe('That host does not exist.');
    expect(failureSaid('odd', null)).toBe('odd');
  });

  it('a connection failure is the sentence alone, on the form field it concerns', () => {
    const error = connectionFailure(transport('ENOENT', 'no such file'), UNIX);
    expect(error.code).toBe('ENGINE_UNREACHABLE');
    expect(error.message).toMatch(/^There is no socket at/);
    expect(error.fieldErrors?.socketPath?.map((text) => localizeText(text, 'en'))).toEqual([error.message]);
    expect(localizeText(error.fieldErrors!.socketPath[0], 'zh-CN')).toBe('/run/lab-1/docker.sock 处没有套接字。请检查路径；引擎可能没有运行。');
  });
});

describe('in Chinese', () => {
  it('the door renders what was being done, the host and the engine\'s words in Chinese', () => {
    const call: EngineCall = { doing: msg('engineText.doing.removeContainer', { name: 'web' }), host: 'lab-1', where: UNIX };
    expect(toErrorPayload(translateEngineError(answered(409, 'You cannot remove a running container abc.'), call), 'zh-CN').message).toBe(
      '无法在 lab-1 上删除容器 web：You cannot remove a running container abc。',
    );
    expect(toErrorPayload(translateEngineError({ statusCode: 502 }, call), 'zh-CN').message).toBe('lab-1 的引擎拒绝删除容器 web：HTTP 502。');
    expect(translateEngineError({ statusCode: 502 }, call).message).toBe('The engine of lab-1 refused to remove container web: HTTP 502.');
    const through = translateEngineError(transport('ECONNREFUSED', 'connect ECONNREFUSED'), { ...call, host: 'lab-2', where: TCP, swarm: { through: true } });
    expect(toErrorPayload(through, 'zh-CN').message).toBe('无法通过 lab-2 删除容器 web：engine.example:2376 上没有任何程序在监听（连接被拒绝）。引擎是否在运行并监听该端口？');
  });
});
