import { describe, expect, it } from 'vitest';
import type { RawContainer } from './container-views.ts';
import { isAnonymousVolume, planImagePrune, planNetworkPrune, planVolumePrune, stillPlanned, toImageRows, toNetworkRows, toVolumeRows } from './host-resources.ts';

const sha = (c: string) => `sha256:${c.repeat(64)}`;
const anon = 'f'.repeat(64);
const containers: RawContainer[] = [
  { Id: '1', Names: ['/web'], ImageID: sha('a'), State: 'running', Mounts: [{ Type: 'volume', Name: 'data' }, { Type: 'bind', Source: '/etc' }], NetworkSettings: { Networks: { front: { NetworkID: 'n1' } } } },
  { Id: '2', Names: ['/old'], ImageID: sha('b'), State: 'exited', Mounts: [{ Type: 'volume', Name: 'data' }], NetworkSettings: { Networks: { bridge: { NetworkID: 'nb' } } } },
];

describe('images', () => {
  const images = toImageRows(
    [
      { Id: sha('a'), RepoTags: ['nginx:1', 'nginx:latest'], Size: 100, Created: 1 },
      { Id: sha('b'), RepoTags: ['app:2'], Size: 50 },
      { Id: sha('c'), RepoTags: ['<none>:<none>'], Size: 30 },
      { Id: sha('d'), RepoTags: null, Size: 20 },
      { Id: sha('e'), RepoTags: ['tool:1'], Size: 7 },
    ],
    containers,
  );
  it('lists tags, who uses each image (stopped containers too), and dangling ones last', () => {
    expect(images.map((i) => [i.tags.join(','), i.usedBy.join(','), i.dangling])).toEqual([
      ['app:2', 'old', false],
      ['nginx:1,nginx:latest', 'web', false],
      ['tool:1', '', false],
      ['', '', true],
      ['', '', true],
    ]);
    expect(images[0].shortId).toBe('b'.repeat(12));
  });
  it('plans a dangling prune: untagged and unused, with the bytes', () => {
    const plan = planImagePrune(images, 'dangling');
    expect(plan.items.map((i) => i.id)).toEqual([sha('c'), sha('d')]);
    expect(plan.items[0].label).toBe(`<none> ${'c'.repeat(12)}`);
    expect(plan.bytes).toBe(50);
  });
  it('plans an "unused" prune: every image no container uses, never one a stopped container uses', () => {
    const plan = planImagePrune(images, 'unused');
    expect(plan.items.map((i) => i.label)).toEqual(['tool:1', `<none> ${'c'.repeat(12)}`, `<none> ${'d'.repeat(12)}`]);
    expect(plan.bytes).toBe(57);
  });
});

describe('volumes', () => {
  const volumes = toVolumeRows(
    [
      { Name: 'data', Driver: 'local' },
      { Name: anon, Driver: 'local' },
      { Name: 'cache', Labels: { 'com.docker.volume.anonymous': '' } },
      { Name: 'keep' },
    ],
    containers,
  );
  it('marks anonymous volumes and lists users once', () => {
    expect(volumes.map((v) => [v.name, v.anonymous, v.usedBy])).toEqual([
      ['data', false, ['old', 'web']],
      ['keep', false, []],
      ['cache', true, []],
      [anon, true, []],
    ]);
    expect(isAnonymousVolume({ Name: 'x' })).toBe(false);
  });
  it('plans anonymous-only and all-unused prunes, never a volume in use', () => {
    expect(planVolumePrune(volumes, 'anonymous').items.map((i) => i.id)).toEqual(['cache', anon]);
    expect(planVolumePrune(volumes, 'unused').items.map((i) => i.id)).toEqual(['keep', 'cache', anon]);
    expect(planVolumePrune(volumes, 'unused').bytes).toBeNull();
  });
});

describe('networks', () => {
  const networks = toNetworkRows(
    [
      { Id: 'nb', Name: 'bridge', Driver: 'bridge', Scope: 'local' },
      { Id: 'nh', Name: 'host', Driver: 'host' },
      { Id: 'n1', Name: 'front', Driver: 'bridge', Scope: 'local', IPAM: { Config: [{ Subnet: '10.1.0.0/24' }] } },
      { Id: 'n2', Name: 'spare', Driver: 'bridge', Scope: 'local', Internal: true },
      { Id: 'n3', Name: 'overlay', Driver: 'overlay', Scope: 'swarm' },
      { Id: 'n4', Name: 'docker_gwbridge', Driver: 'bridge', Scope: 'local' },
    ],
    containers,
  );
  it('marks built-in networks and lists attached containers', () => {
    expect(networks.map((n) => [n.name, n.builtIn, n.usedBy])).toEqual([
      ['bridge', true, ['old']],
      ['docker_gwbridge', true, []],
      ['host', true, []],
      ['front', false, ['web']],
      ['overlay', false, []],
      ['spare', false, []],
    ]);
    expect(networks.find((n) => n.name === 'front')?.subnets).toEqual(['10.1.0.0/24']);
  });
  it('plans to prune only unused local networks of our own', () => {
    expect(planNetworkPrune(networks).items.map((i) => i.label)).toEqual(['spare']);
  });
});

describe('confirmed prune', () => {
  it('removes only what was confirmed and is still planned', () => {
    const plan = { kind: 'volumes' as const, bytes: null, items: [{ id: 'a', label: 'a', bytes: null }, { id: 'b', label: 'b', bytes: null }] };
    expect(stillPlanned(plan, ['b', 'c', 'b'])).toEqual({ go: [{ id: 'b', label: 'b', bytes: null }], keep: ['c'] });
    expect(stillPlanned(plan, [])).toEqual({ go: [], keep: [] });
  });
});
