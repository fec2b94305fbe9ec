import { describe, expect, it } from 'vitest';
import type { DigitalOceanImage, DigitalOceanSize } from '@/lib/services/hosts/drivers/digitalocean/digitalocean-types.ts';
import type { MachineView } from '@/lib/services/hosts/host-view.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { base64ToBytes } from './download-file.ts';
import {
  daysUntil,
  describeJobStatus,
  describeOs,
  describeSize,
  fitsImage,
  formatDuration,
  formatMemory,
  hostMachineFacts,
  imagesByDistribution,
  isStepOpen,
  runMachineFacts,
  sizesInRegion,
  sshTarget,
  stepDuration,
  toPercent,
} from './provision-format.ts';

const size = (slug: string, regions: string[], extra: Partial<DigitalOceanSize> = {}): DigitalOceanSize => ({
  slug, description: 'Basic', memory: 1024, vcpus: 1, disk: 25, priceMonthly: 6, priceHourly: 0.009, regions, ...extra,
});
const image = (slug: string, distribution: string, regions: string[], minDiskSize: number | null = null): DigitalOceanImage => ({
  id: slug.length, slug, name: slug, distribution, family: 'apt', regions, minDiskSize,
});

describe('run status and progress', () => {
  it('labels every status, and unknown ones as they are', () => {
    expect(describeJobStatus('failed')).toEqual({ label: { key: 'provisioning.jobStatus.failed' }, tone: 'danger' });
    expect(describeJobStatus('succeeded').tone).toBe('ok');
    expect(describeJobStatus('weird')).toEqual({ label: 'weird', tone: 'neutral' });
  });

  it('turns 0..1 into a clamped whole percentage', () => {
    expect(toPercent(0)).toBe(0);
    expect(toPercent(0.4375)).toBe(44);
    expect(toPercent(1.2)).toBe(100);
    expect(toPercent(-1)).toBe(0);
    expect(toPercent(Number.NaN)).toBe(0);
  });

  it('says how long a step took, or has been running', () => {
    const en = (ms: number) => {
      const said = formatDuration(ms);
      return said ? renderMessage(said, 'en') : '';
    };
    expect(en(850)).toBe('850 ms');
    expect(en(12_400)).toBe('12 s');
    expect(en(185_000)).toBe('3 min 5 s');
    expect(en(120_000)).toBe('2 min');
    expect(en(3_720_000)).toBe('1 h 2 min');
    expect(en(-5)).toBe('');
    expect(formatDuration(-5)).toBeNull();
    const start = '2025-01-01T00:00:00.000Z';
    expect(renderMessage(stepDuration({ startedAt: start, finishedAt: '2025-01-01T00:00:30.000Z' }, 0)!, 'en')).toBe('30 s');
    expect(renderMessage(stepDuration({ startedAt: start, finishedAt: null }, Date.parse(start) + 5000)!, 'en')).toBe('5 s');
    expect(stepDuration({ startedAt: null, finishedAt: null }, 0)).toBeNull();
  });

  it('opens the running and the failed step by default, and keeps the user’s choice', () => {
    expect(isStepOpen({ key: 'a', status: 'running' }, {})).toBe(true);
    expect(isStepOpen({ key: 'a', status: 'failed' }, {})).toBe(true);
    expect(isStepOpen({ key: 'a', status: 'succeeded' }, {})).toBe(false);
    expect(isStepOpen({ key: 'a', status: 'running' }, { a: false })).toBe(false);
    expect(isStepOpen({ key: 'a', status: 'pending' }, { a: true })).toBe(true);
  });
});

