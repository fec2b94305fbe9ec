import { describe, expect, it } from 'vitest';
import { taskActionWarning } from './task-container.ts';

const task = { name: 'demo_web.1.x7', service: 'demo_web' };

describe('taskActionWarning', () => {
  it('asks before stopping, killing, restarting or pausing a task, saying what the swarm does', () => {
    expect(taskActionWarning('stop', task)).toBe('replaced');
    expect(taskActionWarning('kill', task)).toBe('replaced');
    expect(taskActionWarning('restart', task)).toBe('mayReplace');
    expect(taskActionWarning('pause', task)).toBe('pausedCounts');
  });
  it('does not ask for start and unpause, or for containers outside a service', () => {
    expect(taskActionWarning('start', task)).toBeNull();
    expect(taskActionWarning('unpause', task)).toBeNull();
    expect(taskActionWarning('stop', { name: 'web', service: null })).toBeNull();
  });
});
