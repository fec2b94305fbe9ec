// The gateway's observation of engine calls: each public operation of EngineApi is timed and
// reported once, by name, with its outcome; its answer or failure passes through unchanged.
import { describe, expect, it } from 'vitest';
import type Dockerode from 'dockerode';
import { captureLog } from '@/tests/support/capture-log.ts';
import { withRequest } from '@/lib/observability/request-context.ts';
import { EngineApi } from './engine-api.ts';
import { ENGINE_OPERATIONS, observeEngineCalls, type EngineCallRecord } from './observe-engine-calls.ts';

/** Stands in for dockerode's methods the two operations below use (no engine is needed to see the wrapping). */
const docker = {
  info: async () => ({ ID: 'engine-1' }),
  listContainers: async () => {
    throw Object.assign(new Error('connect ECONNREFUSED /var/run/docker.sock'), { code: 'ECONNREFUSED' });
  },
} as unknown as Dockerode;

describe('observeEngineCalls', () => {
  it('names the operations after EngineApi\'s public methods, without its private helpers', () => {
    expect(ENGINE_OPERATIONS).toEqual(expect.arrayContaining(['info', 'listContainers', 'inspectContainer', 'listServices', 'ping']));
    for (const helper of ['constructor', 'send', 'stream', 'create', 'update', 'remove', 'serviceUpdate']) expect(ENGINE_OPERATIONS).not.toContain(helper);
  });

  it('reports each call once with the host, the operation and whether it failed, and logs it under the request', async () => {
    const seen: EngineCallRecord[] = [];
    const api = observeEngineCalls(new EngineApi(docker), 'host-1', (record) => seen.push(record));
    const logged = captureLog();
    try {
      await withRequest('req-gw', async () => {
        expect(await api.info()).toEqual({ ID: 'engine-1' });
        await expect(api.listContainers({ all: true })).rejects.toMatchObject({ code: 'ECONNREFUSED' });
      });
    } finally {
      logged.restore();
    }
    expect(seen.map(({ hostId, operation, failed }) => ({ hostId, operation, failed }))).toEqual([
      { hostId: 'host-1', operation: 'info', failed: false },
      { hostId: 'host-1', operation: 'listContainers', failed: true },
    ]);
    for (const record of seen) expect(record.seconds).toBeGreaterThanOrEqual(0);
    expect(logged.lines().map((l) => [l.component, l.level, l.operation, l.requestId])).toEqual([
      ['gateway', 'debug', 'info', 'req-gw'],
      ['gateway', 'warn', 'listContainers', 'req-gw'],
    ]);
  });

  it('leaves everything that is not an operation as it is', () => {
    const api = new EngineApi(docker);
    const observed = observeEngineCalls(api, 'host-1', undefined);
    expect(observed).toBeInstanceOf(EngineApi);
  });
});
