import { describe, expect, it } from 'vitest';
import { taskActionWarning } from './task-container.ts';

const task = { name: 'demo_web.1.x7', service: 'demo_web' };

describe('taskActionWarning', () => {
  it('asks before stopping, killing, restarting or pausing a task, saying what the swarm does', () => {
    expect(taskActionWarning('stop', task)).toEqual({
      title: 'Stop demo_web.1.x7?',
      consequence: 'demo_web.1.x7 is a task of the service demo_web. The swarm sees its task end and starts a replacement container, possibly on another node; this one stays stopped.',
    });
    expect(taskActionWarning('kill', task)?.consequence).toContain('starts a replacement container');
    expect(taskActionWarning('restart', task)?.title).toBe('Restart demo_web.1.x7?');
    expect(taskActionWarning('pause', task)?.consequence).toContain('still counts a paused task as running');
  });
  it('does not ask for start and unpause, or for containers outside a service', () => {
    expect(taskActionWarning('start', task)).toBeNull();
    expect(taskActionWarning('unpause', task)).toBeNull();
    expect(taskActionWarning('stop', { name: 'web', service: null })).toBeNull();
  });
});
