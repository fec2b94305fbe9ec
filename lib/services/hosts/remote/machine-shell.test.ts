import { describe, expect, it } from 'vitest';
import { classifySshError } from './machine-shell.ts';

const err = (props: Record<string, unknown>, message = 'x') => Object.assign(new Error(message), props);

describe('classifySshError', () => {
  it('a refused key is an authentication failure (no retry)', () => {
    expect(classifySshError(err({ level: 'client-authentication' }, 'All configured authentication methods failed'))).toBe('auth');
  });
  it('a rejected host key wins over anything else', () => {
    expect(classifySshError(err({ level: 'client-authentication' }), true)).toBe('host-key');
  });
  it.each(['ECONNREFUSED', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ECONNRESET', 'EAI_AGAIN'])('%s is retried', (code) => {
    expect(classifySshError(err({ code, level: 'client-socket' }))).toBe('retry');
  });
  it('handshake timeouts and early closes are retried', () => {
    expect(classifySshError(err({ level: 'client-timeout' }, 'Timed out while waiting for handshake'))).toBe('retry');
    expect(classifySshError(new Error('connection closed before the handshake'))).toBe('retry');
  });
  it('an unknown name or a protocol mismatch is fatal', () => {
    expect(classifySshError(err({ code: 'ENOTFOUND' }))).toBe('fatal');
    expect(classifySshError(err({ level: 'handshake' }, 'Handshake failed: no matching key exchange algorithm'))).toBe('fatal');
  });
});
