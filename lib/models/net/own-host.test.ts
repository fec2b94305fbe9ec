import { describe, expect, it } from 'vitest';
import { hostOf, isOwnHost, type ConsoleNames } from './own-host.ts';

const machine: ConsoleNames = { publicHost: null, hostnames: ['Dock-01'], addresses: ['0.0.0.0', '10.0.0.7', 'fe80::1c2:3ff:fe04:506', '::ffff:192.168.1.20'] };

describe('hostOf', () => {
  it('takes the host out of a Host header', () => {
    expect(hostOf('Wharf.Example.com:3000')).toBe('wharf.example.com');
    expect(hostOf('[::1]:3000')).toBe('::1');
    expect(hostOf('10.0.0.7')).toBe('10.0.0.7');
    expect(hostOf('dock-01.')).toBe('dock-01');
    for (const bad of ['', ':3000', 'a b', 'evil.example:3000:1', '[nope]:3000', 'user@host', 'x:99999999']) expect(hostOf(bad), bad).toBeNull();
  });
});

describe('isOwnHost (case 42)', () => {
  it("accepts the console's own names, whatever the port", () => {
    for (const host of ['localhost:3000', 'LOCALHOST', 'wharf.localhost:3000', '127.0.0.1:3000', '127.1.2.3', '[::1]:3000', '[::ffff:127.0.0.1]:3000', '10.0.0.7:3000', '192.168.1.20', '[fe80::1c2:3ff:fe04:506]', 'dock-01:3000', 'Dock-01.:80']) {
      expect(isOwnHost(host, machine), host).toBe(true);
    }
  });

  it('refuses any other name: a rebinding page sends its own', () => {
    for (const host of ['evil.example:3000', 'dock-01.evil.example', 'localhost.evil.example', '10.0.0.8:3000', '0.0.0.0:3000', '[::]:3000', 'dock-02', '', undefined, null, 'localhost:3000:1']) {
      expect(isOwnHost(host, machine), String(host)).toBe(false);
    }
  });

  it("accepts WHARF_PUBLIC_URL's host as well", () => {
    const behindProxy = { ...machine, publicHost: 'wharf.example.com' };
    expect(isOwnHost('wharf.example.com', behindProxy)).toBe(true);
    expect(isOwnHost('WHARF.example.com:443', behindProxy)).toBe(true);
    expect(isOwnHost('wharf.example.org', behindProxy)).toBe(false);
  });
});
