import { describe, expect, it } from 'vitest';
import { serviceConvergence, stackConvergence, type ServiceCounts, type TaskFacts } from './convergence.ts';

const at = (s: number) => `2026-12-06T10:00:${String(s).padStart(2, '0')}.000000000Z`;
const svc = (name: string, running: number, desired: number, updatedAt: string | null = at(0)): ServiceCounts => ({ name, running, desired, updatedAt });
const task = (serviceName: string, state: string, error: string | null, updatedAt: string, desiredState = state === 'running' || state === 'pending' ? 'running' : 'shutdown'): TaskFacts => ({ serviceName, state, desiredState, error, updatedAt });

describe('serviceConvergence', () => {
  it('is running when every wanted task runs, whatever old failures the history holds', () => {
    expect(serviceConvergence(svc('web', 2, 2), [task('web', 'rejected', 'No such image: x', at(1))])).toEqual({ state: 'running', errors: [] });
    expect(serviceConvergence(svc('idle', 0, 0), [])).toEqual({ state: 'running', errors: [] });
  });

  it('is converging while tasks start and nothing has failed', () => {
    expect(serviceConvergence(svc('web', 1, 3), [task('web', 'preparing', null, at(2), 'running')])).toEqual({ state: 'converging', errors: [] });
  });

  it('is failed with the task error when no task runs and they are rejected (an image that cannot be pulled)', () => {
    const tasks = [
      task('web', 'rejected', 'No such image: local/missing:1', at(3)),
      task('web', 'rejected', 'No such image: local/missing:1', at(2)),
      task('web', 'preparing', null, at(4), 'running'),
    ];
    expect(serviceConvergence(svc('web', 0, 1), tasks)).toEqual({ state: 'failed', errors: [{ service: 'web', error: 'No such image: local/missing:1' }] });
  });

  it('is degraded when some tasks run and others fail; errors newest first, distinct, at most three', () => {
    const tasks = ['a', 'b', 'c', 'd'].map((e, i) => task('web', 'failed', `error ${e}`, at(i + 1)));
    expect(serviceConvergence(svc('web', 1, 3), [...tasks, task('web', 'failed', 'error d', at(9))])).toEqual({
      state: 'degraded',
      errors: ['error d', 'error c', 'error b'].map((error) => ({ service: 'web', error })),
    });
  });

  it('ignores failures from before the spec last changed, and other services\' tasks', () => {
    const tasks = [task('web', 'rejected', 'No such image: old', at(1)), task('api', 'failed', 'boom', at(9))];
    expect(serviceConvergence(svc('web', 0, 1, at(5)), tasks)).toEqual({ state: 'converging', errors: [] });
  });

  it('counts a task meant to run that reports an error (no suitable node), however old', () => {
    const pending = task('web', 'pending', 'no suitable node (scheduling constraints not satisfied on 3 nodes)', at(1), 'running');
    expect(serviceConvergence(svc('web', 0, 1, at(5)), [pending]).state).toBe('failed');
  });

  it('reads a service with no known update time as changed at the beginning', () => {
    expect(serviceConvergence(svc('web', 0, 1, null), [task('web', 'rejected', 'x', at(1))]).state).toBe('failed');
  });
});

describe('stackConvergence', () => {
  const rejected = task('demo_bad', 'rejected', 'No such image: nope', at(3));
  it('is running when every service is, and for a stack with no services', () => {
    expect(stackConvergence([svc('demo_web', 2, 2), svc('demo_db', 1, 1)], []).state).toBe('running');
    expect(stackConvergence([], []).state).toBe('running');
  });
  it('is failed only when every service failed', () => {
    expect(stackConvergence([svc('demo_bad', 0, 1)], [rejected])).toEqual({ state: 'failed', errors: [{ service: 'demo_bad', error: 'No such image: nope' }] });
  });
  it('is degraded when one service fails beside others that run', () => {
    expect(stackConvergence([svc('demo_web', 2, 2), svc('demo_bad', 0, 1)], [rejected])).toEqual({ state: 'degraded', errors: [{ service: 'demo_bad', error: 'No such image: nope' }] });
  });
  it('is converging when a service is still starting and none failed', () => {
    expect(stackConvergence([svc('demo_web', 2, 2), svc('demo_new', 0, 1)], []).state).toBe('converging');
  });
});
