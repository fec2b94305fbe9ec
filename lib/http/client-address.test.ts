import { describe, expect, it } from 'vitest';
import { clientAddress, NO_PROXIES, pinClientHeaders, trustedProxies } from './client-address.ts';

describe('clientAddress', () => {
  const proxy = trustedProxies(['10.0.0.5', '192.168.10.0/24', '::1']);

  it('is the socket address when no proxy is configured, whatever the request claims', () => {
    expect(clientAddress('203.0.113.7', '198.51.100.1', NO_PROXIES)).toBe('203.0.113.7');
    expect(clientAddress('10.0.0.5', '198.51.100.1', NO_PROXIES)).toBe('10.0.0.5');
  });

  it('ignores the header from a peer that is not a listed proxy', () => {
    expect(clientAddress('203.0.113.7', '198.51.100.1', proxy)).toBe('203.0.113.7');
  });

  it('takes the nearest untrusted hop behind listed proxies, never what the client wrote further left', () => {
    expect(clientAddress('10.0.0.5', '198.51.100.1', proxy)).toBe('198.51.100.1');
    // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
    expect(clientAddress('10.0.0.5', '1.2.3.4, 198.51.100.1', proxy)).toBe('198.51.100.1');
    // Two proxies in a row, both listed; the header split over two lines.
    expect(clientAddress('::ffff:10.0.0.5', ['1.2.3.4, 198.51.100.1', '192.168.10.20'], proxy)).toBe('198.51.100.1');
    expect(clientAddress('::1', '[2001:db8::7]', proxy)).toBe('2001:db8::7');
  });

  it('stops at a malformed entry, and stays with the proxy when there is no header', () => {
    expect(clientAddress('10.0.0.5', 'not-an-ip, 198.51.100.1', proxy)).toBe('198.51.100.1');
    expect(clientAddress('10.0.0.5', '198.51.100.1, unknown', proxy)).toBe('10.0.0.5');
    expect(clientAddress('10.0.0.5', undefined, proxy)).toBe('10.0.0.5');
    expect(clientAddress('10.0.0.5', '192.168.10.3', proxy)).toBe('192.168.10.3');
  });

  it('refuses a list entry that is not an address or range', () => {
    expect(() => trustedProxies(['10.0.0.0/8', 'proxy.example'])).toThrow('"proxy.example" is not an IP address or range');
  });
});

describe('pinClientHeaders', () => {
  const request = (remoteAddress: string, headers: Record<string, string>) => ({ socket: { remoteAddress }, headers: { ...headers } }) as unknown as import('node:http').IncomingMessage;

  it("replaces the client's own claims with what the console saw", () => {
    const req = request('203.0.113.7', { host: 'wharf.local:3000', 'x-wharf-client-ip': '127.0.0.1', 'x-forwarded-for': '127.0.0.1', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' });
    expect(pinClientHeaders(req, trustedProxies(['10.0.0.5']))).toBe('203.0.113.7');
    expect(req.headers).toMatchObject({ 'x-wharf-client-ip': '203.0.113.7', 'x-forwarded-host': 'wharf.local:3000', 'x-forwarded-proto': 'http' });
  });

  it('believes a listed proxy', () => {
    const req = request('10.0.0.5', { host: 'wharf.example.com', 'x-forwarded-for': '198.51.100.1' });
    expect(pinClientHeaders(req, trustedProxies(['10.0.0.5']))).toBe('198.51.100.1');
    expect(req.headers['x-wharf-client-ip']).toBe('198.51.100.1');
  });
});
