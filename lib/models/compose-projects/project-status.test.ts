import { describe, expect, it } from 'vitest';
import { projectState, type ServiceStatus } from './project-status.ts';

const service = (desired: number | null, states: string[]): ServiceStatus => ({
  name: 's',
  desired,
  running: states.filter((s) => s === 'running').length,
  containers: states.map((state, i) => ({ id: `c${i}`, name: `p-s-${i + 1}`, number: i + 1, state, health: null, status: state })),
});

describe('projectState', () => {
  it('not up: no container at all', () => expect(projectState([service(1, [])])).toBe('not up'));
  it('stopped: containers, none running', () => expect(projectState([service(1, ['exited'])])).toBe('stopped'));
  it('running: every wanted container runs', () => expect(projectState([service(2, ['running', 'running']), service(null, ['running'])])).toBe('running'));
  it('partly running: a service short of its scale', () => {
    expect(projectState([service(2, ['running', 'exited'])])).toBe('partly running');
    expect(projectState([service(3, ['running'])])).toBe('partly running');
  });
});
