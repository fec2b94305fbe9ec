import { describe, expect, it } from 'vitest';
import type { InventoryUpdate } from '../inventory/host-watcher.ts';
import { noticeOf } from './raise-from-inventory.ts';

const host = { hostId: 'h1', hostName: 'lab-1', swarmId: 'sw1' };
const status = (previous: 'up' | 'unknown' | 'unreachable', reason = 'The engine closed the connection.'): InventoryUpdate => ({ kind: 'status', hostId: 'h1', status: 'unreachable', previous, reason, since: '2026-12-06T20:00:00.000Z' });
const engineEvent = (type: string, action: string, attributes?: Record<string, string>, name: string | null = 'web-1'): InventoryUpdate => ({
  kind: 'event',
  hostId: 'h1',
  event: { type, action, id: 'abcdef0123456789', name, timeNano: '1765051200123456789', ...(attributes ? { attributes } : {}) },
});

describe('noticeOf', () => {
  it('a host that was up and became unreachable, with the reason; not one that was never up, nor a new reason while down', () => {
    expect(noticeOf(status('up'), host)).toEqual({ event: { event: 'host.unreachable', at: '2026-12-06T20:00:00.000Z', title: 'Host lab-1 is unreachable', text: 'The engine closed the connection.', scope: host } });
    expect(noticeOf(status('unknown'), host)).toBeNull();
    expect(noticeOf(status('unreachable'), host)).toBeNull();
    expect(noticeOf({ kind: 'status', hostId: 'h1', status: 'up', previous: 'unreachable', reason: null, since: '2026-12-06T20:00:00.000Z' }, host)).toBeNull();
  });

  it('a container that died, with its exit code and its stack', () => {
    expect(noticeOf(engineEvent('container', 'die', { exitCode: '137', 'com.docker.stack.namespace': 'shop' }), host)).toEqual({
      event: { event: 'container.died', at: '2025-12-06T20:00:00.123Z', title: 'Container web-1 died (exit code 137)', text: 'On host lab-1.', scope: { ...host, stackName: 'shop' } },
    });
    expect(noticeOf(engineEvent('container', 'die', undefined, null), { hostId: 'h1' })?.event.title).toBe('Container abcdef012345 died');
    for (const action of ['start', 'stop', 'kill', 'destroy']) expect(noticeOf(engineEvent('container', action), host)).toBeNull();
  });

  it('a node a manager reports down, keyed by its own update time so every manager raises it once', () => {
    const notice = noticeOf(engineEvent('node', 'update', { 'state.old': 'ready', 'state.new': 'down' }, 'worker-2'), host);
    expect(notice).toEqual({
      event: { event: 'node.down', at: '2025-12-06T20:00:00.123Z', title: 'Node worker-2 is down', text: 'Its state went from ready to down.', scope: { swarmId: 'sw1' } },
      dedupeKey: 'node.down:sw1:abcdef0123456789:1765051200123456789',
    });
    expect(noticeOf(engineEvent('node', 'update', { 'state.old': 'down', 'state.new': 'ready' }), host)).toBeNull();
    expect(noticeOf(engineEvent('node', 'update'), host)).toBeNull();
    expect(noticeOf(engineEvent('node', 'update', { 'state.old': 'ready', 'state.new': 'down' }), { hostId: 'h1' })).toBeNull();
  });

  it('facts and other events raise nothing', () => {
    expect(noticeOf(engineEvent('image', 'pull'), host)).toBeNull();
    expect(noticeOf(engineEvent('service', 'update'), host)).toBeNull();
  });
});
