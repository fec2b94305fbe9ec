import { describe, expect, it } from 'vitest';
import { describeSwarm as describe_, formatBytes } from '@/components/hosts/format.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';

const describeSwarm = (...args: Parameters<typeof describe_>) => renderMessage(describe_(...args), 'en');

describe('components/hosts/format', () => {
  describe('formatBytes', () => {
    it.each([
      [0, '0 B'],
      [1, '1 B'],
      [512, '512 B'],
      [1023, '1023 B'],
      [1024, '1.0 KiB'],
      [1536, '1.5 KiB'],
      [1024 ** 2, '1.0 MiB'],
      [1024 ** 3, '1.0 GiB'],
      [8 * 1024 ** 3, '8.0 GiB'],
      [16_663_646_208, '15.5 GiB'],
      [1024 ** 4, '1.0 TiB'],
      [1024 ** 5, '1024.0 TiB'],
    ])('formats %i bytes as %s', (bytes, text) => {
      expect(formatBytes(bytes)).toBe(text);
    });

    // Just below a unit boundary, toFixed(1) rounds the value up to "1024.0" of the smaller unit.
    it('formats one byte below a unit boundary as 1.0 of the larger unit, never "1024.0" of the smaller one', () => {
      expect(formatBytes(1024 ** 2 - 1)).toBe('1.0 MiB');
      expect(formatBytes(1024 ** 3 - 1)).toBe('1.0 GiB');
      expect(formatBytes(1024 ** 4 - 1)).toBe('1.0 TiB');
    });

    it('formats values that round within their unit normally', () => {
      expect(formatBytes(1024 ** 2 - 60 * 1024)).toBe('964.0 KiB');
      expect(formatBytes(1024 * 1023)).toBe('1023.0 KiB');
    });
  });

  describe('describeSwarm', () => {
    it.each([
      [{ state: 'inactive' } as const, 'Not in a swarm'],
      [{ state: 'pending' } as const, 'Swarm pending'],
      [{ state: 'locked' } as const, 'Swarm locked'],
      [{ state: 'error' } as const, 'Swarm error'],
    ])('describes %o as %s', (swarm, text) => {
      expect(describeSwarm(swarm)).toBe(text);
    });

    it('describes a manager with the first 12 characters of its cluster id', () => {
      expect(describeSwarm({ state: 'active', role: 'manager', nodeId: 'n', clusterId: 'x8r0dz3fu9dmqz0iw1tpa3p5k', managers: 3, nodes: 5 })).toBe('Manager of cluster x8r0dz3fu9dm');
    });

    it("names the swarm when its name is known, and falls back to the cluster id when not", () => {
      const manager = { state: 'active', role: 'manager', nodeId: 'n', clusterId: 'x8r0dz3fu9dmqz0iw1tpa3p5k', managers: 3, nodes: 5 } as const;
      expect(describeSwarm(manager, new Map([['x8r0dz3fu9dmqz0iw1tpa3p5k', 'prod']]))).toBe('Manager of swarm prod');
      expect(describeSwarm(manager, new Map([['other', 'prod']]))).toBe('Manager of cluster x8r0dz3fu9dm');
    });

    it('describes a worker without a cluster id', () => {
      expect(describeSwarm({ state: 'active', role: 'worker', nodeId: 'n', clusterId: null, managers: null, nodes: null })).toBe('Worker');
    });

    it('describes a worker with a cluster id, and a manager without one', () => {
      expect(describeSwarm({ state: 'active', role: 'worker', nodeId: 'n', clusterId: 'abc', managers: null, nodes: null })).toBe('Worker of cluster abc');
      expect(describeSwarm({ state: 'active', role: 'manager', nodeId: 'n', clusterId: null, managers: 1, nodes: 1 })).toBe('Manager');
    });
  });
});
