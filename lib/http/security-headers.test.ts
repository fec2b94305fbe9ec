// Case 44's policy, as built: scripts only by this response's nonce (never eval in production),
// the directives a console needs, the nonce where Next.js looks for it, and the two files that
// send the headers (proxy.ts, next.config.js) holding to these values.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import type { NextConfig } from 'next';
import { tryToParsePath } from 'next/dist/lib/try-to-parse-path.js';
import { getScriptNonceFromHeader } from 'next/dist/server/app-render/get-script-nonce-from-header.js';
import { NextRequest } from 'next/server';
import { describe, expect, it } from 'vitest';
import { config as proxyConfig, proxy } from '@/proxy.ts';
import { CSP_HEADER, makeNonce, NONCE_HEADER, pagePolicy, PERMISSIONS_POLICY, ROUTE_POLICY, STATIC_HEADERS } from './security-headers.ts';

const NONCE = 'q2Xw0L4bTq6f1n8dYp3ZkA==';

/** A policy as a map of directive → sources. */
function directives(policy: string): Map<string, string[]> {
  return new Map(policy.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...sources]) => [name, sources]));
}

describe('pagePolicy', () => {
  const production = directives(pagePolicy(NONCE, { dev: false }));
  const dev = directives(pagePolicy(NONCE, { dev: true }));

  it('runs scripts by the nonce and what they load, never eval or inline code, in production', () => {
    expect(production.get('script-src')).toEqual(["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'"]);
    for (const policy of [production, dev]) {
      for (const [name, sources] of policy) {
        if (name.startsWith('script-src') || name === 'default-src') expect(sources, name).not.toContain("'unsafe-inline'");
      }
    }
    expect([...production.values()].flat()).not.toContain("'unsafe-eval'");
  });

  it('allows eval in development only, and only for scripts', () => {
    expect(dev.get('script-src')).toEqual(["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'", "'unsafe-eval'"]);
    expect(new Map([...dev].filter(([name]) => name !== 'script-src'))).toEqual(new Map([...production].filter(([name]) => name !== 'script-src')));
  });

  it('closes framing, plugins, <base>, foreign forms and foreign connections', () => {
    expect(production.get('default-src')).toEqual(["'self'"]);
    expect(production.get('frame-ancestors')).toEqual(["'none'"]);
    expect(production.get('object-src')).toEqual(["'none'"]);
    expect(production.get('frame-src')).toEqual(["'none'"]);
    expect(production.get('base-uri')).toEqual(["'none'"]);
    expect(production.get('form-action')).toEqual(["'self'"]);
    expect(production.get('connect-src')).toEqual(["'self'"]);
    expect(production.get('img-src')).toEqual(["'self'", 'data:']);
    expect(production.get('font-src')).toEqual(["'self'"]);
    // What had to be allowed (docs/architecture.md, "Browser protections"): inline styles, no style sources elsewhere.
    expect(production.get('style-src')).toEqual(["'self'", "'unsafe-inline'"]);
    expect([...production.values()].flat().filter((s) => !s.startsWith("'") && s !== 'data:')).toEqual([]);
  });

  it('puts the nonce where Next.js reads it from', () => {
    expect(getScriptNonceFromHeader(pagePolicy(NONCE, { dev: false }))).toBe(NONCE);
    expect(getScriptNonceFromHeader(pagePolicy(NONCE, { dev: true }))).toBe(NONCE);
  });

  it('refuses a nonce that is not base64 of 16 bytes or more', () => {
    for (const bad of ['', 'short==', "q2Xw0L4bTq6f1n8dYp3ZkA=='; script-src *", 'q2Xw0L4bTq6f1n8dYp3Zk A==', 'q2Xw0L4bTq6f1n8dYp3ZkA==\r\nSet-Cookie: x=1']) {
      expect(() => pagePolicy(bad, { dev: false }), JSON.stringify(bad)).toThrow(/nonce/);
    }
  });
});

