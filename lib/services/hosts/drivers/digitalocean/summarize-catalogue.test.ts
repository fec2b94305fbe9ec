import { describe, expect, it } from 'vitest';
import type { DoImage, DoRegion, DoSize } from './digitalocean-types.ts';
import { offeredImages, offeredRegions, offeredSizes, packageFamilyOf } from './summarize-catalogue.ts';

const region = (slug: string, available = true): DoRegion => ({ slug, name: slug.toUpperCase(), available, features: ['ipv6'], sizes: ['s-1vcpu-1gb'] });
const size = (slug: string, price: number, memory: number, extra: Partial<DoSize> = {}): DoSize => ({
  slug,
  memory,
  vcpus: 1,
  disk: 25,
  price_monthly: price,
  price_hourly: price / 730,
  regions: ['nyc3', 'ams3'],
  available: true,
  description: 'Basic',
  ...extra,
});
let nextId = 1;
const image = (slug: string | null, distribution: string, extra: Partial<DoImage> = {}): DoImage => ({
  id: nextId++,
  name: `${distribution} image`,
  distribution,
  slug,
  public: true,
  regions: ['nyc3'],
  status: 'available',
  ...extra,
});

describe('offeredRegions', () => {
  it('keeps available regions, sorted by slug', () => {
    const offered = offeredRegions([region('sgp1'), region('nyc1', false), region('ams3'), region('fra1')]);
    expect(offered.map((r) => r.slug)).toEqual(['ams3', 'fra1', 'sgp1']);
    expect(offered[0]).toEqual({ slug: 'ams3', name: 'AMS3', sizes: ['s-1vcpu-1gb'], features: ['ipv6'] });
  });
});

describe('offeredSizes', () => {
  it('keeps available sizes offered somewhere, cheapest first, in camelCase', () => {
    const offered = offeredSizes([
      size('s-2vcpu-4gb', 24, 4096),
      size('s-1vcpu-1gb', 6, 1024),
      size('gone', 3, 512, { available: false }),
      size('nowhere', 4, 512, { regions: [] }),
      size('s-1vcpu-1gb-amd', 6, 1024),
    ]);
    expect(offered.map((s) => s.slug)).toEqual(['s-1vcpu-1gb', 's-1vcpu-1gb-amd', 's-2vcpu-4gb']);
    expect(offered[0]).toMatchObject({ memory: 1024, vcpus: 1, disk: 25, priceMonthly: 6, regions: ['ams3', 'nyc3'] });
  });
});

describe('packageFamilyOf', () => {
  it.each([
    ['Debian', 'apt'],
    ['Ubuntu', 'apt'],
    ['Fedora', 'dnf'],
    ['CentOS', 'dnf'],
    ['Rocky Linux', 'dnf'],
    ['AlmaLinux', 'dnf'],
    ['FreeBSD', null],
    ['Arch Linux', null],
    ['', null],
    [null, null],
  ])('%s → %s', (distribution, family) => {
    expect(packageFamilyOf(distribution)).toBe(family);
  });
});

describe('offeredImages', () => {
  it('keeps public, available images of supported distributions, newest first within each', () => {
    const offered = offeredImages([
      image('ubuntu-22-04-x64', 'Ubuntu'),
      image('freebsd-14-x64-zfs', 'FreeBSD'),
      image('debian-11-x64', 'Debian'),
      image('ubuntu-24-04-x64', 'Ubuntu'),
      image('debian-12-x64', 'Debian'),
      image(null, 'Ubuntu'),
      image('ubuntu-private', 'Ubuntu', { public: false }),
      image('ubuntu-pending', 'Ubuntu', { status: 'pending' }),
      image('centos-7-x64', 'CentOS'),
      image('centos-stream-9-x64', 'CentOS'),
      image('rockylinux-9-x64', 'Rocky Linux', { min_disk_size: 15 }),
    ]);
    expect(offered.map((i) => i.slug)).toEqual(['centos-stream-9-x64', 'debian-12-x64', 'debian-11-x64', 'rockylinux-9-x64', 'ubuntu-24-04-x64', 'ubuntu-22-04-x64']);
    expect(offered.find((i) => i.slug === 'rockylinux-9-x64')).toMatchObject({ family: 'dnf', minDiskSize: 15 });
    expect(offered.find((i) => i.slug === 'debian-12-x64')).toMatchObject({ family: 'apt', minDiskSize: null });
  });
});
