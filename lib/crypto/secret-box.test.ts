import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { keyIdOf, makeKeyring, needsReseal, open, seal } from '@/lib/crypto/secret-box.ts';

// Fixed keys so failures are reproducible.
const KEY_A = Buffer.alloc(32, 0xa1);
const KEY_B = Buffer.alloc(32, 0xb2);
const KEY_C = Buffer.alloc(32, 0xc3);
const CTX = 'host:abc123';

const INTEGRITY = /failed its integrity check/;
const FORMAT = /not in a format this Wharf can read/;

/** Replaces one dot-separated part of a sealed value. */
function withPart(sealed: string, index: number, value: string): string {
  const parts = sealed.split('.');
  parts[index] = value;
  return parts.join('.');
}

/** Flips one bit of a base64url part. */
function flipBit(part: string, byte = 0): string {
  const bytes = Buffer.from(part, 'base64url');
  bytes[byte] ^= 0x01;
  return bytes.toString('base64url');
}

describe('secret-box', () => {
  describe('seal and open', () => {
    const ring = makeKeyring(KEY_A);

    it.each([
      ['plain ASCII', 'hunter2'],
      ['the empty string', ''],
      ['unicode (accents, CJK, emoji, combining marks)', 'päss wört 密码 🐳🔑 é'],
      ['a PEM private key with newlines', '-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMG\n-----END PRIVATE KEY-----\n'],
      ['text containing dots', 'a.b.c.d.e'],
      ['a large value (1 MiB)', 'x'.repeat(1024 * 1024)],
    ])('round-trips %s', (_label, plaintext) => {
      expect(open(ring, seal(ring, plaintext, CTX), CTX)).toBe(plaintext);
    });

    it('produces v1.<keyId>.<iv>.<tag>.<body> with a 12-byte IV and a 16-byte tag', () => {
      const sealed = seal(ring, 'secret', CTX);
      const [version, keyId, iv, tag, body, ...rest] = sealed.split('.');
      expect(version).toBe('v1');
      expect(keyId).toBe(keyIdOf(KEY_A));
      expect(Buffer.from(iv, 'base64url')).toHaveLength(12);
      expect(Buffer.from(tag, 'base64url')).toHaveLength(16);
      expect(Buffer.from(body, 'base64url')).toHaveLength('secret'.length);
      expect(rest).toEqual([]);
      expect(sealed).toMatch(/^[A-Za-z0-9_.-]+$/);
    });

    it('does not contain the plaintext', () => {
      const sealed = seal(ring, 'very-recognisable-secret', CTX);
      expect(sealed).not.toContain('very-recognisable-secret');
      expect(Buffer.from(sealed.split('.')[4], 'base64url').toString('utf8')).not.toContain('recognisable');
    });

    it('gives different sealed values for the same plaintext (random IV)', () => {
      const first = seal(ring, 'same', CTX);
      const second = seal(ring, 'same', CTX);
      expect(first).not.toBe(second);
      expect(first.split('.')[2]).not.toBe(second.split('.')[2]);
      expect(open(ring, first, CTX)).toBe('same');
      expect(open(ring, second, CTX)).toBe('same');
    });
  });

  describe('context binding', () => {
    const ring = makeKeyring(KEY_A);

    it('refuses to open with another context', () => {
      const sealed = seal(ring, 'secret', 'host:1');
      expect(() => open(ring, sealed, 'host:2')).toThrow(INTEGRITY);
      expect(() => open(ring, sealed, '')).toThrow(INTEGRITY);
      expect(() => open(ring, sealed, 'host:1 ')).toThrow(INTEGRITY);
    });

    it('binds the empty context too', () => {
      const sealed = seal(ring, 'secret', '');
      expect(open(ring, sealed, '')).toBe('secret');
      expect(() => open(ring, sealed, 'host:1')).toThrow(INTEGRITY);
    });
  });

  describe('tampering', () => {
    const ring = makeKeyring(KEY_A);
    const sealed = seal(ring, 'the plaintext', CTX);

    it('detects a flipped bit in the ciphertext', () => {
      expect(() => open(ring, withPart(sealed, 4, flipBit(sealed.split('.')[4])), CTX)).toThrow(INTEGRITY);
    });

    it('detects a flipped bit in the tag', () => {
      expect(() => open(ring, withPart(sealed, 3, flipBit(sealed.split('.')[3], 15)), CTX)).toThrow(INTEGRITY);
    });

    it('detects a flipped bit in the IV', () => {
      expect(() => open(ring, withPart(sealed, 2, flipBit(sealed.split('.')[2], 5)), CTX)).toThrow(INTEGRITY);
    });

    it('detects a truncated ciphertext', () => {
      const body = Buffer.from(sealed.split('.')[4], 'base64url');
      expect(() => open(ring, withPart(sealed, 4, body.subarray(0, body.length - 1).toString('base64url')), CTX)).toThrow(INTEGRITY);
    });

    it('detects an emptied ciphertext', () => {
      expect(() => open(ring, withPart(sealed, 4, ''), CTX)).toThrow(INTEGRITY);
    });

    it('detects ciphertexts swapped between two sealed values', () => {
      const other = seal(ring, 'other plaintext', CTX);
      expect(() => open(ring, withPart(sealed, 4, other.split('.')[4]), CTX)).toThrow(INTEGRITY);
    });

    // AES-GCM tags can be checked on a prefix only if the decipher is not told the expected tag
    // length; a truncated tag must not be accepted, or forging gets 2^96 times easier.
    it('refuses a tag truncated to its first 12, 8 or 4 bytes', () => {
      const tag = Buffer.from(sealed.split('.')[3], 'base64url');
      for (const length of [12, 8, 4]) {
        const truncated = withPart(sealed, 3, tag.subarray(0, length).toString('base64url'));
        expect(() => open(ring, truncated, CTX), `${length}-byte tag`).toThrow(INTEGRITY);
      }
    });

    it('reports a tag of an impossible length as an integrity failure, not a crypto library error', () => {
      const tag = Buffer.from(sealed.split('.')[3], 'base64url');
      expect(() => open(ring, withPart(sealed, 3, tag.subarray(0, 3).toString('base64url')), CTX)).toThrow(INTEGRITY);
    });
  });

  describe('malformed sealed strings', () => {
    const ring = makeKeyring(KEY_A);
    const good = seal(ring, 'x', CTX);
    const [, keyId, iv, tag, body] = good.split('.');

    it.each([
      ['the empty string', ''],
      ['plain text', 'not sealed at all'],
      ['a wrong version', `v2.${keyId}.${iv}.${tag}.${body}`],
      ['an upper-case version', `V1.${keyId}.${iv}.${tag}.${body}`],
      ['a missing key id', `v1..${iv}.${tag}.${body}`],
      ['a missing iv', `v1.${keyId}..${tag}.${body}`],
      ['a missing tag', `v1.${keyId}.${iv}..${body}`],
      ['too few parts', `v1.${keyId}.${iv}.${tag}`],
      ['an extra part', `${good}.extra`],
      ['a trailing dot', `${good}.`],
    ])('rejects %s as unreadable', (_label, sealed) => {
      expect(() => open(ring, sealed, CTX)).toThrow(FORMAT);
    });
  });

  describe('keys and rotation', () => {
    it('derives the key id from the key: 12 hex characters of its SHA-256', () => {
      expect(keyIdOf(KEY_A)).toBe(createHash('sha256').update(KEY_A).digest('hex').slice(0, 12));
      expect(keyIdOf(KEY_A)).toMatch(/^[0-9a-f]{12}$/);
      expect(keyIdOf(KEY_A)).not.toBe(keyIdOf(KEY_B));
    });

    it('names the unknown key in the error when a value was sealed with a key that is not configured', () => {
      const sealed = seal(makeKeyring(KEY_A), 'secret', CTX);
      const error = (() => {
        try {
          open(makeKeyring(KEY_B), sealed, CTX);
        } catch (e) {
          return e as Error;
        }
      })();
      expect(error).toBeInstanceOf(Error);
      expect(error!.message).toContain(keyIdOf(KEY_A));
      expect(error!.message).toContain('not configured');
      expect(error!.message).toContain('WHARF_SECRET_KEY');
    });

    it('opens values sealed with a retired key after rotation, and seals new values with the new key', () => {
      const oldRing = makeKeyring(KEY_A);
      const oldSealed = seal(oldRing, 'old secret', CTX);
      const rotated = makeKeyring(KEY_B, [KEY_A]);

      expect(open(rotated, oldSealed, CTX)).toBe('old secret');
      const newSealed = seal(rotated, 'new secret', CTX);
      expect(newSealed.split('.')[1]).toBe(keyIdOf(KEY_B));
      expect(open(rotated, newSealed, CTX)).toBe('new secret');
      // The old keyring cannot open what the new current key sealed.
      expect(() => open(oldRing, newSealed, CTX)).toThrow(keyIdOf(KEY_B));
    });

    it('keeps several retired keys', () => {
      const fromA = seal(makeKeyring(KEY_A), 'a', CTX);
      const fromB = seal(makeKeyring(KEY_B), 'b', CTX);
      const ring = makeKeyring(KEY_C, [KEY_B, KEY_A]);
      expect(open(ring, fromA, CTX)).toBe('a');
      expect(open(ring, fromB, CTX)).toBe('b');
      expect(ring.current.id).toBe(keyIdOf(KEY_C));
      expect([...ring.byId.keys()].sort()).toEqual([keyIdOf(KEY_A), keyIdOf(KEY_B), keyIdOf(KEY_C)].sort());
    });

    it('needsReseal is true for values sealed with a retired key and false for the current key', () => {
      const oldSealed = seal(makeKeyring(KEY_A), 'x', CTX);
      const rotated = makeKeyring(KEY_B, [KEY_A]);
      expect(needsReseal(rotated, oldSealed)).toBe(true);
      expect(needsReseal(rotated, seal(rotated, 'x', CTX))).toBe(false);
      expect(needsReseal(makeKeyring(KEY_A), oldSealed)).toBe(false);
    });

    it('needsReseal is true for a value that names no key', () => {
      expect(needsReseal(makeKeyring(KEY_A), 'garbage')).toBe(true);
    });

    it.each([0, 16, 31, 33, 64])('rejects a key of %i bytes', (length) => {
      expect(() => makeKeyring(Buffer.alloc(length, 1))).toThrow(/32 bytes/);
      expect(() => makeKeyring(KEY_A, [Buffer.alloc(length, 1)])).toThrow(/32 bytes/);
    });
  });
});
