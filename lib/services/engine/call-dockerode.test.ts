// The call shim: how options and the abort signal reach a method, checked on plain objects (what
// the engine then does with a request is the integration tests' business).
import { describe, expect, it } from 'vitest';
import { callMethod, dialModem } from './call-dockerode.ts';

type Json = Record<string, unknown>;

/** An object recording how its method was called. */
function recorder() {
  const calls: { self: unknown; args: unknown[] }[] = [];
  const target = {
    method(this: unknown, ...args: unknown[]) {
      calls.push({ self: this, args });
      return Promise.resolve('answer');
    },
  };
  return { target, calls };
}

describe('callMethod', () => {
  it('calls the method on its object with the options and the signal', async () => {
    const { target, calls } = recorder();
    const signal = new AbortController().signal;
    await expect(callMethod(target, target.method, { all: true }, signal)).resolves.toBe('answer');
    expect(calls[0].self).toBe(target);
    expect(calls[0].args).toEqual([{ all: true, abortSignal: signal }]);
  });

  it('adds no abortSignal key without a signal (it would end up in a query string)', async () => {
    const { target, calls } = recorder();
    await callMethod(target, target.method, { force: true }, undefined);
    expect(calls[0].args).toEqual([{ force: true }]);
    expect(Object.keys(calls[0].args[0] as Json)).not.toContain('abortSignal');
  });

  it('gives the method a fresh object each time (docker-modem deletes keys from it)', async () => {
    const { target, calls } = recorder();
    const options = { _query: { version: 3 }, _body: { Name: 'x' } };
    await callMethod(target, target.method, options, new AbortController().signal);
    expect(calls[0].args[0]).not.toBe(options);
    expect(options).toEqual({ _query: { version: 3 }, _body: { Name: 'x' } });
  });

  it('puts leading arguments (a name) before the options', async () => {
    const { target, calls } = recorder();
    await callMethod(target, target.method, {}, undefined, ['busybox:latest']);
    expect(calls[0].args).toEqual(['busybox:latest', {}]);
  });
});

describe('dialModem', () => {
  it('dials with the request and the signal, and answers what the modem answers', async () => {
    const requests: Json[] = [];
    const modem = { dial: (request: Json, callback: (error: Error | null, data: unknown) => void) => (requests.push(request), callback(null, { UnlockKey: 'k' })) };
    const signal = new AbortController().signal;
    await expect(dialModem(modem, { path: '/swarm/unlockkey', method: 'GET' }, signal)).resolves.toEqual({ UnlockKey: 'k' });
    expect(requests[0]).toEqual({ path: '/swarm/unlockkey', method: 'GET', abortSignal: signal });
  });

  it('rejects with the modem\'s error', async () => {
    const modem = { dial: (_: Json, callback: (error: Error | null, data: unknown) => void) => callback(Object.assign(new Error('(HTTP code 503)'), { statusCode: 503 }), null) };
    await expect(dialModem(modem, { path: '/events?', method: 'GET' }, undefined)).rejects.toMatchObject({ statusCode: 503 });
  });
});