describe('makeNonce', () => {
  it('makes 16 random bytes in base64, different every time, that a policy accepts', () => {
    const nonces = Array.from({ length: 50 }, makeNonce);
    expect(new Set(nonces).size).toBe(50);
    for (const nonce of nonces) {
      expect(Buffer.from(nonce, 'base64')).toHaveLength(16);
      expect(getScriptNonceFromHeader(pagePolicy(nonce, { dev: false }))).toBe(nonce);
    }
  });
});

describe('ROUTE_POLICY', () => {
  it('lets nothing load or run, frame or be framed', () => {
    const route = directives(ROUTE_POLICY);
    expect(route.get('default-src')).toEqual(["'none'"]);
    expect(route.get('frame-ancestors')).toEqual(["'none'"]);
    expect(route.get('base-uri')).toEqual(["'none'"]);
    expect(getScriptNonceFromHeader(ROUTE_POLICY)).toBeUndefined();
  });
});

describe('PERMISSIONS_POLICY', () => {
  it('denies the devices and sensors a console never uses', () => {
    const denied = new Map(PERMISSIONS_POLICY.split(', ').map((entry) => entry.split('=') as [string, string]));
    for (const feature of ['camera', 'microphone', 'geolocation', 'usb', 'serial', 'hid', 'payment', 'display-capture']) expect(denied.get(feature), feature).toBe('()');
    expect([...denied.values()].every((allow) => allow === '()')).toBe(true);
  });
});

describe('proxy.ts', () => {
  it('sends a page policy with a fresh nonce, and hands the same nonce and policy to the render', () => {
    const seen = new Set<string>();
    for (let i = 0; i < 3; i++) {
      const response = proxy(new NextRequest('http://127.0.0.1:3000/hosts', { headers: { [NONCE_HEADER]: 'forged', [CSP_HEADER]: "script-src 'unsafe-inline'" } }));
      const policy = response.headers.get(CSP_HEADER)!;
      const nonce = getScriptNonceFromHeader(policy)!;
      expect(policy).toBe(pagePolicy(nonce, { dev: false }));
      // NextResponse.next({ request: { headers } }) passes the request's headers on like this.
      expect(response.headers.get(`x-middleware-request-${NONCE_HEADER}`)).toBe(nonce);
      expect(response.headers.get(`x-middleware-request-${CSP_HEADER.toLowerCase()}`)).toBe(policy);
      seen.add(nonce);
    }
    expect(seen.size).toBe(3);
  });

  it('leaves route handlers and static files to next.config.js', () => {
    // The matchers as Next.js parses them (path-to-regexp).
    const compiled = proxyConfig.matcher.map((source) => new RegExp(tryToParsePath(source).regexStr!));
    const matches = (pathname: string) => compiled.some((regexp) => regexp.test(pathname));
    for (const page of ['/', '/hosts', '/containers/h1/c1/terminal', '/login', '/setup', '/apiary', '/no-such-page']) expect(matches(page), page).toBe(true);
    for (const other of ['/api', '/api/hosts', '/api/auth/session', '/_next/static/chunks/a.js', '/_next/image']) expect(matches(other), other).toBe(false);
  });
});

describe('next.config.js', () => {
  it('sends the static headers everywhere, and the route policy (only) on route handlers', async () => {
    const file = pathToFileURL(path.resolve(import.meta.dirname, '../../next.config.js')).href;
    const nextConfig = ((await import(file)) as { default: NextConfig }).default;
    const rules = await nextConfig.headers!();
    const headersOf = (source: string) => Object.fromEntries(rules.find((r) => r.source === source)!.headers.map((h) => [h.key, h.value]));
    expect(headersOf('/:path*')).toEqual(STATIC_HEADERS);
    expect(headersOf('/api/:path*')).toEqual({ [CSP_HEADER]: ROUTE_POLICY });
    // A second policy on a page would be enforced as well as the nonce one.
    expect(rules.filter((r) => r.headers.some((h) => h.key.toLowerCase() === 'content-security-policy')).map((r) => r.source)).toEqual(['/api/:path*']);
  });
});
