import { describe, expect, it } from 'vitest';
import { containerTarget, serviceTarget, stackTarget } from './containment.ts';

const task = { 'com.docker.swarm.service.id': 'svc1', 'com.docker.stack.namespace': 'payments' };

describe('containment', () => {
  it('puts a stack task container in its swarm and stack, on its host', () => {
    expect(containerTarget('h1', task, 'w1')).toEqual({ type: 'host', id: 'h1', in: { swarmId: 'w1', stack: 'payments' } });
  });

  it('puts a task of a service outside stacks in its swarm only', () => {
    expect(containerTarget('h1', { 'com.docker.swarm.service.id': 'svc1' }, 'w1')).toEqual({ type: 'host', id: 'h1', in: { swarmId: 'w1' } });
  });

  it('keeps a standalone container on its host, whatever stack label it wears', () => {
    expect(containerTarget('h1', { 'com.docker.stack.namespace': 'payments' }, 'w1')).toEqual({ type: 'host', id: 'h1' });
    expect(containerTarget('h1', {}, 'w1')).toEqual({ type: 'host', id: 'h1' });
    expect(containerTarget('h1', null, 'w1')).toEqual({ type: 'host', id: 'h1' });
  });

  it('keeps a task on its host when the swarm of the host is unknown', () => {
    expect(containerTarget('h1', task, null)).toEqual({ type: 'host', id: 'h1' });
  });

  it('puts a service in its stack when it has one', () => {
    expect(serviceTarget('w1', { 'com.docker.stack.namespace': 'payments' })).toEqual({ type: 'swarm', id: 'w1', stack: 'payments' });
    expect(serviceTarget('w1', undefined)).toEqual({ type: 'swarm', id: 'w1' });
    expect(stackTarget('w1', 'shop')).toEqual({ type: 'swarm', id: 'w1', stack: 'shop' });
  });
});
