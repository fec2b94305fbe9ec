import { describe, expect, it } from 'vitest';
import { expectedOrigin, originAllowed } from '@/lib/realtime/server/check-origin.ts';

describe('check-origin', () => {
  describe('expectedOrigin', () => {
    it('uses the origin of the public URL, ignoring its path, query and trailing slash', () => {
      expect(expectedOrigin('https://wharf.example.com', 'ignored:3000')).toBe('https://wharf.example.com');
      expect(expectedOrigin('https://wharf.example.com/', undefined)).toBe('https://wharf.example.com');
      expect(expectedOrigin('https://wharf.example.com/console/?x=1#top', undefined)).toBe('https://wharf.example.com');
    });

    it('keeps a non-default port and drops a default one', () => {
      expect(expectedOrigin('https://wharf.example.com:8443/', undefined)).toBe('https://wharf.example.com:8443');
      expect(expectedOrigin('https://wharf.example.com:443/', undefined)).toBe('https://wharf.example.com');
      expect(expectedOrigin('http://wharf.example.com:80', undefined)).toBe('http://wharf.example.com');
    });

    it('lower-cases the host of the public URL', () => {
      expect(expectedOrigin('https://Wharf.Example.COM', undefined)).toBe('https://wharf.example.com');
    });

    it('without a public URL, uses http and the Host header', () => {
      expect(expectedOrigin(undefined, 'localhost:3000')).toBe('http://localhost:3000');
      expect(expectedOrigin('', '10.0.0.5:3000')).toBe('http://10.0.0.5:3000');
    });

    it('is null without a public URL and without a Host header', () => {
      expect(expectedOrigin(undefined, undefined)).toBeNull();
      expect(expectedOrigin(undefined, '')).toBeNull();
    });

    it('throws on a malformed public URL rather than allowing anything', () => {
      expect(() => expectedOrigin('not a url', 'localhost:3000')).toThrow();
    });
  });

  describe('originAllowed', () => {
    const expected = 'https://wharf.example.com';

    it('accepts the exact origin', () => {
      expect(originAllowed('https://wharf.example.com', expected)).toBe(true);
    });

    it('accepts the origin in another case or with an explicit default port (the same origin)', () => {
      expect(originAllowed('https://WHARF.example.com', expected)).toBe(true);
      expect(originAllowed('https://wharf.example.com:443', expected)).toBe(true);
    });

    it.each([
      ['undefined', undefined],
      ['null', null],
      ['the empty string', ''],
      ["the string 'null' (opaque origin: sandboxed frame, file://)", 'null'],
      ['a malformed origin', 'not a url'],
      ['a bare host name', 'wharf.example.com'],
      ['another scheme', 'http://wharf.example.com'],
      ['a websocket scheme', 'wss://wharf.example.com'],
      ['another port', 'https://wharf.example.com:8443'],
      ['another host', 'https://evil.example.com'],
      ['a subdomain', 'https://sub.wharf.example.com'],
      ['a suffix attack', 'https://wharf.example.com.evil.com'],
      ['a prefix attack', 'https://evilwharf.example.com'],
      ['userinfo pointing elsewhere', 'https://wharf.example.com@evil.com'],
      ['a file origin', 'file:///etc/passwd'],
      ['a javascript URL', 'javascript:alert(1)'],
    ])('rejects %s', (_label, origin) => {
      expect(originAllowed(origin, expected)).toBe(false);
    });

    it('rejects everything when there is no expected origin', () => {
      expect(originAllowed('https://wharf.example.com', null)).toBe(false);
      expect(originAllowed('null', null)).toBe(false);
    });

    it('works with an expected origin derived from the Host header', () => {
      const fromHost = expectedOrigin(undefined, 'localhost:3000');
      expect(originAllowed('http://localhost:3000', fromHost)).toBe(true);
      expect(originAllowed('http://localhost:3001', fromHost)).toBe(false);
      expect(originAllowed('https://localhost:3000', fromHost)).toBe(false);
      expect(originAllowed('http://127.0.0.1:3000', fromHost)).toBe(false);
    });

    it('works with an expected origin derived from a public URL with a path', () => {
      const fromUrl = expectedOrigin('https://wharf.example.com/console/', undefined);
      expect(originAllowed('https://wharf.example.com', fromUrl)).toBe(true);
      expect(originAllowed('https://wharf.example.com:444', fromUrl)).toBe(false);
    });
  });
});
