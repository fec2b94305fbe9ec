import { describe, expect, it } from 'vitest';
import { matchRoute, pathParams } from './route-match.ts';

const endpoints = [
  { method: 'GET' as const, path: '/hosts' },
  { method: 'GET' as const, path: '/hosts/{hostId}' },
  { method: 'GET' as const, path: '/swarms/{swarmId}/stacks/{stackName}' },
  { method: 'DELETE' as const, path: '/swarms/{swarmId}/stacks/{stackName}' },
  { method: 'GET' as const, path: '/openapi.json' },
  { method: 'GET' as const, path: '/{anything}' },
];

describe('matchRoute', () => {
  it('finds the endpoint and its parameters', () => {
    expect(matchRoute(endpoints, 'GET', ['hosts', 'h1'])).toEqual({ kind: 'found', endpoint: endpoints[1], params: { hostId: 'h1' } });
    expect(matchRoute(endpoints, 'DELETE', ['swarms', 's', 'stacks', 'web'])).toEqual({ kind: 'found', endpoint: endpoints[3], params: { swarmId: 's', stackName: 'web' } });
  });
  it('prefers a fixed segment over a parameter', () => {
    expect(matchRoute(endpoints, 'GET', ['openapi.json'])).toMatchObject({ kind: 'found', endpoint: endpoints[4] });
  });
  it('says when the path is unknown, and when only the method is wrong', () => {
    expect(matchRoute(endpoints, 'GET', ['hosts', 'h1', 'extra'])).toEqual({ kind: 'no-route' });
    expect(matchRoute(endpoints, 'POST', ['swarms', 's', 'stacks', 'web'])).toEqual({ kind: 'wrong-method', allowed: ['GET', 'DELETE'] });
  });
});

describe('pathParams', () => {
  it('lists the parameters of a template in order', () => {
    expect(pathParams('/swarms/{swarmId}/stacks/{stackName}')).toEqual(['swarmId', 'stackName']);
    expect(pathParams('/hosts')).toEqual([]);
  });
});
