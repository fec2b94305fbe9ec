import { describe, expect, it } from 'vitest';
import { safeCallback } from '@/components/auth/login-form.tsx';

const SITE = 'https://wharf.example';
/** Where a browser (and Next's router) would actually go for a callback value. */
const resolved = (value: string) => new URL(value, SITE);

describe('safeCallback', () => {
  it.each(['/', '/hosts', '/hosts?x=1', '/hosts/abc#facts', '/users?role=admin&page=2', '/a//b', '/hosts/%2F%2Fevil.com'])('keeps the local path %s', (value) => {
    expect(safeCallback(value)).toBe(value);
    expect(resolved(safeCallback(value)).origin).toBe(SITE);
  });

  it.each([
    ['null', null],
    ['the empty string', ''],
    ['a protocol-relative URL', '//evil.com'],
    ['a protocol-relative URL with a path', '//evil.com/hosts'],
    ['a backslash trick', '/\\evil.com'],
    ['a double backslash', '\\\\evil.com'],
    ['an absolute https URL', 'https://evil.com'],
    ['an absolute http URL', 'http://evil.com/hosts'],
    ['a javascript URL', 'javascript:alert(1)'],
    ['a data URL', 'data:text/html,<script>alert(1)</script>'],
    ['a relative path', 'hosts'],
    ['a leading space', ' /hosts'],
  ])('refuses %s, sending the user to /', (_label, value) => {
    expect(safeCallback(value)).toBe('/');
  });

  // The URL parser removes ASCII tab and newline anywhere in a URL, so "/\t/evil.com" becomes
  // "//evil.com" — another site — although it starts with a single "/".
  it('refuses paths with a tab, CR or LF that a browser resolves to another origin', () => {
    // What ?callbackUrl=/%09/evil.com gives after URLSearchParams decoding.
    for (const value of ['/\t/evil.com', '/\n/evil.com', '/\r/evil.com', '/\t\\evil.com', '/\r\n/evil.com']) {
      expect(resolved(value).origin, JSON.stringify(value)).not.toBe(SITE);
      expect(safeCallback(value), JSON.stringify(value)).toBe('/');
    }
  });

  it('whatever it returns stays on this site', () => {
    const attempts = ['//evil.com', '/\\evil.com', 'https://evil.com', 'javascript:alert(1)', '/\t/evil.com', '/\n/evil.com', '/%09/evil.com', '/.//evil.com'];
    for (const value of attempts) expect(resolved(safeCallback(value)).origin, JSON.stringify(value)).toBe(SITE);
  });
});
