import { describe, expect, it } from 'vitest';
import { actionsKeyFingerprint, serverActionsKey } from './actions-key.ts';

const key = Buffer.alloc(32, 7).toString('base64');

describe('the server actions key', () => {
  it('is the configured value when it is an AES key in base64', () => {
    expect(serverActionsKey({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: key })).toBe(key);
    expect(serverActionsKey({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: `${key}\n` })).toBe(key);
    expect(serverActionsKey({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: Buffer.alloc(16, 1).toString('base64') })).toBeDefined();
  });

  it('is absent when not configured: each build then makes its own', () => {
    expect(serverActionsKey({})).toBeUndefined();
    expect(serverActionsKey({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: '' })).toBeUndefined();
    expect(actionsKeyFingerprint(undefined)).toBe('per-build');
  });

  it('stops the start with a sentence when it is not a key', () => {
    for (const bad of ['secret', Buffer.alloc(20).toString('base64'), 'not base64!!']) {
      expect(() => serverActionsKey({ NEXT_SERVER_ACTIONS_ENCRYPTION_KEY: bad })).toThrow('NEXT_SERVER_ACTIONS_ENCRYPTION_KEY must be 32 random bytes in base64 (openssl rand -base64 32), the same on every replica; fix it and start again.');
    }
  });

  it('is recorded by a fingerprint that changes with it and does not show it', () => {
    const other = Buffer.alloc(32, 8).toString('base64');
    expect(actionsKeyFingerprint(key)).not.toBe(actionsKeyFingerprint(other));
    expect(actionsKeyFingerprint(key)).toBe(actionsKeyFingerprint(key));
    expect(actionsKeyFingerprint(key)).not.toContain(key.slice(0, 8));
  });
});