describe('DigitalOcean catalogue', () => {
  it('formats memory and sizes', () => {
    expect(formatMemory(512)).toBe('512 MiB');
    expect(formatMemory(2048)).toBe('2 GiB');
    expect(formatMemory(1536)).toBe('1.5 GiB');
    expect(renderMessage(describeSize(size('s-1vcpu-1gb', ['ams3'])), 'en')).toBe('s-1vcpu-1gb: 1 vCPU, 1 GiB, 25 GB disk, $6/month');
    expect(renderMessage(describeSize(size('s-2vcpu-4gb', ['ams3'], { vcpus: 2, memory: 4096, disk: 80, priceMonthly: 24.5 })), 'en')).toBe('s-2vcpu-4gb: 2 vCPUs, 4 GiB, 80 GB disk, $24.50/month');
  });

  it('offers only the sizes of the chosen region, in order', () => {
    const sizes = [size('a', ['ams3', 'fra1']), size('b', ['fra1']), size('c', ['ams3'])];
    expect(sizesInRegion(sizes, 'ams3').map((s) => s.slug)).toEqual(['a', 'c']);
    expect(sizesInRegion(sizes, '')).toEqual([]);
  });

  it('groups the region’s images by distribution; images without regions are offered everywhere', () => {
    const images = [image('debian-12-x64', 'Debian', ['ams3']), image('ubuntu-24-04-x64', 'Ubuntu', []), image('ubuntu-22-04-x64', 'Ubuntu', ['fra1']), image('fedora-40-x64', 'Fedora', ['ams3'])];
    expect(imagesByDistribution(images, 'ams3').map(([d, list]) => [d, list.map((i) => i.slug)])).toEqual([
      ['Debian', ['debian-12-x64']],
      ['Ubuntu', ['ubuntu-24-04-x64']],
      ['Fedora', ['fedora-40-x64']],
    ]);
  });

  it('knows when a size’s disk is too small for an image', () => {
    expect(fitsImage(size('a', [], { disk: 25 }), image('x', 'Debian', [], 30))).toBe(false);
    expect(fitsImage(size('a', [], { disk: 50 }), image('x', 'Debian', [], 30))).toBe(true);
    expect(fitsImage(undefined, image('x', 'Debian', [], 30))).toBe(true);
    expect(fitsImage(size('a', []), image('x', 'Debian', []))).toBe(true);
  });
});

describe('machines', () => {
  it('describes the operating system from what was detected', () => {
    expect(describeOs({ prettyName: 'Debian GNU/Linux 12 (bookworm)', architecture: 'x86_64' })).toBe('Debian GNU/Linux 12 (bookworm) (x86_64)');
    expect(describeOs({ prettyName: 'Ubuntu 24.04 LTS' })).toBe('Ubuntu 24.04 LTS');
    expect(describeOs({})).toBeNull();
    expect(describeOs('linux')).toBeNull();
    expect(describeOs(null)).toBeNull();
  });

  it('writes SSH targets as ssh takes them', () => {
    expect(sshTarget('root', '203.0.113.7', 22)).toBe('root@203.0.113.7:22');
    expect(sshTarget('deploy', '2001:db8::1', 2222)).toBe('deploy@[2001:db8::1]:2222');
    expect(sshTarget(null, 'box.example.com', null)).toBe('box.example.com');
    expect(sshTarget('root', null, 22)).toBeNull();
  });

  it('lists what a run made, skipping what it did not', () => {
    expect(runMachineFacts({ address: '203.0.113.7', sshUser: 'root', sshPort: 22, dropletId: 12345, region: 'ams3', os: { prettyName: 'Ubuntu 24.04 LTS' }, secret: 'x' })).toEqual([
      ['address', '203.0.113.7'],
      ['ssh', 'root@203.0.113.7:22'],
      ['os', 'Ubuntu 24.04 LTS'],
      ['droplet', '12345'],
      ['region', 'ams3'],
    ]);
    expect(runMachineFacts({})).toEqual([]);
  });

  it('lists a provisioned host’s machine', () => {
    const machine: MachineView = {
      address: '10.99.0.2', sshUser: null, sshPort: null, sshHostKey: null, os: null, dropletId: null, region: null, size: null, image: null, netns: 'wharf-1a2b3c4d', serverCertificate: null,
    };
    expect(hostMachineFacts(machine)).toEqual([
      ['address', '10.99.0.2'],
      ['netns', 'wharf-1a2b3c4d'],
    ]);
    expect(hostMachineFacts({ ...machine, netns: null, sshUser: 'root', sshPort: null, dropletId: 7 })).toEqual([
      ['address', '10.99.0.2'],
      ['ssh', 'root@10.99.0.2:22'],
      ['droplet', '7'],
    ]);
  });

  it('counts the days until a certificate expires', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    expect(daysUntil('2025-01-31T00:00:00Z', now)).toBe(30);
    expect(daysUntil('2024-12-31T00:00:00Z', now)).toBe(-1);
    expect(daysUntil(undefined, now)).toBeNull();
    expect(daysUntil('nonsense', now)).toBeNull();
  });
});

describe('downloads', () => {
  it('decodes base64 into the exact bytes', () => {
    expect([...base64ToBytes('UEsDBA==')]).toEqual([0x50, 0x4b, 0x03, 0x04]);
    expect([...base64ToBytes('')]).toEqual([]);
    expect([...base64ToBytes(Buffer.from([0, 255, 128, 7]).toString('base64'))]).toEqual([0, 255, 128, 7]);
  });
});
