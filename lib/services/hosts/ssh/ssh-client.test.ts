import { describe, expect, it } from 'vitest';
import { describeSshError, keyLoginConfig } from './ssh-client.ts';

const err = (props: Record<string, unknown>, message = 'x') => Object.assign(new Error(message), props);

describe('describeSshError', () => {
  it('says it in a few words', () => {
    expect(describeSshError(err({ code: 'ECONNREFUSED' }))).toBe('connection refused');
    expect(describeSshError(err({ code: 'EHOSTUNREACH' }))).toBe('host unreachable');
    expect(describeSshError(err({ level: 'client-timeout' }, 'Timed out while waiting for handshake'))).toBe('timed out');
    expect(describeSshError(err({ code: 'ENOTFOUND' }))).toBe('name not found');
  });
  it('a handshake timeout is a timeout whatever its message says', () => {
    expect(describeSshError(err({ level: 'client-timeout' }, 'no handshake'))).toBe('timed out');
  });
  it("anything else is ssh2's own message, cut to the length asked for", () => {
    expect(describeSshError(err({ level: 'handshake' }, 'Handshake failed: no matching key exchange algorithm'))).toBe('Handshake failed: no matching key exchange algorithm');
    expect(describeSshError(new Error('y'.repeat(300)))).toBe('y'.repeat(200));
    expect(describeSshError(new Error('y'.repeat(300)), 160)).toBe('y'.repeat(160));
  });
});

describe('keyLoginConfig', () => {
  const login = { host: '10.0.0.9', port: 2222, username: 'deploy', privateKey: 'KEY', hostKey: null };

  it('logs in with the key, with keepalives', () => {
    expect(keyLoginConfig(login, 7000, () => true)).toMatchObject({ host: '10.0.0.9', port: 2222, username: 'deploy', privateKey: 'KEY', readyTimeout: 7000, keepaliveInterval: 15_000, keepaliveCountMax: 4 });
  });
  it('hands the host key to the check as its SHA256 fingerprint and answers what the check says', () => {
    const seen: string[] = [];
    const config = keyLoginConfig(login, 7000, (fingerprint) => {
      seen.push(fingerprint);
      return false;
    });
    const verify = config.hostVerifier as (key: Buffer) => boolean;
    expect(verify(Buffer.from('a host key'))).toBe(false);
    expect(seen).toEqual([expect.stringMatching(/^SHA256:[A-Za-z0-9+/]{43}$/)]);
  });
});
