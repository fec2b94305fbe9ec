import { describe, expect, it } from 'vitest';
import { attentionItems, failingTasks, swarmCards, type SwarmRead } from './dashboard-digest.ts';

const prod: SwarmRead = {
  id: 'sw1',
  name: 'prod',
  stacks: [
    { name: 'web', state: 'running', errors: [] },
    { name: 'broken', state: 'failed', errors: [{ service: 'broken_app', error: 'No such image: x:1' }] },
    { name: 'half', state: 'degraded', errors: [] },
  ],
  services: [
    { id: 's1', name: 'web_app', state: 'running', errors: [] },
    { id: 's2', name: 'broken_app', state: 'failed', errors: ['No such image: x:1'] },
    { id: 's3', name: 'slow', state: 'converging', errors: [] },
  ],
  nodes: [
    { id: 'n1', hostname: 'lab-1', state: 'ready' },
    { id: 'n2', hostname: 'lab-2', state: 'down' },
  ],
  unreadable: null,
};
const dark: SwarmRead = { id: 'sw2', name: 'edge', stacks: null, services: null, nodes: null, unreadable: 'No manager of edge answers.' };

describe('swarmCards', () => {
  it('names each swarm and counts what the reader may see (null when not seen or not read)', () => {
    expect(swarmCards([prod, dark])).toEqual([
      { id: 'sw1', name: 'prod', href: '/swarms/sw1', stacks: 3, services: 3, nodes: 2, nodesDown: 1 },
      { id: 'sw2', name: 'edge', href: '/swarms/sw2', stacks: null, services: null, nodes: null, nodesDown: 0 },
    ]);
  });
});

describe('failingTasks', () => {
  it('lists the errors of failed and degraded services, linked to the service', () => {
    expect(failingTasks([prod, dark])).toEqual([{ swarm: 'prod', service: 'broken_app', href: '/services/sw1/s2', error: 'No such image: x:1' }]);
  });
});

describe('attentionItems', () => {
  it('lists unreachable hosts, silent swarms, failed and degraded stacks and down nodes, each with where to act', () => {
    const hosts = [
      { id: 'h1', name: 'web-1', status: 'up', statusReason: null },
      { id: 'h2', name: 'web-2', status: 'unreachable', statusReason: 'connection refused' },
    ];
    expect(attentionItems(hosts, [prod, dark])).toEqual([
      { kind: 'host-unreachable', name: 'web-2', href: '/hosts/h2', detail: 'connection refused' },
      { kind: 'swarm-unreadable', name: 'edge', href: '/swarms/sw2', detail: 'No manager of edge answers.' },
      { kind: 'stack-failed', name: 'broken', swarm: 'prod', href: '/stacks/sw1/broken', detail: 'No such image: x:1' },
      { kind: 'stack-degraded', name: 'half', swarm: 'prod', href: '/stacks/sw1/half', detail: null },
      { kind: 'node-down', name: 'lab-2', swarm: 'prod', href: '/swarms/sw1/nodes/n2', detail: null },
    ]);
  });
  it('is empty when all is well', () => {
    expect(attentionItems([{ id: 'h1', name: 'web-1', status: 'up', statusReason: null }], [{ ...prod, stacks: [], services: [], nodes: [] }])).toEqual([]);
  });
});
