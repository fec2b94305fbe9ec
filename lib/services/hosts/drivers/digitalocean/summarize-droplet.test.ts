import { describe, expect, it } from 'vitest';
import type { DoDroplet } from './digitalocean-types.ts';
import { publicIpv4Of, summarizeAction, summarizeDroplet } from './summarize-droplet.ts';

const droplet = (v4: DoDroplet['networks']['v4']): DoDroplet => ({
  id: 7,
  name: 'web-1',
  status: 'active',
  memory: 1024,
  vcpus: 1,
  disk: 25,
  region: { slug: 'fra1', name: 'Frankfurt 1' },
  size_slug: 's-1vcpu-1gb',
  image: { id: 3, slug: 'debian-12-x64', distribution: 'Debian', name: '12 x64' },
  networks: { v4, v6: [] },
  tags: ['wharf'],
  created_at: '2026-01-10T12:00:00Z',
});

describe('publicIpv4Of', () => {
  it('takes the public address, not the private one', () => {
    expect(publicIpv4Of(droplet([{ ip_address: '10.110.0.2', type: 'private' }, { ip_address: '203.0.113.9', type: 'public' }]))).toBe('203.0.113.9');
  });

  it('is null while the droplet has no public address', () => {
    expect(publicIpv4Of(droplet([]))).toBeNull();
    expect(publicIpv4Of(droplet([{ ip_address: '10.110.0.2', type: 'private' }]))).toBeNull();
    expect(publicIpv4Of({ networks: undefined as never })).toBeNull();
  });
});

describe('summarizeDroplet', () => {
  it('keeps what Wharf needs', () => {
    expect(summarizeDroplet(droplet([{ ip_address: '203.0.113.9', type: 'public' }]))).toEqual({
      id: 7,
      name: 'web-1',
      status: 'active',
      region: 'fra1',
      size: 's-1vcpu-1gb',
      image: 'debian-12-x64',
      distribution: 'Debian',
      publicIpv4: '203.0.113.9',
      tags: ['wharf'],
      createdAt: '2026-01-10T12:00:00Z',
    });
  });
});

describe('summarizeAction', () => {
  it('keeps id, status, type and the droplet', () => {
    expect(summarizeAction({ id: 9, status: 'completed', type: 'power_on', started_at: null, completed_at: null, resource_id: 7, resource_type: 'droplet' })).toEqual({
      id: 9,
      status: 'completed',
      type: 'power_on',
      resourceId: 7,
    });
  });
});
