import { describe, expect, it } from 'vitest';
import { addressOf, parseAddress, type ConnectionSpec } from '@/lib/models/hosts/connection-spec.ts';

const TLS = { ca: 'ca', cert: 'cert', key: 'key' };
const SSH = { privateKey: 'key' };
const tcp = (host: string, port: number): ConnectionSpec => ({ transport: 'tcp', host, port, tls: TLS });
const ssh = (username: string, host: string, port: number): ConnectionSpec => ({ transport: 'ssh', host, port, username, ssh: SSH, hostKey: null });

describe('connection-spec', () => {
  describe('addressOf', () => {
    it('is the socket path for unix', () => {
      expect(addressOf({ transport: 'unix', socketPath: '/var/run/docker.sock' })).toBe('/var/run/docker.sock');
    });

    it('is host:port for tcp', () => {
      expect(addressOf(tcp('engine.example', 2376))).toBe('engine.example:2376');
      expect(addressOf(tcp('10.0.0.5', 2376))).toBe('10.0.0.5:2376');
    });

    it('brackets an IPv6 host', () => {
      expect(addressOf(tcp('2001:db8::1', 2376))).toBe('[2001:db8::1]:2376');
      expect(addressOf(tcp('::1', 2376))).toBe('[::1]:2376');
    });

    it('is user@host:port for ssh', () => {
      expect(addressOf(ssh('deploy', 'engine.example', 22))).toBe('deploy@engine.example:22');
      expect(addressOf(ssh('deploy', 'fe80::1', 2222))).toBe('deploy@[fe80::1]:2222');
    });

    it('does not include secrets', () => {
      const address = addressOf({ transport: 'ssh', host: 'h', port: 22, username: 'u', ssh: { privateKey: 'SECRET-KEY', passphrase: 'SECRET-PASS' }, hostKey: 'SHA256:abc' });
      expect(address).not.toContain('SECRET');
    });
  });

  describe('parseAddress', () => {
    it('reads a unix socket path as is', () => {
      expect(parseAddress('unix', '/var/run/docker.sock')).toEqual({ socketPath: '/var/run/docker.sock' });
      expect(parseAddress('unix', '/home/me/.docker/run/docker.sock')).toEqual({ socketPath: '/home/me/.docker/run/docker.sock' });
    });

    it('reads host:port', () => {
      expect(parseAddress('tcp', 'engine.example:2376')).toEqual({ username: undefined, host: 'engine.example', port: 2376 });
      expect(parseAddress('tcp', '10.0.0.5:2376')).toEqual({ username: undefined, host: '10.0.0.5', port: 2376 });
    });

    it('reads a bracketed IPv6 host without its brackets', () => {
      expect(parseAddress('tcp', '[2001:db8::1]:2376')).toEqual({ username: undefined, host: '2001:db8::1', port: 2376 });
    });

    it('reads user@host:port', () => {
      expect(parseAddress('ssh', 'deploy@engine.example:22')).toEqual({ username: 'deploy', host: 'engine.example', port: 22 });
      expect(parseAddress('ssh', 'deploy@[fe80::1]:2222')).toEqual({ username: 'deploy', host: 'fe80::1', port: 2222 });
    });

    it.each([
      ['unix', { transport: 'unix', socketPath: '/run/user/1000/docker.sock' }],
      ['tcp with a DNS name', tcp('engine-01.prod.example.com', 2376)],
      ['tcp with IPv4', tcp('192.168.1.20', 12376)],
      ['tcp with IPv6', tcp('2001:db8:85a3::8a2e:370:7334', 2376)],
      ['tcp with IPv6 loopback', tcp('::1', 1)],
      ['ssh with a host name', ssh('deploy', 'engine.example', 22)],
      ['ssh with a dotted user and high port', ssh('ci.runner_1', 'engine.example', 65535)],
      ['ssh with IPv6', ssh('root', '2001:db8::2', 2222)],
    ] as [string, ConnectionSpec][])('round-trips %s', (_label, spec) => {
      const parsed = parseAddress(spec.transport, addressOf(spec));
      if (spec.transport === 'unix') expect(parsed).toEqual({ socketPath: spec.socketPath });
      else expect(parsed).toEqual({ username: spec.transport === 'ssh' ? spec.username : undefined, host: spec.host, port: spec.port });
    });

    it.each([
      ['an empty string', ''],
      ['a host without a port', 'engine.example'],
      ['a trailing colon', 'engine.example:'],
      ['a port without a host', ':2376'],
      ['a non-numeric port', 'engine.example:abc'],
      ['a negative port', 'engine.example:-1'],
      ['an unbracketed IPv6 address', '2001:db8::1:2376'],
      ['an unclosed bracket', '[2001:db8::1:2376'],
      ['a bracketed IPv6 address without a port', '[::1]'],
      ['a URL', 'tcp://engine.example:2376'],
      ['a trailing path', 'engine.example:2376/'],
      ['a trailing newline', 'engine.example:2376\n'],
    ])('throws on %s, quoting the address', (_label, address) => {
      expect(() => parseAddress('tcp', address)).toThrow(`Stored address "${address}" is not host:port`);
      expect(() => parseAddress('ssh', address)).toThrow(/is not host:port/);
    });
  });
});
