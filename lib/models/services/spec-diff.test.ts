import { describe, expect, it } from 'vitest';
import { changedFields, diffSpecs } from './spec-diff.ts';

describe('diffSpecs', () => {
  it('finds nothing between equal specs, and treats absent, null, 0, false, [] and {} as the same', () => {
    const spec = { Name: 'web', TaskTemplate: { ContainerSpec: { Image: 'busybox', Env: ['A=1'] } } };
    expect(diffSpecs(spec, structuredClone(spec))).toEqual([]);
    expect(diffSpecs({ Labels: {}, EndpointSpec: { Ports: [] } }, { EndpointSpec: {} })).toEqual([]);
    expect(diffSpecs({ UpdateConfig: { Parallelism: 1 } }, { UpdateConfig: { Parallelism: 1, Delay: 0 }, ReadOnly: false })).toEqual([]);
    expect(diffSpecs({ Mode: { Replicated: { Replicas: 1 } } }, { Mode: { Replicated: { Replicas: 0 } } })).toHaveLength(1);
  });

  it('names each changed leaf by its path, values shown as text', () => {
    const before = { Labels: { a: '1' }, TaskTemplate: { ContainerSpec: { Image: 'busybox:1', Env: ['A=1'] } }, Mode: { Replicated: { Replicas: 2 } } };
    const after = { Labels: { a: '1', b: '2' }, TaskTemplate: { ContainerSpec: { Image: 'busybox:2', Env: ['A=1', 'B=2'] } }, Mode: { Replicated: { Replicas: 3 } } };
    expect(diffSpecs(before, after)).toEqual([
      { path: 'Labels.b', before: null, after: '2' },
      { path: 'TaskTemplate.ContainerSpec.Image', before: 'busybox:1', after: 'busybox:2' },
      { path: 'TaskTemplate.ContainerSpec.Env', before: '["A=1"]', after: '["A=1","B=2"]' },
      { path: 'Mode', before: '{"Replicated":{"Replicas":2}}', after: '{"Replicated":{"Replicas":3}}' },
    ]);
  });

  it('compares lists of objects item by item, and a kind change as a whole', () => {
    const ports = (n: number[]) => ({ EndpointSpec: { Ports: n.map((p) => ({ TargetPort: p, Protocol: 'tcp' })) } });
    expect(diffSpecs(ports([80]), ports([80, 443]))).toEqual([{ path: 'EndpointSpec.Ports[1]', before: null, after: '{"TargetPort":443,"Protocol":"tcp"}' }]);
    expect(diffSpecs(ports([80]), ports([8080]))).toEqual([{ path: 'EndpointSpec.Ports[0].TargetPort', before: '80', after: '8080' }]);
    expect(diffSpecs({ Mode: { Global: {} } }, { Mode: { Replicated: { Replicas: 1 } } })).toEqual([{ path: 'Mode', before: '{"Global":{}}', after: '{"Replicated":{"Replicas":1}}' }]);
    expect(diffSpecs({ A: 'x' }, { A: ['x'] })).toEqual([{ path: 'A', before: 'x', after: '["x"]' }]);
  });
});

describe('changedFields', () => {
  it('keeps each field once, without item numbers', () => {
    expect(changedFields([
      { path: 'EndpointSpec.Ports[0].TargetPort', before: '80', after: '81' },
      { path: 'EndpointSpec.Ports[1]', before: null, after: '{}' },
      { path: 'Labels.b', before: null, after: '2' },
    ])).toEqual(['EndpointSpec.Ports', 'Labels.b']);
  });
});
