import { describe, expect, it } from 'vitest';
import { decodeRelayed, encodeRelayed, NOTIFY_PAYLOAD_LIMIT } from './relayed-change.ts';

describe('changes relayed between replicas', () => {
  it('reads back what another replica sent', () => {
    const payload = encodeRelayed('replica-a', { type: 'host.updated', hostId: 'h1' });
    expect(payload).not.toBeNull();
    expect(decodeRelayed(payload!, 'replica-b')).toEqual({ type: 'host.updated', hostId: 'h1' });
    expect(decodeRelayed(encodeRelayed('a', { type: 'user.access-changed', userId: 'u1' })!, 'b')).toEqual({ type: 'user.access-changed', userId: 'u1' });
    expect(decodeRelayed(encodeRelayed('a', { type: 'provision.updated', jobId: 'j1' })!, 'b')).toEqual({ type: 'provision.updated', jobId: 'j1' });
    const cancel = { type: 'provision.cancel-requested', jobId: 'j1', replicaId: 'replica-b', byName: 'ops' } as const;
    expect(decodeRelayed(encodeRelayed('a', cancel)!, 'b')).toEqual(cancel);
  });

  it('ignores what this replica sent itself (Postgres notifies the sender too)', () => {
    expect(decodeRelayed(encodeRelayed('replica-a', { type: 'host.removed', hostId: 'h1' })!, 'replica-a')).toBeNull();
  });

  it('ignores payloads that are not changes', () => {
    for (const payload of [undefined, '', 'not json', '{}', '{"from":"a"}', '{"from":"a","change":{"type":"host.exploded","hostId":"h"}}', '{"from":"a","change":{"type":"host.added"}}', '{"from":"","change":{"type":"host.added","hostId":"h"}}', '{"from":"a","change":{"type":"provision.cancel-requested","jobId":"j"}}']) {
      expect(decodeRelayed(payload, 'b'), String(payload)).toBeNull();
    }
  });

  it('keeps only the fields a change has', () => {
    expect(decodeRelayed('{"from":"a","change":{"type":"host.added","hostId":"h","extra":"x"}}', 'b')).toEqual({ type: 'host.added', hostId: 'h' });
  });

  it('refuses to send what NOTIFY would refuse', () => {
    expect(encodeRelayed('a', { type: 'host.added', hostId: 'h'.repeat(NOTIFY_PAYLOAD_LIMIT) })).toBeNull();
  });
});
