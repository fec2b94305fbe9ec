import { describe, expect, it } from 'vitest';
import { taskLabel, taskNames } from './task-label.ts';

const names = taskNames(
  [
    { id: '84fi3ifeabcdefghijklmnopq', serviceName: 'demo_worker', slot: 1, nodeId: 'mqa8tmfqnode000000000000' },
    { id: 'globaltask000000000000000', serviceName: 'demo_agent', slot: null, nodeId: 'mqa8tmfqnode000000000000' },
  ],
  [['mqa8tmfqnode000000000000', 'lab-1']],
);

describe('taskLabel', () => {
  it('names the task by service and slot, and the node by hostname', () => {
    expect(taskLabel({ task: '84fi3ifeabcdefghijklmnopq', node: 'mqa8tmfqnode000000000000' }, names)).toBe('demo_worker.1@lab-1');
  });
  it('names a global task by its id after the service, as the CLI does', () => {
    expect(taskLabel({ task: 'globaltask000000000000000', node: 'mqa8tmfqnode000000000000' }, names)).toBe('demo_agent.globaltask00@lab-1');
  });
  it('falls back to short ids for a task or node it cannot name yet, and to the task\'s node when the line has none', () => {
    expect(taskLabel({ task: 'unknowntask00000000000000', node: 'othernode0000000000000000' }, names)).toBe('unknowntask0@othernode000');
    expect(taskLabel({ task: '84fi3ifeabcdefghijklmnopq' }, names)).toBe('demo_worker.1@lab-1');
    expect(taskLabel({ task: 'unknowntask00000000000000' }, names)).toBe('unknowntask0@?');
  });
  it('gives nothing for a container line (no task)', () => {
    expect(taskLabel({}, names)).toBeNull();
  });
});
