import { describe, expect, it } from 'vitest';
import { liveStep, patchList, withFacts, withStatus } from '@/lib/realtime/client/apply-message.ts';
import type { EngineFacts } from '@/lib/models/hosts/engine-facts.ts';
import type { HostView } from '@/lib/services/hosts/host-view.ts';

const host = (id: string, overrides: Partial<HostView> = {}): HostView => ({
  id,
  name: `host-${id}`,
  transport: 'tcp',
  address: `${id}.example:2376`,
  description: null,
  status: 'unknown',
  statusReason: null,
  statusSince: '2026-01-01T00:00:00.000Z',
  facts: null,
  factsAt: null,
  connectionInfo: null,
  sshHostKey: null,
  driver: null,
  machine: null,
  engineCa: null,
  createdAt: '2025-12-01T00:00:00.000Z',
  ...overrides,
});

const FACTS: EngineFacts = {
  name: 'engine',
  engineId: 'ID',
  engineVersion: '27.0.1',
  apiVersion: '1.46',
  os: 'Debian',
  osType: 'linux',
  kernel: '6.1',
  architecture: 'x86_64',
  cpus: 4,
  memoryBytes: 8 * 1024 ** 3,
  containers: { total: 3, running: 2, paused: 0, stopped: 1 },
  images: 5,
  volumes: 2,
  networks: 3,
  swarm: { state: 'inactive' },
};

describe('apply-message', () => {
  describe('withStatus', () => {
    it('sets status, reason and since, and leaves everything else', () => {
      const before = host('a', { facts: FACTS, factsAt: '2026-01-02T00:00:00.000Z' });
      const after = withStatus(before, { hostId: 'a', status: 'unreachable', reason: 'Connection refused', since: '2026-02-01T10:00:00.000Z' });
      expect(after).toEqual({ ...before, status: 'unreachable', statusReason: 'Connection refused', statusSince: '2026-02-01T10:00:00.000Z' });
    });

    it('clears the reason when the message has none', () => {
      const before = host('a', { status: 'unreachable', statusReason: 'down' });
      expect(withStatus(before, { hostId: 'a', status: 'up', reason: null, since: '2026-02-01T10:00:00.000Z' }).statusReason).toBeNull();
    });

    it('returns a new object and does not mutate the cached one', () => {
      const before = host('a');
      const snapshot = structuredClone(before);
      const after = withStatus(before, { hostId: 'a', status: 'up', reason: null, since: '2026-02-01T10:00:00.000Z' });
      expect(after).not.toBe(before);
      expect(before).toEqual(snapshot);
    });
  });

  describe('withFacts', () => {
    it('sets facts and factsAt, and leaves the status alone', () => {
      const before = host('a', { status: 'up', statusReason: null });
      const after = withFacts(before, { hostId: 'a', facts: FACTS, at: '2026-02-01T10:00:00.000Z' });
      expect(after).toEqual({ ...before, facts: FACTS, factsAt: '2026-02-01T10:00:00.000Z' });
      expect(after).not.toBe(before);
      expect(before.facts).toBeNull();
    });
  });

  describe('patchList', () => {
    it('patches only the host with the id, keeping the identity of the others and the order', () => {
      const list = [host('a'), host('b'), host('c')];
      const patched = patchList(list, 'b', (h) => ({ ...h, name: 'renamed' }))!;
      expect(patched).not.toBe(list);
      expect(patched.map((h) => h.id)).toEqual(['a', 'b', 'c']);
      expect(patched[0]).toBe(list[0]);
      expect(patched[2]).toBe(list[2]);
      expect(patched[1].name).toBe('renamed');
      expect(list[1].name).toBe('host-b');
    });

    it('calls the patch only for the matching host', () => {
      const seen: string[] = [];
      patchList([host('a'), host('b')], 'a', (h) => {
        seen.push(h.id);
        return h;
      });
      expect(seen).toEqual(['a']);
    });

    it('leaves every host untouched when the id is not in the list', () => {
      const list = [host('a'), host('b')];
      const patched = patchList(list, 'zzz', () => {
        throw new Error('must not be called');
      })!;
      expect(patched).toEqual(list);
      patched.forEach((h, i) => expect(h).toBe(list[i]));
    });

    it('keeps an undefined list undefined (nothing cached yet)', () => {
      expect(patchList(undefined, 'a', (h) => h)).toBeUndefined();
    });

    it('keeps an empty list empty', () => {
      expect(patchList([], 'a', (h) => h)).toEqual([]);
    });

    it('composes with withStatus', () => {
      const list = [host('a'), host('b')];
      const patched = patchList(list, 'a', (h) => withStatus(h, { hostId: 'a', status: 'up', reason: null, since: '2026-02-01T10:00:00.000Z' }))!;
      expect(patched[0].status).toBe('up');
      expect(patched[1]).toBe(list[1]);
    });
  });
});

describe('liveStep: what a live message does to a cached entry', () => {
  it('patches an entry that is current and not being read', () => {
    expect(liveStep({ fetchStatus: 'idle', isInvalidated: false })).toBe('patch');
    expect(liveStep({ fetchStatus: 'paused', isInvalidated: false })).toBe('patch');
  });

  it('reads once more after a read under way, which may have left before the change (invalidated or not)', () => {
    expect(liveStep({ fetchStatus: 'fetching', isInvalidated: false })).toBe('read-after-current');
    expect(liveStep({ fetchStatus: 'fetching', isInvalidated: true })).toBe('read-after-current');
  });

  it('reads again an entry marked out of date (invalidated, or its last read failed) instead of marking it fresh', () => {
    expect(liveStep({ fetchStatus: 'idle', isInvalidated: true })).toBe('read-again');
    expect(liveStep({ fetchStatus: 'paused', isInvalidated: true })).toBe('read-again');
  });
});
