import type { Message } from '@/lib/i18n/message.ts';
import { renderMessage } from '@/lib/i18n/render-message.ts';
import { describe, expect, it } from 'vitest';
import { byNodeThenName, toVolumeRows, volumeSources, volumeUsers, type RawContainer } from './volume-views.ts';

const containers: RawContainer[] = [
  { Id: 'a'.repeat(64), Names: ['/web.1.xyz'], Mounts: [{ Type: 'volume', Name: 'data' }, { Type: 'bind', Name: '' }] },
  { Id: 'b'.repeat(64), Names: ['/backup'], Mounts: [{ Type: 'volume', Name: 'data' }] },
  { Id: 'c'.repeat(64), Mounts: [{ Type: 'volume', Name: 'other' }] },
  { Id: 'd'.repeat(64), Names: ['/binds-data'], Mounts: [{ Type: 'bind', Name: 'data' }] },
];

describe('volumeUsers', () => {
  it('names the containers mounting the volume, sorted, without the leading slash', () => {
    expect(volumeUsers(containers, 'data')).toEqual(['backup', 'web.1.xyz']);
  });
  it('falls back to the short id of a container without a name', () => {
    expect(volumeUsers(containers, 'other')).toEqual(['cccccccccccc']);
  });
  it('ignores bind mounts and containers without mounts', () => {
    expect(volumeUsers([...containers, { Id: 'e'.repeat(64) }], 'unused')).toEqual([]);
  });
});

describe('toVolumeRows', () => {
  it('maps volumes with their node, host, stack label and users', () => {
    const rows = toVolumeRows(
      [
        { Name: 'data', Driver: 'local', CreatedAt: '2025-01-01T00:00:00Z', Labels: { 'com.docker.stack.namespace': 'shop', team: 'a' } },
        { Name: 'loose', Labels: null },
      ],
      containers,
      { hostId: 'h1', hostName: 'lab-1-host', node: 'lab-1' },
    );
    expect(rows).toEqual([
      { key: 'h1/data', name: 'data', driver: 'local', hostId: 'h1', hostName: 'lab-1-host', node: 'lab-1', createdAt: '2025-01-01T00:00:00Z', labels: { 'com.docker.stack.namespace': 'shop', team: 'a' }, stack: 'shop', usedBy: ['backup', 'web.1.xyz'] },
      { key: 'h1/loose', name: 'loose', driver: 'local', hostId: 'h1', hostName: 'lab-1-host', node: 'lab-1', createdAt: null, labels: {}, stack: null, usedBy: [] },
    ]);
  });
  it('sorts by node, then name', () => {
    const rows = [
      ...toVolumeRows([{ Name: 'b' }, { Name: 'a' }], [], { hostId: 'h2', hostName: 'x', node: 'lab-2' }),
      ...toVolumeRows([{ Name: 'z' }], [], { hostId: 'h1', hostName: 'y', node: 'lab-1' }),
    ].sort(byNodeThenName);
    expect(rows.map((r) => `${r.node}:${r.name}`)).toEqual(['lab-1:z', 'lab-2:a', 'lab-2:b']);
  });
});

describe('volumeSources', () => {
  it('ties nodes to registered hosts and explains the nodes Wharf cannot read', () => {
    const sources = volumeSources(
      [{ id: 'n2', hostname: 'lab-2' }, { id: 'n1', hostname: 'lab-1' }],
      new Map([['n1', { id: 'h1', name: 'first' }]]),
    );
    expect(sources[0]).toEqual({ nodeId: 'n1', node: 'lab-1', hostId: 'h1', hostName: 'first', error: null });
    expect(sources[1]).toMatchObject({ nodeId: 'n2', node: 'lab-2', hostId: null, hostName: null });
    expect(renderMessage(sources[1].error as Message, 'en')).toMatch(/not a registered host/);
  });
});
