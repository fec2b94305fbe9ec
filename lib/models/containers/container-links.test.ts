import { describe, expect, it } from 'vitest';
import { containerLinks } from './container-links.ts';
import { belongingOf } from './container-views.ts';

const task = { 'com.docker.stack.namespace': 'demo', 'com.docker.swarm.service.name': 'demo_app', 'com.docker.swarm.service.id': 'svc123' };

describe('belongingOf', () => {
  it('reads a swarm task\'s stack and service, and a Compose project apart from a stack', () => {
    expect(belongingOf(task)).toEqual({ stack: 'demo', stackKind: 'stack', service: 'demo_app', serviceId: 'svc123' });
    expect(belongingOf({ 'com.docker.compose.project': 'blog' })).toEqual({ stack: 'blog', stackKind: 'project', service: null, serviceId: null });
    expect(belongingOf(null)).toEqual({ stack: null, stackKind: null, service: null, serviceId: null });
  });
});

describe('containerLinks', () => {
  it('links a task container to its service, its stack and its host', () => {
    expect(containerLinks({ ...belongingOf(task), hostId: 'h1', swarmId: 'sw1' })).toEqual({ host: '/hosts/h1', stack: '/stacks/sw1/demo', service: '/services/sw1/svc123' });
  });
  it('links a Compose container to its project on its host, with or without a swarm', () => {
    expect(containerLinks({ ...belongingOf({ 'com.docker.compose.project': 'blog' }), hostId: 'h1', swarmId: null })).toEqual({ host: '/hosts/h1', stack: '/containers/projects/h1/blog', service: null });
  });
  it('links no stack or service when the host\'s swarm is unknown', () => {
    expect(containerLinks({ ...belongingOf(task), hostId: 'h1', swarmId: null })).toEqual({ host: '/hosts/h1', stack: null, service: null });
  });
});
