import { describe, expect, it } from 'vitest';
import { holderOf, takenPort, waitVerdict, type WaitState } from './up-failures.ts';

const state = (o: Partial<WaitState>): WaitState => ({ name: 'p-db-1', status: 'running', exitCode: 0, health: null, ...o });

describe('waitVerdict', () => {
  it('service_started: ready once a container exists', () => {
    expect(waitVerdict('db', 'service_started', [])).toBe('waiting');
    expect(waitVerdict('db', 'service_started', [state({})])).toBe('ready');
  });
  it('service_healthy: waits while starting, ready when every container is healthy, fails on unhealthy, exit or no health check', () => {
    expect(waitVerdict('db', 'service_healthy', [state({ health: 'starting' })])).toBe('waiting');
    expect(waitVerdict('db', 'service_healthy', [state({ health: 'healthy' }), state({ health: 'starting' })])).toBe('waiting');
    expect(waitVerdict('db', 'service_healthy', [state({ health: 'healthy' })])).toBe('ready');
    expect(waitVerdict('db', 'service_healthy', [state({ health: 'unhealthy' })])).toBe('Service db is unhealthy (p-db-1).');
    expect(waitVerdict('db', 'service_healthy', [state({ health: 'starting', status: 'exited', exitCode: 3 })])).toBe('Service db stopped before it became healthy (p-db-1 exited with code 3).');
    expect(waitVerdict('db', 'service_healthy', [state({})])).toContain('has no health check');
  });
  it('service_completed_successfully: ready when every container exited 0, fails on another code', () => {
    expect(waitVerdict('init', 'service_completed_successfully', [state({})])).toBe('waiting');
    expect(waitVerdict('init', 'service_completed_successfully', [state({ status: 'exited' })])).toBe('ready');
    expect(waitVerdict('init', 'service_completed_successfully', [state({ status: 'exited', exitCode: 2 })])).toBe('Service init did not complete successfully: p-db-1 exited with code 2.');
  });
});

describe('a taken port', () => {
  it('is read from either engine message', () => {
    expect(takenPort('driver failed programming external connectivity on endpoint shop-web-1 (abc): Bind for 0.0.0.0:8080 failed: port is already allocated')).toBe(8080);
    expect(takenPort('Error starting userland proxy: listen tcp4 0.0.0.0:9090: bind: address already in use')).toBe(9090);
    expect(takenPort('no such image')).toBeNull();
  });
  it('is held by the container publishing it', () => {
    const list = [{ Names: ['/a'], Ports: [{ PrivatePort: 80 }] }, { Names: ['/other-web-1'], Ports: [{ PrivatePort: 80, PublicPort: 8080 }] }];
    expect(holderOf(list, 8080)).toBe('other-web-1');
    expect(holderOf(list, 81)).toBeNull();
  });
});
